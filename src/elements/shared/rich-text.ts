/**
 * Backend text on screen. HTML from a helpdesk is written by other people and often
 * pasted from mail clients: it goes through DOMPurify (sanitize.ts). Plain text stays text.
 *
 * DOMPurify is loaded (`import()`) and set up the first time a body holds HTML: a page
 * whose threads are plain text never downloads it. While it loads, such a body shows
 * its words as plain text — never its markup — then the sanitised HTML.
 */
import { html, type TemplateResult } from 'lit';
import type { DirectiveResult } from 'lit/directive.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { until } from 'lit/directives/until.js';
import type { RichText } from '../../core/ticket.js';
import { splitLongRuns } from '../../core/text.js';
import { breakableNodes, loadSanitizer, sanitizeNow } from './sanitize.js';

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
/** HTML bodies shown as words until DOMPurify is in: the template that follows, one per body. */
const waiting = new WeakMap<RichText, Promise<unknown>>();

/** The template for a backend body: sanitised HTML, or text with its line breaks. */
export function richText(body: RichText): TemplateResult | DirectiveResult {
  let safe = sanitized.get(body);
  if (safe === undefined) {
    // A cut through a tag is fine: the parser closes or drops what is left open.
    const value = body.value.slice(0, MAX_SHOWN);
    if (body.format !== 'html') {
      const holder = document.createElement('div');
      holder.append(breakableNodes(value));
      safe = holder.innerHTML;
    } else if ((safe = sanitizeNow(value)) === undefined) return untilSanitized(body, value);
    sanitized.set(body, safe);
  }
  return html`<div class="rich ${body.format}">${unsafeHTML(safe)}</div>`;
}

/** The body's words as text while DOMPurify loads, then its sanitised HTML (or the words still, if it cannot load). */
function untilSanitized(body: RichText, value: string): DirectiveResult {
  const words = html`<div class="rich text pending">${breakable(wordsOf(value))}</div>`;
  let later = waiting.get(body);
  if (!later) {
    later = loadSanitizer().then(
      (): unknown => richText(body),
      (error: unknown) => {
        console.error('support-widgets: the HTML sanitiser could not be loaded; messages are shown as plain text', error);
        return words;
      },
    );
    waiting.set(body, later);
  }
  return until(later, words);
}

/** Elements whose text is not part of what a person reads. */
const UNREAD = 'script, style, template, noscript, iframe, object, embed, svg, math, title, head';
/** Elements that start a new line when shown. */
const BLOCKS = 'br, p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre, hr, table, ul, ol, dl, dt, dd';

/**
 * The words of an HTML body. DOMParser builds an inert document — no script runs, no
 * image or other resource loads — and only its text is kept: no markup reaches the page.
 */
function wordsOf(value: string): string {
  const parsed = new DOMParser().parseFromString(value, 'text/html');
  parsed.querySelectorAll(UNREAD).forEach((node) => node.remove());
  parsed.body.querySelectorAll(BLOCKS).forEach((node) => node.after('\n'));
  return (parsed.body.textContent ?? '').replace(/[^\S\n]+/g, ' ').replace(/ ?\n\s*/g, '\n').trim();
}
