/** `backend` for a provider reached by email only (seed 002). */
import * as z from 'zod/mini';
import { emailAddress, httpUrl, timeout } from '../schema.js';

export const emailBackend = z.strictObject({
  type: z.literal('email'),
  /** The provider's support address. */
  to: emailAddress,
  /** A form-post endpoint that sends the message; without it, the person's mail client opens (`mailto:`). */
  endpoint: z.optional(httpUrl),
  timeout,
});
