/** Text the provider writes in its configuration: one string, or one per language. */
export type LocalText = string | Partial<Record<string, string>>;

/** The text for `lang` ("fr", "fr-CA" → "fr"), else English, else the first one given. */
export function localText(text: LocalText | undefined, lang: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  const base = lang.toLowerCase().split('-')[0];
  return text[lang] ?? text[base] ?? text.en ?? Object.values(text)[0] ?? '';
}
