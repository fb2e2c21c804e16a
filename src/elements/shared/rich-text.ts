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
import { splitLongRuns } from '../../core/text.js';

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

/** Sanitised HTML as a string: only text markup and safe links remain, long runs of text made breakable. */
export function sanitizeHtml(value: string): string {
  const body = sanitizer().sanitize(value, {
    ALLOWED_TAGS: TEXT_TAGS,
    ALLOWED_ATTR: ['href', 'title', 'colspan', 'rowspan'],
    ALLOW_DATA_ATTR: false,
    RETURN_DOM: true,
  });
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  const long: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.nodeValue!.length >= 200) long.push(node as Text);
  for (const node of long) node.replaceWith(breakableNodes(node.nodeValue!));
  return (body as HTMLElement).innerHTML;
}

/** The text as nodes, with a `<wbr>` in each long run (see splitLongRuns). */
function breakableNodes(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  splitLongRuns(text).forEach((piece, index) => {
    if (index) fragment.append(document.createElement('wbr'));
    fragment.append(piece);
  });
  return fragment;
}

/** Plain backend text (a title, a name) that wraps even when it has no spaces. */
export function breakable(text: string) {
  const pieces = splitLongRuns(text);
  return pieces.length === 1 ? text : pieces.map((piece, index) => (index ? html`<wbr />${piece}` : piece));
}

/**
 * Characters of one body shown at most: no one reads more in a widget, and a body of a
 * megabyte (a pasted log, or an attack) would freeze the page's layout for seconds.
 */
export const MAX_SHOWN = 50_000;

/** Each body is sanitised once, however often the thread renders. */
const sanitized = new WeakMap<RichText, string>();

/** The template for a backend body: sanitised HTML, or text with its line breaks. */
export function richText(body: RichText) {
  let safe = sanitized.get(body);
  if (safe === undefined) {
    // A cut through a tag is fine: the parser closes or drops what is left open.
    const value = body.value.slice(0, MAX_SHOWN);
    if (body.format === 'html') safe = sanitizeHtml(value);
    else {
      const holder = document.createElement('div');
      holder.append(breakableNodes(value));
      safe = holder.innerHTML;
    }
    sanitized.set(body, safe);
  }
  return html`<div class="rich ${body.format}">${unsafeHTML(safe)}</div>`;
}
