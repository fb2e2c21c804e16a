/** `backend` for a provider reached by email only (seed 002). */
import * as z from 'zod/mini';
import { emailAddress, nonEmpty, once, safeUrl, timeout } from '../../core/schema.js';

/** One help page: its title, its text (HTML or plain), and where to read it. */
export const articleSchema = once(() => z.strictObject({ title: nonEmpty(), body: nonEmpty(), url: z.optional(safeUrl) }));

/** Built on first use: a page builds only the schema of the helpdesk it configures. */
export const emailBackend = once(() => {
  return z.strictObject({
    type: z.literal('email'),
    /** The provider's support address: every ticket is one message to it (seed 002: one request, one message). */
    to: emailAddress,
    /**
     * A form-post endpoint that sends the message (the fields it receives: docs/email-endpoint.md): the
     * person then needs no mail client and may attach files. Without it, the person's mail
     * client opens with the message (`mailto:`), to be sent from there.
     */
    endpoint: z.optional(safeUrl),
    /**
     * The provider's help pages, suggested while a problem is typed (with `articles.enabled`): a
     * list written here, or the URL of a JSON file holding such a list, read by the page.
     */
    articles: z.optional(z.union([z.array(articleSchema()), safeUrl])),
    timeout,
  });
});

/** `backend` once checked, with its defaults filled in: what the adapter receives. */
export type EmailBackendConfig = z.infer<ReturnType<typeof emailBackend>>;
