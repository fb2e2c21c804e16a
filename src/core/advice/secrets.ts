/**
 * Finds what looks like a secret in ticket text, so the form can warn before
 * sending (seed 002: never put passwords or other secrets in a ticket). A
 * finding covers the secret value only, never its label: removing the findings
 * of "mot de passe : Hunter2!" leaves "mot de passe : ********".
 *
 * A few compact rules that ship in the script-tag bundle: they miss little and
 * leave ordinary ticket text alone (URLs without credentials, paths, email
 * addresses, phone numbers, IP addresses, dates, UUIDs, file names).
 */

export type SecretKind = 'password' | 'private-key' | 'api-token' | 'card-number';

/** `start` and `end` are offsets into the text (`end` excluded), as for `String.prototype.slice`. */
export interface SecretFinding {
  kind: SecretKind;
  start: number;
  end: number;
}

export const SECRET_MASK = '********';

/** A PEM block, cut short or not: a private key is a finding, any block is hidden from the other rules. */
const PEM = /-----BEGIN ([A-Z ]*)[\s\S]*?(?:END[A-Z ]*-----|$)/g;

/** Tokens whose prefix tells what they are: GitHub, GitLab, Slack, Stripe, OpenAI, AWS, Google, JWT. */
const SHAPED_TOKEN = /\b(?:gh\w_|github_pat_|glpat-|xox\w-|[rs]k_live_|sk-|A[KS]IA|AIza|eyJ)[\w-]{16,}(?:\.[\w-]+)*/g;

/** 13 to 19 digits, grouped or not; the issuer's prefix and the Luhn check sort out phone numbers and ids. */
const CARD = /(?<![\w+]|\d[ -])\d{4}(?:[ -]?\d){9,15}(?!\w|[ -]\d)/g;
const CARD_DIGITS = /^(?:4\d{12}|3\d{13,14}|[2-6]\d{15,18})$/;

/** The password of "scheme://user:password@host". */
const URL_PASSWORD = /(?<=\/\/[^\s:/?#@]+:)[^\s/?#@]+(?=@)/g;

/**
 * A label and its value. Group 1 is "pass" alone (a "bus pass" too: only right
 * before ":" or "="), group 2 a token's label. Then a closing quote (JSON), up
 * to three qualifying words (group 3: "mot de passe du compte admin :"), "is" or
 * "est" with an optional colon (group 4) or a colon or "=" (group 5), and the
 * value: quoted on its line (group 6) or a word, which "&name=" ends in a
 * query string (group 7). Group 8 is empty, not undefined, when only spaces
 * follow the word on its line (an optional group that matches nothing would
 * stay undefined).
 */
const LABELLED =
  /(?<![a-z\d])(?:(pass)|(api[ _-]?key|secret|token|jeton)s?|pass(?:word|wd|phrase)s?|pwd|mots? de passe|mdp|(?:code|cl[ée]f?)(?: du)? wi-?fi|code pin)(?:[_-][\w-]*)?(?![a-z\d])["']?((?:[^\S\n]+[^\s:=]+){0,3}?)(?:[^\S\n]+(?:is|est)\b[^\S\n]*(:?)|[^\S\n]*([:=]))[^\S\n]*(?:["'«“][^\S\n]*([^\s"'»”][^\n"'»”]{0,199}?)[^\S\n]*["'»”]|((?:[^\s&]|&(?!\w+=))+)(?:[^\S\n]*(?:\n|$)()|))/dgiu;
/** Masked, a placeholder, the rest of a URL, a date, a time, or a word that describes the password. */
const NOT_A_SECRET =
  /^(?:[*•.…?x_-]+$|[<[{]|\/\/|\d+[/.:h-]\d+(?:[/.:-]\d+)?$|(?:oubli|perdu|expir|incorrect|invalid|bloqu|probl|forgot|wrong)\p{L}*$)/iu;
/** Digits, symbols or capitals inside the word: not a word of a sentence. */
const GENERATED = /\p{N}|[^\p{L}\p{N}'’-]|^.\p{L}*\p{Lu}/u;

/** Long random-looking strings (session ids, keys without a known prefix), outside URLs, emails, paths and SSH keys. */
const SKIPPED_WORD = /[@\\]|:\/\/|^(?:www\.|\w+:|[~.]*\/|AAAA)/;
const RANDOM_RUN = /[A-Za-z0-9+/]{32,}=*/g;
/** A run's letters and digits between "+", "/" and "=": mixed, 16 or more, not capitalised words glued together ("TerminalServices2012Gateway"). */
const RANDOM_PART = /^(?=.*\d)(?=.*\D)(?!.*(?:[A-Z][a-z]{2,}){3}).{16}/;

export interface SecretOptions {
  /** Values the person chose to send as they are ("Send as it is"), compared whole: a secret added later is still found. */
  keep?: ReadonlySet<string>;
}

/** Every secret-looking value of `text`, sorted and non-overlapping, except the values in `keep`. */
export function findSecrets(text: string, { keep }: SecretOptions = {}): SecretFinding[] {
  // An empty box (every box, as a form appears) needs none of the rules, whose patterns compile at first use.
  if (!text.trim()) return [];
  // Rules run in order of preference for when two findings cover the same text.
  const found: SecretFinding[] = [];
  const add = (kind: SecretKind, start: number, length: number) => found.push({ kind, start, end: start + length });
  const scan = text.replace(PEM, (block: string, label: string, at: number) => {
    if (label.includes('PRIVATE')) add('private-key', at, block.length);
    return block.replace(/\S/g, ' ');
  });

  for (const match of scan.matchAll(SHAPED_TOKEN)) add('api-token', match.index, match[0].length);
  for (const match of scan.matchAll(CARD)) if (isCardNumber(match[0])) add('card-number', match.index, match[0].length);

  for (const match of scan.matchAll(LABELLED)) {
    const [, pass, token, qualifier, afterIs, direct, quoted, word, lineEnd] = match;
    if (pass && (qualifier || !direct)) continue;
    const value = quoted ?? word.replace(/[,;.)\]}»”"'’]+$/u, '');
    if (!value || NOT_A_SECRET.test(value)) continue;
    const start = match.indices![quoted ? 6 : 7][0];
    const generated = GENERATED.test(value);
    if (
      token
        ? generated && value.length > 7
        : quoted ||
          // A plain word only after ":" or "=", alone on its line or before punctuation: "mdp : soleil, merci".
          (value.length > 3 && (generated || ((afterIs || direct) && (lineEnd !== undefined || value.length < word.length))))
    ) {
      add(token ? 'api-token' : 'password', start, value.length);
    }
  }

  for (const match of scan.matchAll(URL_PASSWORD)) if (!NOT_A_SECRET.test(match[0])) add('password', match.index, match[0].length);

  for (const word of scan.matchAll(/\S+/g)) {
    if (SKIPPED_WORD.test(word[0])) continue;
    for (const run of word[0].matchAll(RANDOM_RUN)) {
      if (run[0].split(/[+/=]/).some(isRandom)) add('api-token', word.index + run.index, run[0].length);
    }
  }

  // A stable sort keeps the preferred finding first among those that start and end together.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const findings: SecretFinding[] = [];
  for (const finding of found) {
    const last = findings[findings.length - 1];
    if (last && finding.start < last.end) last.end = Math.max(last.end, finding.end);
    else findings.push(finding);
  }
  return keep?.size ? findings.filter(({ start, end }) => !keep.has(text.slice(start, end))) : findings;
}

/**
 * `text` with each secret found in it replaced by `********` (except the values in
 * `keep`), everything else kept as it was. The findings are made here, on this very
 * text: positions found in an earlier version of it (before the person edited) would
 * overwrite their words.
 */
export function removeSecrets(text: string, options: SecretOptions = {}): string {
  let result = '';
  let at = 0;
  // Sorted and non-overlapping.
  for (const { start, end } of findSecrets(text, options)) {
    result += text.slice(at, start) + SECRET_MASK;
    at = end;
  }
  return result + text.slice(at);
}

/** An issuer's prefix and length, and the Luhn check. */
function isCardNumber(number: string): boolean {
  const digits = number.replace(/\D/g, '');
  // From the right, every second digit is doubled: 0 1 2 3 4 5 6 7 8 9 count as 0 2 4 6 8 1 3 5 7 9.
  const sum = [...digits].reverse().reduce((total, digit, i) => total + Number(i % 2 ? '0246813579'[+digit] : digit), 0);
  return CARD_DIGITS.test(digits) && sum % 10 === 0;
}

/** Mixed letters and digits with many different characters. */
function isRandom(part: string): boolean {
  return RANDOM_PART.test(part) && new Set(part).size > 9;
}
