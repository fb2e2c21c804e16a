/**
 * `backend` for Zammad's REST API (BACKENDS.md §4). Zammad's CORS preflight does not
 * allow the `Authorization` header (§4.6), so the URL is usually a path of the page's
 * own site that a reverse proxy forwards to Zammad's `/api/v1`.
 */
import * as z from 'zod/mini';
import { nonEmpty, once, safeUrl, ticketUrl, timeout, userTokenAuth } from '../../core/schema.js';

/** Built on first use: a page builds only the schema of the helpdesk it configures. */
export const zammadBackend = once(() => {
  return z.strictObject({
    type: z.literal('zammad'),
    /** The API root, ending in `/api/v1`: usually a same-origin proxy path such as `/zammad/api/v1`. */
    url: safeUrl,
    /** The group new tickets go to, by name (Zammad's default is "Users"); customers must be allowed to create tickets in it. */
    group: z._default(nonEmpty(), 'Users'),
    /**
     * Send the urgency as the ticket's priority (Zammad's default three: low, normal, high).
     * Zammad lets customers set it unless a core workflow of the instance forbids them, in
     * which case every ticket would be refused: turn it off then.
     */
    priority: z._default(z.boolean(), true),
    /** The person's Zammad access token; without it the widget asks for their Zammad login and password. */
    auth: userTokenAuth,
    /** Defaults to Zammad's `#ticket/zoom/{id}` beside the API root. */
    ticketUrl,
    /**
     * Zammad's own address (`https://helpdesk.example.fr`), for links to its help center's
     * articles when `url` is a proxy path that serves the API only. Defaults to beside the API root.
     */
    webUrl: z.optional(safeUrl),
    timeout,
  });
});

/** `backend` once checked, with its defaults filled in: what the adapter receives. */
export type ZammadBackendConfig = z.infer<ReturnType<typeof zammadBackend>>;
