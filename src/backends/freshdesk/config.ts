/**
 * `backend` for Freshdesk API v2 (BACKENDS.md §2) through the host's relay. Freshdesk's
 * API keys are agent keys with the agent's full rights, so the widget never holds one:
 * it calls a relay of the host (`examples/freshdesk-relay.mjs`) that knows the signed-in
 * person from the host's own session cookie, pins them as the requester and adds the key.
 */
import * as z from 'zod/mini';
import { nonEmpty, once, safeUrl, ticketUrl, timeout } from '../../core/schema.js';

/** Built on first use: a page builds only the schema of the helpdesk it configures. */
export const freshdeskBackend = once(() => {
  /** The account's own names: a ticket type choice, a status name. */
  const choice = nonEmpty();

  /** A custom ticket field's API name, as Freshdesk gives it (`cf_` + the label's letters). */
  const customFieldName = z.string().check(z.refine((name) => /^cf_\w+$/.test(name), 'must be a custom field name starting with "cf_"'));

  /** A custom status of the account (a code from 6 up), as the person should see it. */
  const customStatus = z.strictObject({
    /** What it means for the person: being handled, waiting for them, solved, closed. */
    group: z.enum(['open', 'waiting', 'solved', 'closed']),
    /** Its name for customers, in one language or per language. */
    label: z.union([nonEmpty(), z.strictObject({ en: z.optional(nonEmpty()), fr: z.optional(nonEmpty()) })]),
  });

  return z.strictObject({
    type: z.literal('freshdesk'),
    /**
     * The host's relay, usually a path of the page's own site (`/support/freshdesk`): it forwards
     * `/api/v2/…` to `https://<account>.freshdesk.com/api/v2/…` with the API key. Never the
     * Freshdesk account itself: that would need the agent key in the page.
     */
    url: safeUrl.check(
      z.refine((url) => !/^https?:\/\/[^/]*\.freshdesk\.com(?:[:/]|$)/i.test(url), 'must be the host\'s relay, not freshdesk.com (the API key must stay on the server)'),
    ),
    /**
     * When the host's session cookie goes along: `same-origin` (default) sends it only to a relay
     * on the page's own origin; `include` also to one on another origin (`api.example.com`), whose
     * CORS answers must then allow credentials for this exact origin.
     */
    cookies: z._default(z.enum(['same-origin', 'include']), 'same-origin'),
    /**
     * The relay lets a new ticket copy people (`cc_emails`: its RELAY_ALLOW_CC): the form then asks
     * for "People to keep informed". Off by default, as the example relay is.
     */
    cc: z._default(z.boolean(), false),
    /** Extra headers on every call, e.g. the CSRF token the host asks of cookie-authenticated calls. */
    headers: z.optional(z.record(z.string(), nonEmpty())),
    /** The account's ticket type for each kind of ticket; Freshdesk refuses a type that is not one of its choices. */
    types: z._default(z.strictObject({ incident: choice, request: choice }), { incident: 'Incident', request: 'Question' }),
    /** Configured questions whose answer also goes into a custom field: question id → field name (`{"site": "cf_site"}`). */
    customFields: z._default(z.record(z.string(), customFieldName), {}),
    /** The account's custom statuses by code (`{"6": {"group": "waiting", "label": "Waiting on customer"}}`); unknown ones count as open. */
    statuses: z._default(z.record(z.string().check(z.refine((code) => /^\d+$/.test(code) && Number(code) > 5, 'must be a custom status code (6 or more)')), customStatus), {}),
    /** The ticket on the customer portal, e.g. `https://support.example.com/support/tickets/{id}`. */
    ticketUrl,
    timeout,
  });
});

/** `backend` once checked, with its defaults filled in: what the adapter receives. */
export type FreshdeskBackendConfig = z.infer<ReturnType<typeof freshdeskBackend>>;
