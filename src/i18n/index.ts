/**
 * Localization a host can extend: add a language, a regional variant, or change some
 * strings, without forking. Each built-in language (`en`, `fr`) is its own module,
 * loaded the first time an element speaks it.
 *
 * ```ts
 * import { registerTranslation, registerOverrides, type Messages } from 'support-widgets';
 * const de: Messages = { … };                     // every key, checked by TypeScript
 * registerTranslation('de', de);                   // or () => import('./de.js').then((m) => m.de)
 * registerOverrides('fr-CA', { form: { heading: 'Ouvrir une demande de soutien' } });
 * ```
 */
export { registerTranslation, registerOverrides, BUILT_IN_LANGUAGES, type MessageOverrides } from './translations.js';
export { plural, type PluralForms } from './plural.js';
export type { Messages } from './en.js';
