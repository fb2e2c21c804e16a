/**
 * The zod/mini building blocks every configuration schema uses. Every check is a
 * `refine`: each other check kind of zod would add its own code to the script-tag
 * bundle, and these messages read better anyway.
 */
import * as z from 'zod/mini';

// No code generated for object schemas: under a strict CSP (no 'unsafe-eval') zod's probe with
// `new Function` is a violation report, and each schema here parses once or twice a page anyway.
z.config({ jitless: true });

/**
 * A value made on first use, then kept: for schemas a page may never need (each helpdesk's
 * `backend`), since building a zod schema costs main-thread time while the page loads.
 */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

// One instance for every use: zod/mini schemas are immutable, and each one built costs load time.
const nonEmptyString = z.string().check(z.refine((value) => value.trim() !== '', 'must not be empty'));
export const nonEmpty = () => nonEmptyString;

export const wholeNumber = (min: number, max: number) =>
  z.number().check(z.refine((n) => Number.isInteger(n) && n >= min && n <= max, `must be a whole number from ${min} to ${max}`));

const isLanguageTag = (tag: string) => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false; // RangeError: not a well-formed BCP 47 tag
  }
};
const notLanguageTags = (texts: Record<string, unknown>) => Object.keys(texts).filter((tag) => !isLanguageTag(tag));

/**
 * One text, or one per language keyed by any BCP 47 tag (`fr`, `de`, `fr-CA`), read
 * with the interface's fallback chain: `fr-CA`, then `fr`, then `en` (core/text.ts).
 */
export const localText = z.union([
  nonEmpty(),
  z.record(z.string(), nonEmpty()).check(
    z.refine((texts) => notLanguageTags(texts).length === 0, {
      error: (issue) =>
        `has keys that are not language tags such as "fr" or "fr-CA": ${notLanguageTags(issue.input as Record<string, unknown>).map((tag) => JSON.stringify(tag)).join(', ')}`,
    }),
  ),
]);

/** Where plain `http://` stays acceptable: the developer's own machine (localhost, 127.0.0.0/8, [::1]). */
const LOOPBACK = /^(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;
/** A stand-in origin to resolve paths against: a path that leaves it leaves the page's own server. */
const OWN_SERVER = 'https://own-server.invalid';

/**
 * What is wrong with a URL of the configuration, or undefined when it is one the widget may
 * call or link to: an `https://` URL, an `http://` URL on localhost, or a path on the page's
 * own server (`/glpi/apirest.php`, behind a reverse proxy). Everything else is refused,
 * because each such URL becomes a request target or a link's `href`: `javascript:` and
 * `data:` would run or show anything in the host page, a remote `http://` would carry
 * tickets and tokens in clear, and `//host` or `/\host` is another server to a browser.
 * Used by every URL-valued key (`safeUrl`, the contacts' `url` channels).
 */
export function urlProblem(value: string): string | undefined {
  const expected = 'must be an https:// URL or a path on this site starting with /';
  if (/\s/.test(value)) return `${expected} (no spaces)`;
  if (value.startsWith('/')) {
    // Resolved as the browser does, which also reads "/\host" as "//host": another server.
    return URL.canParse(value, OWN_SERVER) && new URL(value, OWN_SERVER).origin === OWN_SERVER
      ? undefined
      : 'must be a path starting with a single / ("//" or "/\\" leads to another server)';
  }
  if (!URL.canParse(value)) return expected;
  const { protocol, hostname } = new URL(value);
  if (protocol === 'https:') return undefined;
  if (protocol === 'http:') return LOOPBACK.test(hostname) ? undefined : 'must use https:// (http:// is accepted on localhost only)';
  return `${expected} (${protocol} is refused)`;
}

/** The zod/mini check of `urlProblem`, with its message. */
export const safeUrlCheck = z.refine<string>((value) => urlProblem(value) === undefined, { error: (issue) => urlProblem(issue.input as string) });

/** A URL the widget calls or links to (see `urlProblem`). */
export const safeUrl = z.string().check(safeUrlCheck);

/** An email address, checked loosely: something@something.tld, no spaces. */
export const emailAddress = z.string().check(z.refine((value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), 'must be an email address'));

/** Milliseconds before a call to the helpdesk is given up. */
export const timeout = z._default(wholeNumber(1000, 120000), 20000);

/** A user's own API token, when the host page knows it; without it the widget asks the person to sign in. */
export const userTokenAuth = z.optional(z.strictObject({ userToken: nonEmpty() }));

/** Link to a ticket on the helpdesk, `{id}` replaced by the ticket's id: a safe URL like any other (the success link's `href`). */
export const ticketUrl = z.optional(safeUrl);
