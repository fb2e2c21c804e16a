/**
 * Text ↔ HTML for GLPI: the ticket content is HTML built from what the person
 * typed (every character escaped), and GLPI ≤ 10 answers with entity-encoded
 * text (`R&eacute;seau &amp; Wi-Fi`, `&#039;`) that must be decoded before display.
 * Pure string functions: no DOM, so they run anywhere and never parse markup.
 */
import type { NewTicket } from '../../core/ticket.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\xa0' };
/** Accents as combining marks: `&eacute;` is "e" + U+0301, composed by normalize(). */
const ACCENTS: Record<string, number> = { grave: 768, acute: 769, circ: 770, tilde: 771, uml: 776, ring: 778, caron: 780, cedil: 807 };

/**
 * Decodes numeric references, the few named ones GLPI writes and accented
 * letters (`&Eacute;`, `&ccedil;`…) in one pass (`&amp;lt;` → `&lt;`), and trims;
 * other names are left as they are.
 */
export function decodeEntities(text: string): string {
  return text
    .replace(/&(?:#(\d+)|#x([\da-f]+)|([a-z]+));/gi, (whole, dec: string, hex: string, name: string) => {
      if (name) {
        const mark = ACCENTS[name.slice(1)];
        const letter = (name[0] + String.fromCharCode(mark)).normalize();
        return NAMED[name] ?? (mark && letter.length < 2 ? letter : whole);
      }
      const code = dec ? Number(dec) : parseInt(hex, 16);
      return code > 0 && code < 0x110000 && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
    })
    .trim();
}

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

/**
 * The ticket's `content`: the description as paragraphs, then the answers to
 * the configured questions, then the phone.
 */
export function buildTicketContent({ description, answers, callbackPhone = '', labels }: NewTicket): string {
  const labelled = [...answers, { label: labels?.callbackPhone || 'Phone to call back', value: callbackPhone }]
    .filter(({ value }) => value.trim())
    // A label that already ends in "?" or ":" reads badly with another colon.
    .map(({ label, value }) => `<p><strong>${lines(label.trim().replace(/[^?:]$/, '$&:'))}</strong> ${lines(value)}</p>`);
  return textToHtml(description) + labelled.join('');
}
