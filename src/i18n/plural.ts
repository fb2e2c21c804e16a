/**
 * Words that agree with a number, by the language's own rule (`Intl.PluralRules`):
 * French says "0 ticket" and "1 ticket" where English says "0 tickets" and "1 ticket".
 */

/** One text per plural category the language uses; `other` is required, the rest fall back to it. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rules = new Map<string, Intl.PluralRules>();

/** The form of `forms` that agrees with `count` in `lang`, e.g. `plural('fr', 0, { one: '0 ticket', other: '0 tickets' })`. */
export function plural(lang: string, count: number, forms: PluralForms): string {
  let rule = rules.get(lang);
  if (!rule) rules.set(lang, (rule = new Intl.PluralRules(lang)));
  return forms[rule.select(count)] ?? forms.other;
}
