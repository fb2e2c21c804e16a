/**
 * The adapter for a backend configuration. Elements call `createBackend` and
 * then only see the HelpdeskBackend interface.
 */
import type { BackendConfig } from '../core/config.js';
import { GlpiBackend, type GlpiBackendOptions } from './glpi/glpi-backend.js';
import type { HelpdeskBackend } from './types.js';

/** Options every adapter understands; adapter-specific ones are ignored by the others. */
export type BackendOptions = GlpiBackendOptions;

export function createBackend(config: BackendConfig, options: BackendOptions = {}): HelpdeskBackend {
  switch (config.type) {
    case 'glpi':
      return new GlpiBackend(config, options);
    default:
      throw new Error(`no adapter for backend type ${JSON.stringify((config as { type?: unknown }).type)}`);
  }
}

export type * from './types.js';
export type { GlpiBackendOptions } from './glpi/glpi-backend.js';
export type { TokenStore } from '../store/session-token.js';
export { GlpiBackend } from './glpi/glpi-backend.js';
export { memoryTokenStore, sessionTokenStore } from '../store/session-token.js';
