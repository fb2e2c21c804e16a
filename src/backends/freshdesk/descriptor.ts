// PLACEHOLDER while the freshdesk adapter is being written: replace this whole file.
import type { FreshdeskBackendConfig } from '../../core/config.js';
import { HelpdeskError } from '../../core/errors.js';
import { NOTHING_BUT_CREATE, type BackendDescriptor } from '../descriptor.js';

export const freshdesk: BackendDescriptor<FreshdeskBackendConfig> = {
  capabilities: () => NOTHING_BUT_CREATE,
  signedIn: () => true,
  load: () => Promise.reject(new HelpdeskError('setup', { detail: 'the freshdesk adapter is not written yet' })),
};
