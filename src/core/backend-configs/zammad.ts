/** `backend` for Zammad's REST API (BACKENDS.md §4). */
import * as z from 'zod/mini';
import { httpUrl, nonEmpty, ticketUrl, timeout, userTokenAuth } from '../schema.js';

export const zammadBackend = z.strictObject({
  type: z.literal('zammad'),
  /** The API root, ending in `/api/v1`. */
  url: httpUrl,
  /** The group new tickets go to (Zammad's default is "Users"). */
  group: z._default(nonEmpty(), 'Users'),
  /** The person's Zammad access token; without it the widget asks for their Zammad login and password. */
  auth: userTokenAuth,
  /** Defaults to Zammad's `#ticket/zoom/{id}` beside the API root. */
  ticketUrl,
  timeout,
});
