/**
 * What a host calls, without registering any element: the page-wide sign-out, the
 * configuration's check, languages and strings of its own. The root entry re-exports
 * it with the elements; on the script-tag fast path it is `cdn/api.js`
 * (`const { registerTranslation } = await import('…/cdn/api.js')`), sharing its state
 * with the elements the loader brings.
 */
export { signOutEverywhere } from './services/backend-registry.js';
export { parseConfig, formatProblems } from './config/index.js';
export { registerTranslation, registerOverrides, plural, BUILT_IN_LANGUAGES } from './i18n/index.js';
export type { Messages, MessageOverrides, PluralForms } from './i18n/index.js';
