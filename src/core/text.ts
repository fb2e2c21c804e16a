/** Text the provider writes in its configuration: one string, or one per language (any BCP 47 tag). */
export type LocalText = string | Partial<Record<string, string>>;

/**
 * The tags to try for a BCP 47 tag, most specific first, in lower case (tags ignore case):
 * "fr-CA" → ["fr-ca", "fr"]. The interface's strings and `localText` follow the same chain.
 */
export function languageFallbacks(lang: string): string[] {
  const subtags = lang.toLowerCase().split('-');
  return subtags.map((_, index) => subtags.slice(0, subtags.length - index).join('-'));
}

/** The text for `lang` ("fr-CA", else "fr"), else English, else the first one given. */
export function localText(text: LocalText | undefined, lang: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  const byTag = new Map(Object.entries(text).map(([tag, value]) => [tag.toLowerCase(), value]));
  for (const tag of [...languageFallbacks(lang), 'en']) {
    const found = byTag.get(tag);
    if (found !== undefined) return found;
  }
  return Object.values(text)[0] ?? '';
}

/**
 * The text cut into pieces that join back into it, where runs of 200 or more characters
 * without a space are cut every 100: an element puts a `<wbr>` between pieces. Browsers
 * lay out a long unbreakable run in quadratic time (100,000 characters freeze Chromium
 * for seconds) and backend text can be anything; `<wbr>` changes nothing when copied.
 */
export function splitLongRuns(text: string): string[] {
  if (!/[^\s]{200}/.test(text)) return [text];
  const pieces: string[] = [];
  let last = 0;
  for (const run of text.matchAll(/[^\s]{200,}/g)) {
    for (let cut = run.index + 100; cut < run.index + run[0].length; cut += 100) {
      pieces.push(text.slice(last, cut));
      last = cut;
    }
  }
  pieces.push(text.slice(last));
  return pieces;
}

/** At most `max` characters, with an ellipsis when cut: for one-line summaries such as list rows. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Whether the text shows nothing: only spaces and invisible format characters (zero-width
 * spaces and joiners, bidirectional marks, BOM), which `trim()` leaves in place. A title of
 * ten zero-width spaces is empty to the person reading the ticket.
 */
export const isBlank = (text: string): boolean => text.replace(/\p{Cf}/gu, '').trim() === '';

/**
 * A `datetime-local` answer ("2026-12-06T14:30", the person's wall clock) as the ticket
 * must carry it, with the offset of the person's time zone on that date: "2026-12-06
 * 14:30 UTC+01:00". A technician elsewhere, or GLPI's server in another zone, reads the
 * same instant. Anything that is not such a value is left as it is.
 */
export function withTimeZone(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value.trim());
  if (!match) return value;
  // Read as local time, as the input gave it; the offset is the zone's at that moment (summer time included).
  const at = new Date(`${match[1]}T${match[2]}`);
  if (Number.isNaN(at.getTime())) return value;
  const offset = -at.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${match[1]} ${match[2]} UTC${sign}${hours}:${minutes}`;
}

/** Lower case without diacritics, so "reseau" finds "Réseau". */
export const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
