/**
 * Advice on a ticket title while it is typed (seed 002): a good title is short,
 * clear, precise, factual and unambiguous ("Mails rejetés depuis machine@truc.bidule
 * vers machin@asso.truc"), not vague and pressing ("Help ! URGENT ! Problème").
 * Codes only: the form turns them into sentences in the person's language.
 */

export type TitleAdvice = 'too-short' | 'too-long' | 'shouting' | 'exclamations' | 'vague';

/** GLPI's column limit: a longer title is an error, not advice. */
export const TITLE_MAX_LENGTH = 255;

/** Beyond this a title stops being a summary; the details belong in the description. */
export const TITLE_ADVISED_LENGTH = 80;

/** Pressure words, and cries that are ordinary words in calmer titles ("Aide à la saisie") unless exclaimed. */
const PRESSURE = /\b(?:urgent|asap|sos\b|au\s+secours|emergency|(?:help|aide|urgence)\s*!)/i;
const SHOUTED_CRY = /\b(?:HELP|AIDE|URGENCE)\b/;
/** An all-capitals word of four letters or fewer is taken for an acronym (VPN, PC, RDP, NAS, DHCP). */
const ACRONYM = /(?<!\p{L})\p{Lu}{1,4}(?!\p{L})/gu;

/**
 * The start of a generic word, French or English: a title made only of these
 * and of short words ("le", "pas", "the"; acronyms aside) names no tool, no
 * place, no symptom.
 */
const GENERIC =
  /^(?:probl|souci|bug|panne|erreur|error|incident|issue|bloqu|plant|cass|broke|crash|fail|marche|fonctionn|work|rien|nothing|some|every|tout|chose|truc|thing|wrong|aide|help|urgen|asap|sos|hs|ko|gros|grave|huge|demande|request|question|besoin|need|bonjour|hello|merci|thank|please|encore|again|still|toujours|impossible|plus|avec|dans|pour|sans|tr[eè]s|depuis|quand|comment|mais|cela|votre|vous|your|does|didn|with|this|that|have|very)\p{L}*$/iu;

/** The advice for `title`, in a fixed order; empty when the title is empty or fine. */
export function adviseTitle(title: string): TitleAdvice[] {
  const text = title.trim();
  if (text === '') return [];
  const advice: TitleAdvice[] = [];
  // At least three words and twelve letters.
  if ((text.match(/\S*[\p{L}\p{N}]\S*/gu)?.length ?? 0) < 3 || text.replace(/\P{L}/gu, '').length < 12) advice.push('too-short');
  if (text.length > TITLE_ADVISED_LENGTH) advice.push('too-long');
  // Mostly capitals, acronyms aside.
  const words = text.replace(ACRONYM, '');
  if (PRESSURE.test(text) || SHOUTED_CRY.test(text) || words.replace(/\P{Lu}/gu, '').length > words.replace(/\P{Ll}/gu, '').length) {
    advice.push('shouting');
  }
  if (/!.*!|[!?]\?|\?!/.test(text)) advice.push('exclamations');
  // Anything with a digit (a floor, a time, an error code) is concrete; so is an acronym.
  if (!/\p{N}/u.test(text) && (text.match(/\p{L}+/gu) ?? []).every((word) => GENERIC.test(word) || (word.length < 4 && !/^\p{Lu}{2}/u.test(word)))) {
    advice.push('vague');
  }
  return advice;
}
