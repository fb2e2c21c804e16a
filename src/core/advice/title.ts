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

const MIN_WORDS = 3;
const MIN_LETTERS = 12;

/** An all-capitals word this short is taken for an acronym (VPN, PC, RDP, IP, NAS, DHCP). */
const ACRONYM_MAX_LETTERS = 4;

/**
 * Generic words: a title made only of these (and stop-words) names no tool, no
 * place, no symptom. Written without accents, lower case, as `fold` returns them.
 */
const GENERIC_WORDS = new Set(
  [
    // what is wrong, in general terms
    'probleme problemes probleme souci soucis bug bugs bogue panne pannes erreur erreurs incident incidents',
    'dysfonctionnement anomalie plantage plante bloque bloquee bloques casse cassee hs ko',
    'problem problems issue issues error errors trouble failure fault broken crash crashed stuck',
    'question questions demande demandes request requests besoin need needs info information informations',
    'help aide aidez assistance support depannage sos secours urgent urgente urgents urgence urgences asap',
    'emergency urgently important grave serieux gros grosse big huge serious major critical critique',
    // "it does not work", "ça marche pas", "ne fonctionne plus"
    'marche marchent fonctionne fonctionnent fonctionner marcher work works working worked function',
    'impossible possible rien nothing anything everything tout tous toute toutes chose choses something thing things',
    'truc trucs machin bizarre strange weird wrong mal encore again toujours still always',
    // greetings and politeness
    'bonjour bonsoir hello hi hey merci thanks thank please svp stp plz urgemment vite quickly fast',
    // French stop-words
    'le la les l un une des de du d au aux a et ou mais donc ni car mon ma mes ton ta tes son sa ses notre nos',
    'votre vos leur leurs ce cet cette ces c ca cela ceci il ils elle elles on je j me m moi nous vous tu te t',
    'se s y en ne n pas plus que qu qui quoi est sont suis es etre ai as avons avez ont avoir fait faire sur',
    'pour par avec sans dans chez tres trop peu bien deja depuis quand comment pourquoi',
    // English stop-words
    'the an my our your their his her its it this that these those is are was were be been am i we you he she',
    'they me us them of to in on at for with without from by and or but not no nor don doesn didn isn aren',
    'wasn can cannot can t won very too so any some all just now has have had do does did get got getting',
  ]
    .join(' ')
    .split(' '),
);

const PRESSURE = /(?<![\p{L}\p{N}])(?:urgent\p{L}*|asap|sos|au\s+secours|emergency)(?![\p{L}\p{N}])/iu;
/** Cries that are ordinary words in calmer titles ("Aide à la saisie"): only when shouted or exclaimed. */
const CRY = /(?<![\p{L}\p{N}])(help|aide|urgence)(?![\p{L}\p{N}])(\s*!)?/giu;

/** The advice for `title`, in a fixed order; empty when the title is empty or fine. */
export function adviseTitle(title: string): TitleAdvice[] {
  const text = title.trim();
  if (text === '') return [];
  const advice: TitleAdvice[] = [];
  if (isTooShort(text)) advice.push('too-short');
  if (text.length > TITLE_ADVISED_LENGTH) advice.push('too-long');
  if (isShouting(text)) advice.push('shouting');
  if (hasExclamations(text)) advice.push('exclamations');
  if (isVague(text)) advice.push('vague');
  return advice;
}

function isTooShort(text: string): boolean {
  const words = text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word));
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return words.length < MIN_WORDS || letters < MIN_LETTERS;
}

function isUpperWord(word: string): boolean {
  return word === word.toLocaleUpperCase() && word !== word.toLocaleLowerCase();
}

function isShouting(text: string): boolean {
  if (PRESSURE.test(text)) return true;
  for (const [, word, bang] of text.matchAll(CRY)) {
    if (bang || isUpperWord(word)) return true;
  }
  // Mostly capitals, acronyms aside: more than half of the letters of the other words.
  let upper = 0;
  let total = 0;
  for (const [word] of text.matchAll(/\p{L}+/gu)) {
    const shouted = isUpperWord(word);
    if (shouted && [...word].length <= ACRONYM_MAX_LETTERS) continue;
    for (const letter of word) {
      total += 1;
      if (letter !== letter.toLocaleLowerCase()) upper += 1;
    }
  }
  return total > 0 && upper * 2 > total;
}

function hasExclamations(text: string): boolean {
  const bangs = text.match(/!/g)?.length ?? 0;
  return bangs >= 2 || /\?!|!\?|\?\?/.test(text);
}

/** Lower case without accents, so that "Problème", "PROBLEME" and "probleme" are one word. */
function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

function isVague(text: string): boolean {
  // Anything with a digit (a floor, a time, an error code) is concrete.
  if (/\p{N}/u.test(text)) return false;
  const words = text.match(/\p{L}+/gu) ?? [];
  return words.every((word) => GENERIC_WORDS.has(fold(word)));
}
