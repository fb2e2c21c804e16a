/**
 * The ticket's body as every adapter writes it: the description, then the answers
 * to the configured questions, then the phone to call back — as escaped HTML for
 * helpdesks that store HTML, or as plain text for those that take text (email,
 * RT's text/plain). Pure string functions: no DOM, nothing parsed as markup.
 */
import type { NewTicket } from '../core/ticket.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escaped, trimmed, line breaks kept. */
const lines = (text: string): string =>
  text
    .trim()
    .replace(/[&<>"']/g, (char) => ESCAPES[char])
    .replace(/\r?\n|\r/g, '<br>');

/** Plain text as HTML paragraphs: blank lines separate them, line breaks are kept, every character is escaped. */
export const textToHtml = (text: string): string =>
  text
    .split(/\n\s*\n/)
    .filter((paragraph) => paragraph.trim())
    .map((paragraph) => `<p>${lines(paragraph)}</p>`)
    .join('');

/** The answers and the phone as label/value pairs, labels ending in ":" (or their own "?"). */
function labelled({ answers, callbackPhone = '', labels }: NewTicket): { label: string; value: string }[] {
  return (
    [...answers, { label: labels?.callbackPhone || 'Phone to call back', value: callbackPhone }]
      .filter(({ value }) => value.trim())
      // A label that already ends in "?" or ":" reads badly with another colon.
      .map(({ label, value }) => ({ label: label.trim().replace(/[^?:]$/, '$&:'), value: value.trim() }))
  );
}

/** The ticket's body as HTML: the description as paragraphs, then each answer and the phone in its own paragraph. */
export function buildTicketContent(ticket: NewTicket): string {
  return textToHtml(ticket.description) + labelled(ticket).map(({ label, value }) => `<p><strong>${lines(label)}</strong> ${lines(value)}</p>`).join('');
}

/** The ticket's body as plain text: the description, a blank line, then one "Label: value" line per answer and the phone. */
export function buildTicketText(ticket: NewTicket): string {
  const extra = labelled(ticket).map(({ label, value }) => `${label} ${value}`);
  return [ticket.description.trim(), ...(extra.length ? [extra.join('\n')] : [])].join('\n\n');
}
