/** `backend` for the host application's own endpoint speaking our REST protocol (docs/rest-protocol.md). */
import * as z from 'zod/mini';
import { httpUrl, ticketUrl, timeout, userTokenAuth } from '../schema.js';

export const restBackend = z.strictObject({
  type: z.literal('rest'),
  /** The protocol's root, e.g. `/api/support`; the host's own session cookie goes along on the same origin. */
  url: httpUrl,
  /** A bearer token, when the host's API wants one rather than its session cookie. */
  auth: userTokenAuth,
  ticketUrl,
  timeout,
});
