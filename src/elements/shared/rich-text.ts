/**
 * Backend text on screen. HTML from a helpdesk is written by other people and often
 * pasted from mail clients: it goes through DOMPurify with a short list of tags for
 * text (no images, forms, styles, frames or SVG), links keep only web, mail and phone
 * addresses and open in a new tab without access to this page. Plain text stays text.
 *
 * DOMPurify is loaded (`import()`) and set up the first time a body holds HTML: a page
 * whose threads are plain text never downloads it. While it loads, such a body shows
 * its words as plain text — never its markup — then the sanitised HTML.
 */
import type DOMPurify from 'dompurify';
import { html, type TemplateResult } from 'lit';
import type { DirectiveResult } from 'lit/directive.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { until } from 'lit/directives/until.js';
import type { RichText } from '../../core/ticket.js';
import { splitLongRuns } from '../../core/text.js';

const TEXT_TAGS = [
  'a', 'b', 'blockquote', 'br', 'code', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i',
  'li', 'ol', 'p', 'pre', 's', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr',
  'u', 'ul',
];

type Purifier = ReturnType<typeof DOMPurify>;

/** Set once DOMPurify is loaded: from then on HTML is sanitised as the thread renders. */
let purifier: Purifier | undefined;
let loading: Promise<Purifier> | undefined;

/** An own DOMPurify instance, so its link rule does not change the host page's DOMPurify. Loaded once, on first need. */
export function loadSanitizer(): Promise<Purifier> {
  loading ??= import('dompurify').then(
    ({ default: createPurifier }) => {
      const instance = createPurifier(window);
      instance.addHook('afterSanitizeAttributes', (node) => {
        if (node.tagName !== 'A') return;
        if (!/^(https?:|mailto:|tel:)/i.test(node.getAttribute('href') ?? '')) node.removeAttribute('href');
        else {
          node.setAttribute('target', '_blank');
          node.setAttribute('rel', 'noopener noreferrer nofollow');
        }
      });
      return (purifier = instance);
    },
    (error: unknown) => {
      loading = undefined; // tried again by the next body that holds HTML
      throw error;
    },
  );
  return loading;
}

/** Sanitised HTML as a string: only text markup and safe links remain, long runs of text made breakable. */
export async function sanitizeHtml(value: string): Promise<string> {
  return sanitizeWith(await loadSanitizer(), value);
}

function sanitizeWith(sanitizer: Purifier, value: string): string {
  const body = sanitizer.sanitize(value, {
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
    } else if (purifier) safe = sanitizeWith(purifier, value);
    else return untilSanitized(body, value);
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
