// PLACEHOLDER while the zammad adapter is being written: replace this whole file.
import type { ZammadBackendConfig } from '../../core/config.js';
import { HelpdeskError } from '../../core/errors.js';
import { NOTHING_BUT_CREATE, type BackendDescriptor } from '../descriptor.js';

export const zammad: BackendDescriptor<ZammadBackendConfig> = {
  capabilities: () => NOTHING_BUT_CREATE,
  signedIn: () => true,
  load: () => Promise.reject(new HelpdeskError('setup', { detail: 'the zammad adapter is not written yet' })),
};
