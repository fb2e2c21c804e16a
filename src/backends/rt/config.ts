/**
 * `backend` for Request Tracker 5's REST2 API (BACKENDS.md §3). RT sends no CORS
 * headers, so the URL is usually a path of the page's own site that a reverse proxy
 * forwards to RT (`/rt/REST/2.0`).
 */
import * as z from 'zod/mini';
import { URGENCIES } from '../../core/urgency.js';
import { nonEmpty, once, safeUrl, ticketUrl, timeout, userTokenAuth, wholeNumber } from '../../core/schema.js';

/** Built on first use: a page builds only the schema of the helpdesk it configures. */
export const rtBackend = once(() => {
  /** A custom field of the queue, by name (as RT shows it) or by id. */
  const customField = z.union([nonEmpty(), wholeNumber(1, 2 ** 31)]);

  /** RT's Priority for each urgency; RT's default labels are Low 0, Medium 50, High 100. */
  const priority = wholeNumber(0, 2 ** 31);

  return z.strictObject({
    type: z.literal('rt'),
    /** The REST2 root, ending in `/REST/2.0` (RT sends no CORS headers: usually a same-origin proxy path). */
    url: safeUrl,
    /** The queue new tickets go to, by name or id; requesters need CreateTicket and SeeQueue on it. */
    queue: z.union([nonEmpty(), wholeNumber(1, 2 ** 31)]),
    /** The person's RT auth token; without it the widget asks for their RT login and password. */
    auth: userTokenAuth,
    /** How the ticket's body and replies are sent: HTML (RT's rich text, default) or plain text. */
    contentType: z._default(z.enum(['text/html', 'text/plain']), 'text/html'),
    /**
     * RT's Priority for each urgency, replacing the defaults (very-low 0, low 25, medium 50,
     * high 75, very-high 100) key by key. An urgency is read back from a ticket's Priority as
     * the highest urgency whose number it reaches, as RT's own labels are.
     */
    priorities: z.optional(z.partialRecord(z.enum(URGENCIES), priority)),
    /**
     * A ticket custom field (FreeformSingle) that receives the widget's submission id, so
     * that a ticket whose answer was lost is found again instead of created twice. Requesters
     * need SeeCustomField and SetInitialCustomField on it. Without it, a ticket sent again
     * after a lost answer may be created twice.
     */
    submissionField: z.optional(customField),
    /** Configured questions whose answer also goes into a ticket custom field: question id → field (`{"site": "Site"}`). */
    customFields: z._default(z.record(z.string(), customField), {}),
    /**
     * Statuses of a custom lifecycle and what they mean for the person (`{"waiting for customer":
     * "waiting"}`); RT's default ones are known, and an unknown one counts as open.
     */
    statuses: z._default(z.record(z.string(), z.enum(['open', 'waiting', 'solved', 'closed'])), {}),
    /** Defaults to RT's self-service page `SelfService/Display.html?id={id}` beside the REST2 root. */
    ticketUrl,
    timeout,
  });
});

/** `backend` once checked, with its defaults filled in: what the adapter receives. */
export type RtBackendConfig = z.infer<ReturnType<typeof rtBackend>>;
