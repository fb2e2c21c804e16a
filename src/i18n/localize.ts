/**
 * Picks the interface language for an element: its own `lang` attribute, else the
 * page's `<html lang>`, else the browser's. Re-renders when either attribute changes.
 *
 * Strings are loaded on demand (translations.ts). An element must not render before
 * its language is in: its `scheduleUpdate` asks `beforeFirstRender()` and waits for
 * the promise it may return, so `updateComplete` resolves after the first real render.
 * A language already loaded costs no wait at all. When `lang` later changes to a
 * language not loaded yet, the element keeps its current strings until the new ones
 * arrive, then re-renders.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Messages } from './en.js';
import { loadStrings, onTranslationsChanged, stringsNow } from './translations.js';

const hosts = new Set<LocalizeController>();
let pageObserver: MutationObserver | undefined;

/** One observer for `<html lang>` and every host's own `lang`: a change re-renders them all. */
function observeLang(target: Element): void {
  pageObserver ??= new MutationObserver(() => hosts.forEach((controller) => controller.languageChanged()));
  pageObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  pageObserver.observe(target, { attributes: true, attributeFilter: ['lang'] });
}

let stopListening: (() => void) | undefined;

/** Formatters are costly to create (a list row shows two): one per language and style. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: string, dateStyle: 'medium' | 'long' | undefined, timeStyle?: 'short'): Intl.DateTimeFormat {
  const key = `${lang} ${dateStyle} ${timeStyle}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(lang, { dateStyle, timeStyle })));
  return format;
}

export class LocalizeController implements ReactiveController {
  /** The strings the host last rendered with: kept on screen while another language loads. */
  private shown?: Messages;
  /** The tag being loaded in the background, so each render does not start it again. */
  private fetching?: string;
  /** Resolves a first render that waits after a failed load, at the next change of language or registration. */
  private retry?: () => void;

  constructor(readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this);
    stopListening ??= onTranslationsChanged(() => hosts.forEach((controller) => controller.languageChanged()));
    observeLang(this.host);
  }

  hostDisconnected(): void {
    hosts.delete(this);
  }

  /** The resolved language tag, e.g. "fr" or "en-GB". */
  get lang(): string {
    return this.host.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en';
  }

  /** Whether the strings of the current language are loaded. */
  get ready(): boolean {
    return stringsNow(this.lang) !== undefined;
  }

  /**
   * The strings to render with: the current language's, or while it loads the ones
   * already shown. Read only from a render (or after the first one): before the first
   * language is in there are none.
   */
  get messages(): Messages {
    const lang = this.lang;
    const strings = stringsNow(lang);
    if (strings) return (this.shown = strings);
    this.fetch(lang);
    if (this.shown) return this.shown;
    throw new Error(`<${this.host.localName}>: its strings (${lang}) are not loaded yet; render after beforeFirstRender()`);
  }

  /**
   * For the host's `scheduleUpdate`: nothing when it can render now (its strings are in,
   * or it has strings on screen to keep meanwhile), else a promise resolved once the
   * current language is loaded.
   */
  beforeFirstRender(): Promise<void> | undefined {
    if (this.shown || this.ready) return undefined;
    return this.loaded();
  }

  /** Resolves once the strings of the current language are loaded, following changes of `lang` meanwhile. */
  async loaded(): Promise<void> {
    for (;;) {
      const lang = this.lang;
      try {
        await loadStrings(lang);
      } catch (error) {
        console.error(`<${this.host.localName}>: the strings for "${lang}" could not be loaded`, error);
        await new Promise<void>((resolve) => (this.retry = resolve));
        continue;
      }
      if (this.ready) return;
    }
  }

  /** `lang` changed (the element's or the page's), or a host registered strings. */
  languageChanged(): void {
    const retry = this.retry;
    this.retry = undefined;
    retry?.();
    this.host.requestUpdate();
  }

  private fetch(lang: string): void {
    if (this.fetching === lang) return;
    this.fetching = lang;
    loadStrings(lang).then(
      () => {
        if (this.fetching === lang) this.fetching = undefined;
        this.host.requestUpdate();
      },
      (error: unknown) => console.error(`<${this.host.localName}>: the strings for "${lang}" could not be loaded`, error),
    );
  }

  /** Date and time in the person's locale and time zone. */
  dateTime(date: Date): string {
    return formatter(this.lang, 'medium', 'short').format(date);
  }

  /** The time of day in the person's locale and time zone, e.g. "14:30", "2:30 PM". */
  timeOfDay(date: Date): string {
    return formatter(this.lang, undefined, 'short').format(date);
  }

  /** A day in the person's locale, e.g. "21 novembre 2026". */
  date(date: Date): string {
    return formatter(this.lang, 'long').format(date);
  }

  /** A count in the element's language: "10,000", "10 000". */
  count(value: number): string {
    return value.toLocaleString(this.lang);
  }
}
