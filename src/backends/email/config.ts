/** `backend` for a provider reached by email only (seed 002). */
import * as z from 'zod/mini';
import { emailAddress, once, safeUrl, timeout } from '../../core/schema.js';

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
    timeout,
  });
});

/** `backend` once checked, with its defaults filled in: what the adapter receives. */
export type EmailBackendConfig = z.infer<ReturnType<typeof emailBackend>>;
