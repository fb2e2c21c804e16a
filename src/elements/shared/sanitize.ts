/**
 * HTML from a helpdesk made safe to show: DOMPurify with a short list of tags for text (no
 * images, forms, styles, frames or SVG); links keep only web, mail and phone addresses and
 * open in a new tab without access to this page; long runs of text made breakable.
 * DOMPurify is loaded (`import()`) the first time a body holds HTML. The templates that
 * show bodies are in rich-text.ts; a piece that only needs the sanitised string (an
 * article) imports this alone.
 */
import type DOMPurify from 'dompurify';
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
export function breakableNodes(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  splitLongRuns(text).forEach((piece, index) => {
    if (index) fragment.append(document.createElement('wbr'));
    fragment.append(piece);
  });
  return fragment;
}

/** Sanitised HTML now, when DOMPurify is already loaded; `undefined` before. */
export const sanitizeNow = (value: string): string | undefined => (purifier ? sanitizeWith(purifier, value) : undefined);
