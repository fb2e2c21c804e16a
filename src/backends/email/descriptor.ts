// PLACEHOLDER while the email adapter is being written: replace this whole file.
import type { EmailBackendConfig } from '../../core/config.js';
import { HelpdeskError } from '../../core/errors.js';
import { NOTHING_BUT_CREATE, type BackendDescriptor } from '../descriptor.js';

export const email: BackendDescriptor<EmailBackendConfig> = {
  capabilities: () => NOTHING_BUT_CREATE,
  signedIn: () => true,
  load: () => Promise.reject(new HelpdeskError('setup', { detail: 'the email adapter is not written yet' })),
};
