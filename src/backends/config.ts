/**
 * `backend` of the page's configuration: one schema per helpdesk (`<helpdesk>/config.ts`,
 * beside its adapter), chosen by `type`. The page's whole configuration is assembled
 * from it one floor up (`src/config/`); core knows no helpdesk.
 */
import * as z from 'zod/mini';
import { emailBackend, type EmailBackendConfig } from './email/config.js';
import { freshdeskBackend, type FreshdeskBackendConfig } from './freshdesk/config.js';
import { glpiBackend, type GlpiBackendConfig } from './glpi/config.js';
import { restBackend, type RestBackendConfig } from './rest/config.js';
import { rtBackend, type RtBackendConfig } from './rt/config.js';
import { zammadBackend, type ZammadBackendConfig } from './zammad/config.js';

export const backendSchema = z.discriminatedUnion('type', [glpiBackend, rtBackend, freshdeskBackend, zammadBackend, restBackend, emailBackend]);

export type BackendConfig = z.infer<typeof backendSchema>;
export type BackendType = BackendConfig['type'];
export type { EmailBackendConfig, FreshdeskBackendConfig, GlpiBackendConfig, RestBackendConfig, RtBackendConfig, ZammadBackendConfig };

/** Where a backend configuration sends tickets: its API or relay URL, or its email address. */
export const backendAddress = (backend: BackendConfig): string => ('url' in backend ? backend.url : `mailto:${backend.to}`);
