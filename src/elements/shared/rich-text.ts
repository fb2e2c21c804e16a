/**
 * Backend text on screen. HTML from a helpdesk is written by other people and often
 * pasted from mail clients: it goes through DOMPurify with a short list of tags for
 * text (no images, forms, styles, frames or SVG), links keep only web, mail and phone
 * addresses and open in a new tab without access to this page. Plain text stays text.
 */
import DOMPurify from 'dompurify';
import { html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { RichText } from '../../core/ticket.js';

const TEXT_TAGS = [
  'a', 'b', 'blockquote', 'br', 'code', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i',
  'li', 'ol', 'p', 'pre', 's', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr',
  'u', 'ul',
];

let purifier: ReturnType<typeof DOMPurify> | undefined;

/** An own DOMPurify instance, so its link rule does not change the host page's DOMPurify. */
function sanitizer(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  purifier = DOMPurify(window);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName !== 'A') return;
    if (!/^(https?:|mailto:|tel:)/i.test(node.getAttribute('href') ?? '')) node.removeAttribute('href');
    else {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
  return purifier;
}

/** Sanitised HTML as a string: only text markup and safe links remain. */
export function sanitizeHtml(value: string): string {
  return sanitizer().sanitize(value, {
    ALLOWED_TAGS: TEXT_TAGS,
    ALLOWED_ATTR: ['href', 'title', 'colspan', 'rowspan'],
    ALLOW_DATA_ATTR: false,
  });
}

/** The template for a backend body: sanitised HTML, or text with its line breaks. */
export function richText(body: RichText) {
  return body.format === 'html'
    ? html`<div class="rich">${unsafeHTML(sanitizeHtml(body.value))}</div>`
    : html`<div class="rich plain">${body.value}</div>`;
}
