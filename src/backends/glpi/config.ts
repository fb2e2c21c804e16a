/** `backend` for GLPI's legacy REST API (BACKENDS.md §1). */
import * as z from 'zod/mini';
import { localText, nonEmpty, once, safeUrl, ticketUrl, timeout, userTokenAuth, wholeNumber } from '../../core/schema.js';

/** Built on first use: a page builds only the schema of the helpdesk it configures. */
export const glpiBackend = once(() => {
  return z.strictObject({
    type: z.literal('glpi'),
    /** The legacy REST API root, ending in `apirest.php`. */
    url: safeUrl,
    /** The API client's App-Token, when the GLPI admin configured one. */
    appToken: z.optional(nonEmpty()),
    /** A user's API token ("remote access key"); without it the widget asks the person to sign in. */
    auth: userTokenAuth,
    /** Defaults to GLPI's `front/ticket.form.php?id={id}`. */
    ticketUrl,
    /**
     * The zone GLPI's dates are written in (IANA name, e.g. "Europe/Paris"), when neither the
     * person's GLPI preferences nor the server's setting say it; GLPI's dates carry no zone.
     */
    timeZone: z.optional(
      nonEmpty().check(
        z.refine((zone) => {
          try {
            new Intl.DateTimeFormat('en', { timeZone: zone });
            return true;
          } catch {
            return false;
          }
        }, 'an IANA time zone such as "Europe/Paris"'),
      ),
    ),
    /**
     * The categories to offer, for GLPI profiles that may not read them: a Self-Service (helpdesk
     * interface) session keeps only `Profile::$helpdesk_rights`, which has no `itilcategory`, so
     * `GET ITILCategory` answers 403 whatever the admin grants. Ids are GLPI's; `types` limits a
     * category to incidents or requests (both by default).
     */
    categories: z.optional(
      z.array(
        z.strictObject({
          id: wholeNumber(1, Number.MAX_SAFE_INTEGER),
          name: localText,
          types: z.optional(z.array(z.enum(['incident', 'request']))),
        }),
      ),
    ),
    timeout,
  });
});

/** `backend` once checked, with its defaults filled in: what the adapter receives. */
export type GlpiBackendConfig = z.infer<ReturnType<typeof glpiBackend>>;
