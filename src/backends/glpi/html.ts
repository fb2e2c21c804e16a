/**
 * Text ↔ HTML for GLPI: the ticket content is HTML built from what the person
 * typed (every character escaped), and GLPI ≤ 10 answers with entity-encoded
 * text (`R&eacute;seau &amp; Wi-Fi`, `&#039;`) that must be decoded before display.
 * Pure string functions: no DOM, so they run anywhere and never parse markup.
 */
import type { NewTicket } from '../../core/ticket.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

// HTML's Latin-1 entity names, in code-point order from U+00A0 (nbsp) to U+00FF (yuml).
const LATIN1_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 ' +
  'acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml ' +
  'Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde ' +
  'Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ' +
  'ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide ' +
  'oslash ugrave uacute ucirc uuml yacute thorn yuml'
).split(' ');

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'",
  OElig: 'Œ', oelig: 'œ', Scaron: 'Š', scaron: 'š', Yuml: 'Ÿ', euro: '€', hellip: '…', bull: '•', trade: '™',
  ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
};
LATIN1_NAMES.forEach((name, index) => (NAMED[name] = String.fromCodePoint(0xa0 + index)));

/** Decodes HTML character references in one pass (`&amp;lt;` → `&lt;`); unknown ones are left as they are. */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]{1,31}));/g, (whole, dec, hex, name) => {
    if (name) return NAMED[name] ?? whole;
    const codePoint = dec ? Number(dec) : parseInt(hex, 16);
    const valid = codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
    return valid ? String.fromCodePoint(codePoint) : '\uFFFD';
  });
}

/** Plain text as HTML paragraphs: blank lines separate paragraphs, single line breaks are kept. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** The ticket's `content`: the description, then the answers to the configured questions, then the phone. */
export function buildTicketContent(ticket: NewTicket): string {
  const lines = ticket.answers
    .filter((answer) => answer.value.trim())
    .map((answer) => labelled(answer.label, answer.value));
  if (ticket.callbackPhone?.trim()) lines.push(labelled(ticket.labels?.callbackPhone || 'Phone to call back', ticket.callbackPhone));
  return textToHtml(ticket.description) + lines.join('');
}

function labelled(label: string, value: string): string {
  const trimmed = label.trim();
  // A label that already ends in "?" or ":" reads badly with another colon.
  const heading = /[?:]$/.test(trimmed) ? trimmed : `${trimmed}:`;
  const body = escapeHtml(value.trim().replace(/\r\n?/g, '\n')).replace(/\n/g, '<br>');
  return `<p><strong>${escapeHtml(heading)}</strong> ${body}</p>`;
}
