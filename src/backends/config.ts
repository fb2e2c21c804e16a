/**
 * `backend` of the page's configuration: one schema per helpdesk (`<helpdesk>/config.ts`,
 * beside its adapter), chosen by `type`. The page's whole configuration is assembled
 * from it one floor up (`src/config/`); core knows no helpdesk.
 */
import * as z from 'zod/mini';
import { once } from '../core/schema.js';
import { emailBackend, type EmailBackendConfig } from './email/config.js';
import { freshdeskBackend, type FreshdeskBackendConfig } from './freshdesk/config.js';
import { glpiBackend, type GlpiBackendConfig } from './glpi/config.js';
import { restBackend, type RestBackendConfig } from './rest/config.js';
import { rtBackend, type RtBackendConfig } from './rt/config.js';
import { zammadBackend, type ZammadBackendConfig } from './zammad/config.js';

/** Each helpdesk's schema, built when first asked for. */
const BACKENDS = { glpi: glpiBackend, rt: rtBackend, freshdesk: freshdeskBackend, zammad: zammadBackend, rest: restBackend, email: emailBackend };

export const BACKEND_TYPES = Object.keys(BACKENDS) as BackendType[];

export type BackendConfig = GlpiBackendConfig | RtBackendConfig | FreshdeskBackendConfig | ZammadBackendConfig | RestBackendConfig | EmailBackendConfig;
export type BackendType = BackendConfig['type'];

/**
 * The schema of `backend`: the configured helpdesk's alone when `type` names one (a page
 * builds one helpdesk's schema, not six), else the union of all, which says which
 * types there are.
 */
export function backendSchemaFor(type: unknown) {
  return typeof type === 'string' && Object.hasOwn(BACKENDS, type) ? BACKENDS[type as BackendType]() : allBackends();
}

const allBackends = once(() => z.discriminatedUnion('type', [glpiBackend(), rtBackend(), freshdeskBackend(), zammadBackend(), restBackend(), emailBackend()]));
export type { EmailBackendConfig, FreshdeskBackendConfig, GlpiBackendConfig, RestBackendConfig, RtBackendConfig, ZammadBackendConfig };

/** Where a backend configuration sends tickets: its API or relay URL, or its email address. */
export const backendAddress = (backend: BackendConfig): string => ('url' in backend ? backend.url : `mailto:${backend.to}`);
