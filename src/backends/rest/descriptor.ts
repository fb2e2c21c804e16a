// PLACEHOLDER while the rest adapter is being written: replace this whole file.
import type { RestBackendConfig } from '../../core/config.js';
import { HelpdeskError } from '../../core/errors.js';
import { NOTHING_BUT_CREATE, type BackendDescriptor } from '../descriptor.js';

export const rest: BackendDescriptor<RestBackendConfig> = {
  capabilities: () => NOTHING_BUT_CREATE,
  signedIn: () => true,
  load: () => Promise.reject(new HelpdeskError('setup', { detail: 'the rest adapter is not written yet' })),
};
