/**
 * Picks the interface language for an element: its own `lang` attribute, else the
 * page's `<html lang>`, else the browser's. Re-renders when either attribute changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en, type Messages } from './en.js';
import { fr } from './fr.js';

const catalogues: Record<string, Messages> = { en, fr };

export const SUPPORTED_LANGUAGES = Object.keys(catalogues);

/** The catalogue for a BCP 47 tag ("fr-CA" → French); English when unsupported. */
export function messagesFor(lang: string | undefined | null): Messages {
  const base = (lang ?? '').toLowerCase().split('-')[0];
  return catalogues[base] ?? en;
}

const hosts = new Set<LocalizeController>();
let pageObserver: MutationObserver | undefined;

/** One observer for `<html lang>` and every host's own `lang`: a change re-renders them all. */
function observeLang(target: Element): void {
  pageObserver ??= new MutationObserver(() => hosts.forEach((controller) => controller.host.requestUpdate()));
  pageObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  pageObserver.observe(target, { attributes: true, attributeFilter: ['lang'] });
}

/** Formatters are costly to create (a list row shows two): one per language and style. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: string, dateStyle: 'medium' | 'long', timeStyle?: 'short'): Intl.DateTimeFormat {
  const key = `${lang} ${dateStyle} ${timeStyle}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(lang, { dateStyle, timeStyle })));
  return format;
}

export class LocalizeController implements ReactiveController {
  constructor(readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this);
    observeLang(this.host);
  }

  hostDisconnected(): void {
    hosts.delete(this);
  }

  /** The resolved language tag, e.g. "fr" or "en-GB". */
  get lang(): string {
    return this.host.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en';
  }

  get messages(): Messages {
    return messagesFor(this.lang);
  }

  /** Date and time in the person's locale and time zone. */
  dateTime(date: Date): string {
    return formatter(this.lang, 'medium', 'short').format(date);
  }

  /** A day in the person's locale, e.g. "21 novembre 2026". */
  date(date: Date): string {
    return formatter(this.lang, 'long').format(date);
  }
}
