// PLACEHOLDER while the rt adapter is being written: replace this whole file.
import type { RtBackendConfig } from '../../core/config.js';
import { HelpdeskError } from '../../core/errors.js';
import { NOTHING_BUT_CREATE, type BackendDescriptor } from '../descriptor.js';

export const rt: BackendDescriptor<RtBackendConfig> = {
  capabilities: () => NOTHING_BUT_CREATE,
  signedIn: () => true,
  load: () => Promise.reject(new HelpdeskError('setup', { detail: 'the rt adapter is not written yet' })),
};
