/**
 * `backend` for the host application's own endpoint speaking our REST protocol
 * (docs/rest-protocol.md). What the host's routes offer beyond the required ones
 * is declared here, so that the elements know it before any call.
 */
import * as z from 'zod/mini';
import { nonEmpty, once, safeUrl, ticketUrl, timeout, userTokenAuth } from '../../core/schema.js';

/** Built on first use: a page builds only the schema of the helpdesk it configures. */
export const restBackend = once(() => {
  /** The protocol's optional parts, off unless the host says its server has them. */
  const restFeatures = z.strictObject({
    /** `GET …/categories` exists: the person picks a category. */
    categories: z._default(z.boolean(), false),
    /** Files go with a new ticket and a reply (multipart), and `GET …/documents/:id` gives them back. */
    attachments: z._default(z.boolean(), false),
    /** The `approve` and `refuse` transitions exist: the person answers a proposed solution. */
    approval: z._default(z.boolean(), false),
    /** `GET …/tickets?scope=organisation` lists the tickets of the person's organisation too. */
    organisationTickets: z._default(z.boolean(), false),
    /** `GET …/articles?q=` and `GET …/articles/:id` exist: the form suggests the application's help pages. */
    articles: z._default(z.boolean(), false),
  });

  return z.strictObject({
    type: z.literal('rest'),
    /** The protocol's root, e.g. `/api/support`; on the page's own origin the host's session cookie goes along. */
    url: safeUrl,
    /** A bearer token (`Authorization: Bearer …`), when the host's API wants one rather than its session cookie. */
    auth: userTokenAuth,
    /**
     * When the session cookie goes along: `same-origin` (default) sends it only to the page's own origin;
     * `include` also to another origin (e.g. `api.example.com`), whose CORS answers must then allow credentials.
     */
    cookies: z._default(z.enum(['same-origin', 'include']), 'same-origin'),
    /** Extra headers on every call, e.g. the CSRF token a cookie-authenticated API asks for (`{"X-CSRF-Token": "…"}`). */
    headers: z.optional(z.record(z.string(), nonEmpty())),
    features: z._default(restFeatures, { categories: false, attachments: false, approval: false, organisationTickets: false, articles: false }),
    ticketUrl,
    timeout,
  });
});

/** `backend` once checked, with its defaults filled in: what the adapter receives. */
export type RestBackendConfig = z.infer<ReturnType<typeof restBackend>>;
