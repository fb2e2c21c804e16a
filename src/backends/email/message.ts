/**
 * A ticket as one email to the provider's support address (seed 002): the subject is
 * the title, the body says the type and the urgency first, then the structured
 * description (`buildTicketText`: the description, the answers, the phone), then the
 * address to reply to. Plain text: what every mail client and helpdesk takes. Pure
 * string functions.
 */
import type { NewTicket } from '../../core/ticket.js';
import { buildTicketText } from '../message.js';

export interface EmailMessage {
  to: string;
  subject: string;
  body: string;
}

/**
 * The longest `mailto:` link sent to a mail client. Windows hands links to the mail
 * program through a command line of about 2,048 characters, Outlook and older browsers
 * stop near 2,083: past that the link is cut anywhere, or nothing opens at all.
 */
export const MAILTO_MAX_LENGTH = 2000;

/** Where a shortened body stops: the same in every language, the person is told why beside it. */
export const SHORTENED_MARK = '\n\n[…]';

const capitalised = (code: string) => code.charAt(0).toUpperCase() + code.slice(1).replace('-', ' ');

export function buildEmailMessage(ticket: NewTicket, to: string): EmailMessage {
  const { labels, followUp } = ticket;
  const head = [labels?.type || `Type: ${capitalised(ticket.type)}`, labels?.urgency || `Urgency: ${capitalised(ticket.urgency)}`];
  const email = followUp?.byEmail && followUp.email ? `${(labels?.followUpEmail || 'Email address for follow-up').replace(/[^?:]$/, '$&:')} ${followUp.email}` : '';
  // One line: a header injection through the subject must stay text.
  const subject = ticket.title.replace(/\s+/g, ' ').trim();
  return { to, subject, body: [head.join('\n'), buildTicketText(ticket), email].filter(Boolean).join('\n\n') };
}

/** RFC 6068: `%`-encoded UTF-8, and line breaks in the body as CRLF. */
const encode = (text: string) => encodeURIComponent(text.replace(/\r?\n/g, '\r\n'));

/** The address as it may stand in a `mailto:` path: `@` kept (some clients do not decode `%40`), everything unsafe encoded. */
const address = (to: string) => to.replace(/[^\w.@+-]/g, (char) => encodeURIComponent(char));

const link = (message: EmailMessage, body: string) => `mailto:${address(message.to)}?subject=${encode(message.subject)}&body=${encode(body)}`;

/**
 * The `mailto:` link of the message, within MAILTO_MAX_LENGTH: when the whole body does
 * not fit, as much of it as fits, cut at a line or a word, ending with SHORTENED_MARK.
 */
export function mailtoUrl(message: EmailMessage, max = MAILTO_MAX_LENGTH): { url: string; shortened: boolean } {
  const whole = link(message, message.body);
  if (whole.length <= max) return { url: whole, shortened: false };
  // Code points, so that a cut never splits an emoji's surrogate pair (which encodeURIComponent refuses).
  const characters = Array.from(message.body);
  const fits = (count: number) => link(message, characters.slice(0, count).join('') + SHORTENED_MARK).length <= max;
  let low = 0;
  let high = characters.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  const kept = characters.slice(0, low).join('');
  // At the last line break, else the last space, when that keeps most of what fits.
  const near = (index: number) => index > kept.length * 0.8;
  const line = kept.lastIndexOf('\n');
  const word = kept.lastIndexOf(' ');
  const body = kept.slice(0, near(line) ? line : near(word) ? word : undefined).trimEnd() + SHORTENED_MARK;
  return { url: link(message, body), shortened: true };
}
