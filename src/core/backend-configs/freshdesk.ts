/** `backend` for Freshdesk API v2 through the host's relay (BACKENDS.md §2). */
import * as z from 'zod/mini';
import { httpUrl, ticketUrl, timeout } from '../schema.js';

export const freshdeskBackend = z.strictObject({
  type: z.literal('freshdesk'),
  /**
   * The host's relay that forwards to `https://<account>.freshdesk.com/api/v2` and adds the
   * agent API key: that key must never reach a browser. The relay knows the signed-in person.
   */
  url: httpUrl,
  ticketUrl,
  timeout,
});
