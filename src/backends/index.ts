/**
 * The adapter for a backend configuration. Elements call `createBackend` and
 * then only see the HelpdeskBackend interface.
 */
import type { BackendConfig } from '../core/config.js';
import { GlpiBackend } from './glpi/glpi-backend.js';
import type { HelpdeskBackend } from './types.js';

/**
 * The configuration schema admits GLPI only; when another backend joins the
 * union, TypeScript refuses this line until it picks the adapter by `type`.
 */
export const createBackend = (config: BackendConfig): HelpdeskBackend => new GlpiBackend(config);

export type * from './types.js';
