/**
 * The zod/mini building blocks every configuration schema uses. Every check is a
 * `refine`: each other check kind of zod would add its own code to the script-tag
 * bundle, and these messages read better anyway.
 */
import * as z from 'zod/mini';

export const nonEmpty = () => z.string().check(z.refine((value) => value.trim() !== '', 'must not be empty'));

export const wholeNumber = (min: number, max: number) =>
  z.number().check(z.refine((n) => Number.isInteger(n) && n >= min && n <= max, `must be a whole number from ${min} to ${max}`));

/** One text, or one per supported language. */
export const localText = z.union([nonEmpty(), z.strictObject({ en: z.optional(nonEmpty()), fr: z.optional(nonEmpty()) })]);

/** An absolute http(s) URL, or a path on the page's own server ("/glpi/apirest.php", for a reverse proxy). */
export const httpUrl = z.string().check(
  z.refine(
    (value) => (/^\/(?!\/)\S*$/.test(value) || (/^https?:\/\/\S+$/i.test(value) && URL.canParse(value))),
    'must be an http(s) URL or a path starting with /',
  ),
);

/** An email address, checked loosely: something@something.tld, no spaces. */
export const emailAddress = z.string().check(z.refine((value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), 'must be an email address'));

/** Milliseconds before a call to the helpdesk is given up. */
export const timeout = z._default(wholeNumber(1000, 120000), 20000);

/** A user's own API token, when the host page knows it; without it the widget asks the person to sign in. */
export const userTokenAuth = z.optional(z.strictObject({ userToken: nonEmpty() }));

/** Link to a ticket on the helpdesk, `{id}` replaced by the ticket's id. */
export const ticketUrl = z.optional(nonEmpty());
