/** `backend` for Request Tracker 5's REST2 API (BACKENDS.md §3). */
import * as z from 'zod/mini';
import { httpUrl, nonEmpty, ticketUrl, timeout, userTokenAuth, wholeNumber } from '../schema.js';

export const rtBackend = z.strictObject({
  type: z.literal('rt'),
  /** The REST2 root, ending in `/REST/2.0` (RT sends no CORS headers: usually a same-origin proxy path). */
  url: httpUrl,
  /** The queue new tickets go to, by name or id. */
  queue: z.union([nonEmpty(), wholeNumber(1, 2 ** 31)]),
  /** The person's RT auth token; without it the widget asks for their RT login and password. */
  auth: userTokenAuth,
  /** Defaults to RT's `Ticket/Display.html?id={id}` beside the REST2 root. */
  ticketUrl,
  timeout,
});
