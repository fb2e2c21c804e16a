/**
 * The script-tag fast path: `<script type="module" src="…/cdn/support-widgets.js">`.
 *
 * This small module registers nothing itself. It watches the page for our tags —
 * those in the HTML and those a single-page application inserts later — and for each
 * one loads, from its own folder, the element's piece and the page's language, then
 * fetches the configured helpdesk's adapter for when the element asks for it. The code
 * every element uses (Lit, the configuration's schema, storage) is one shared file,
 * loaded once. Every file a piece needs is known at build time (the manifest below),
 * so they are all requested at once instead of one import level after another.
 *
 * The files may come from another origin (a CDN, the provider's server): module
 * scripts and their `import()`s are fetched with CORS, so that server must answer
 * `Access-Control-Allow-Origin` (README, "Embedding").
 */
/** Each piece of the build and every file it needs, itself first; paths relative to this folder. */
export interface CdnManifest {
  /** By tag: the element's entry (which registers it) and its static imports. */
  elements: Record<string, string[]>;
  /** By backend type: the adapter's chunk and its imports. */
  helpdesks: Record<string, string[]>;
  /** By lower-case language tag: its strings. */
  languages: Record<string, string[]>;
}

/** Written by the build (vite.config.ts, mode `cdn`). */
declare const __SUPPORT_WIDGETS_MANIFEST__: CdnManifest;

const manifest = __SUPPORT_WIDGETS_MANIFEST__;
const folder = new URL('.', import.meta.url);
const requested = new Set<string>();

/** Starts loading each file once; resolves when all have run. */
function load(files: readonly string[] | undefined): Promise<unknown> {
  if (!files) return Promise.resolve();
  return Promise.all(
    files.map((file) => {
      const url = new URL(file, folder).href;
      if (requested.has(url)) return import(/* @vite-ignore */ url);
      requested.add(url);
      return import(/* @vite-ignore */ url).catch((error: unknown) => {
        requested.delete(url);
        console.error(`support-widgets: ${url} could not be loaded (${String(error)}). Check that the file is there and, from another origin, that its server answers Access-Control-Allow-Origin.`);
        throw error;
      });
    }),
  );
}

/** The language an element will speak, as the elements choose it (`lang`, then the page's, then the browser's). */
function languageOf(element: Element): string | undefined {
  const tag = element.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en';
  const lower = tag.toLowerCase();
  return manifest.languages[lower] ? lower : manifest.languages[lower.split('-')[0]] ? lower.split('-')[0] : undefined;
}

/** The helpdesk an element is configured for, when the page says it in markup (`backend`, or the JSON of `config`). */
function helpdeskOf(element: Element): string | undefined {
  const named = element.getAttribute('backend');
  if (named) return named;
  const id = element.getAttribute('config');
  const json = id ? document.getElementById(id)?.textContent : undefined;
  if (!json) return undefined;
  try {
    const type = (JSON.parse(json) as { backend?: { type?: unknown } }).backend?.type;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined; // the element itself shows what is wrong with its configuration
  }
}

/**
 * Fetches files without running them (`<link rel="modulepreload">`): the adapter's code
 * is in the browser's module map when the element asks for it, after its first render,
 * and does not compete with that render for the main thread.
 */
function preload(files: readonly string[] | undefined): void {
  for (const file of files ?? []) {
    const url = new URL(file, folder).href;
    if (requested.has(url)) continue;
    requested.add(url);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = url;
    document.head.append(link);
  }
}

const seen = new WeakSet<Element>();

function found(element: Element): void {
  if (seen.has(element)) return;
  seen.add(element);
  const language = languageOf(element);
  const helpdesk = helpdeskOf(element);
  // The element and its language run at once: the person sees the form as soon as they are in.
  // The adapter is needed only at the first call to the helpdesk: fetched once they are in (not
  // to compete with them), run when the element asks for it.
  void Promise.all([load(manifest.elements[element.localName]), load(language ? manifest.languages[language] : undefined)])
    .then(() => preload(helpdesk ? manifest.helpdesks[helpdesk] : undefined))
    .catch(() => undefined); // said in the console by load(); the element stays as the browser shows unknown tags
}

const selector = Object.keys(manifest.elements).join(',');

function scan(root: ParentNode): void {
  if (root instanceof Element && root.matches(selector)) found(root);
  root.querySelectorAll(selector).forEach(found);
}

scan(document);
new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) scan(node);
}).observe(document.documentElement, { childList: true, subtree: true });
