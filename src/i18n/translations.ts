/**
 * Where an element's strings come from: the built-in languages, each its own module
 * loaded with `import()` the first time an element speaks it, and what hosts register.
 *
 * A tag is looked up from its most specific form down: "fr-CA" → "fr-ca" → "fr". Each
 * known level adds its strings over the one below. The built-in languages are complete,
 * so the chain stops at the first one it meets: a French page loads `fr.ts` and never
 * `en.ts`, and "fr-CA" overrides from a host sit on French. A chain that meets no
 * built-in language ("de", whether a host registered it whole or in part) ends on
 * English, so a key a host's translation lacks — one added by a later version of this
 * package, say — reads in English instead of breaking the element; such a page loads
 * `en.ts` too.
 */
import { languageFallbacks } from '../core/text.js';
import type { Messages } from './en.js';

/** Some of the strings of a language: any key of `Messages`, at any depth. */
export type MessageOverrides = {
  [K in keyof Messages]?: Overrides<Messages[K]>;
};
type Overrides<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly unknown[]
    ? T
    : T extends object
      ? { [K in keyof T]?: Overrides<T[K]> }
      : T;

/** One contribution to a language: its strings, or how to load them. */
interface Layer {
  load?: () => Promise<MessageOverrides>;
  strings?: MessageOverrides;
  loading?: Promise<unknown>;
}

/**
 * The built-in languages. One literal `import()` each, so bundlers make one piece per
 * language (the CDN build finds them by their path, `src/i18n/<lang>.ts`).
 */
const BUILT_IN: Record<string, () => Promise<Messages>> = {
  en: () => import('./en.js').then((module) => module.en),
  fr: () => import('./fr.js').then((module) => module.fr),
};

/** The languages this package speaks by itself. */
export const BUILT_IN_LANGUAGES = Object.keys(BUILT_IN);

/** By lower-case tag: the built-in strings first, then each host registration in order. */
const layers = new Map<string, Layer[]>(Object.entries(BUILT_IN).map(([tag, load]) => [tag, [{ load }]]));

/** By lower-case tag as asked: the merged strings, once every layer they need is in. */
const merged = new Map<string, Messages>();

const listeners = new Set<() => void>();

/** Calls `listener` whenever a host registers strings (elements re-render with them). */
export function onTranslationsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function addLayer(lang: string, layer: Layer): void {
  const tag = lang.trim().toLowerCase();
  if (!tag) throw new TypeError('support-widgets: a translation needs a language tag, e.g. "de" or "fr-CA"');
  layers.set(tag, [...(layers.get(tag) ?? []), layer]);
  merged.clear();
  listeners.forEach((listener) => listener());
}

/**
 * Registers a whole language, e.g. `registerTranslation('de', de)` where `de` is typed
 * `Messages` (every key, checked by TypeScript), or a function that loads it only when an
 * element first speaks it: `registerTranslation('de', () => import('./de.js').then((m) => m.de))`.
 * Registered again for a tag, the later strings win. Elements already shown re-render.
 */
export function registerTranslation(lang: string, messages: Messages | (() => Promise<Messages>)): void {
  addLayer(lang, typeof messages === 'function' ? { load: messages } : { strings: messages });
}

/**
 * Replaces some strings of a language, or adds a regional variant that reads like its
 * base language except where it says otherwise: `registerOverrides('fr-CA', { form: {
 * heading: 'Ouvrir une demande' } })`. What it does not give comes from the next tag of
 * the chain ("fr-CA" → "fr" → English). Also takes a function that loads them.
 */
export function registerOverrides(lang: string, overrides: MessageOverrides | (() => Promise<MessageOverrides>)): void {
  addLayer(lang, typeof overrides === 'function' ? { load: overrides } : { strings: overrides });
}

/** The known tags to read for `lang`, most specific first, down to a complete language. */
export function chainFor(lang: string): string[] {
  const chain: string[] = [];
  for (const tag of languageFallbacks(lang)) {
    if (!layers.has(tag)) continue;
    chain.push(tag);
    if (tag in BUILT_IN) return chain;
  }
  chain.push('en');
  return chain;
}

/** The layers of `lang`'s strings, bottom first. */
function layersFor(lang: string): Layer[] {
  return chainFor(lang)
    .reverse()
    .flatMap((tag) => layers.get(tag)!);
}

/** The strings for `lang` when they are all loaded, without waiting; else undefined. */
export function stringsNow(lang: string): Messages | undefined {
  const key = lang.toLowerCase();
  const known = merged.get(key);
  if (known) return known;
  const stack = layersFor(key);
  if (stack.some((layer) => !layer.strings)) return undefined;
  // A built-in language alone is used as it is: no copy.
  const strings = stack.slice(1).reduce<Messages>((base, layer) => overlay(base, layer.strings!), stack[0].strings as Messages);
  merged.set(key, strings);
  return strings;
}

/** Loads what `lang` needs (each module once, shared by every element) and gives its strings. */
export async function loadStrings(lang: string): Promise<Messages> {
  for (;;) {
    await Promise.all(layersFor(lang).map(loadLayer));
    // A host may have registered a lazy layer meanwhile: then load that too.
    const strings = stringsNow(lang);
    if (strings) return strings;
  }
}

function loadLayer(layer: Layer): Promise<unknown> | undefined {
  if (layer.strings || !layer.load) return undefined;
  layer.loading ??= layer.load().then(
    (strings) => (layer.strings = strings),
    (error: unknown) => {
      layer.loading = undefined; // tried again at the next need
      throw error;
    },
  );
  return layer.loading;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `base` with `over`'s strings in place of its own, object by object (lists and functions are replaced whole). */
function overlay<T>(base: T, over: unknown): T {
  if (!isRecord(base) || !isRecord(over)) return (over === undefined ? base : over) as T;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) result[key] = overlay(base[key], value);
  return result as T;
}
