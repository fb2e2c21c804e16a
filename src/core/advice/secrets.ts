/**
 * Finds what looks like a secret in ticket text, so the form can warn before
 * sending (seed 002: never put passwords or other secrets in a ticket). A
 * finding covers the secret value only, never its label: removing the findings
 * of "mot de passe : Hunter2!" leaves "mot de passe : ********".
 *
 * Heuristics, tuned to miss little while leaving ordinary ticket text alone
 * (URLs without credentials, paths, email addresses, phone numbers, IP and MAC
 * addresses, dates, UUIDs, file names).
 */

export type SecretKind = 'password' | 'private-key' | 'api-token' | 'card-number';

/** `start` and `end` are offsets into the text (`end` excluded), as for `String.prototype.slice`. */
export interface SecretFinding {
  kind: SecretKind;
  start: number;
  end: number;
}

export const SECRET_MASK = '********';

/** A finding with the rank of the detector that made it: lower wins when two start together. */
interface Candidate extends SecretFinding {
  rank: number;
}

type Detector = (text: string, found: SecretFinding[]) => void;

/** Every secret-looking value of `text`, sorted and non-overlapping. */
export function findSecrets(text: string): SecretFinding[] {
  const publicParts = publicKeyRanges(text);
  const candidates: Candidate[] = [];
  DETECTORS.forEach((detect, rank) => {
    const found: SecretFinding[] = [];
    detect(text, found);
    for (const finding of found) {
      if (!publicParts.some(([start, end]) => finding.start >= start && finding.end <= end)) {
        candidates.push({ ...finding, rank });
      }
    }
  });
  candidates.sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank);
  const findings: SecretFinding[] = [];
  for (const { kind, start, end } of candidates) {
    const last = findings[findings.length - 1];
    if (last && start < last.end) {
      last.end = Math.max(last.end, end);
    } else {
      findings.push({ kind, start, end });
    }
  }
  return findings;
}

/** `text` with each finding replaced by `********`, everything else kept as it was. */
export function removeSecrets(text: string, findings: readonly SecretFinding[]): string {
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  let result = '';
  let at = 0;
  for (const { start, end } of sorted) {
    if (end <= at) continue;
    result += text.slice(at, Math.max(at, start)) + SECRET_MASK;
    at = end;
  }
  return result + text.slice(at);
}

// ---------------------------------------------------------------------------
// Private keys

const PRIVATE_KEY =
  /-----BEGIN [A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?-----|$)/g;

/** Certificates, public keys and SSH public keys look random but are meant to be shared. */
const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]{1,40})-----/g;
const SSH_PUBLIC_KEY = /(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp\d+) AAAA[A-Za-z0-9+/]+=*/g;

function publicKeyRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const begin of text.matchAll(PEM_BEGIN)) {
    if (begin[1]!.includes('PRIVATE')) continue;
    const end = text.indexOf('-----END ', begin.index);
    const close = end === -1 ? -1 : text.indexOf('-----', end + 9);
    if (close === -1) {
      // A block cut short is public up to the end of the text.
      ranges.push([begin.index, text.length]);
      break;
    }
    ranges.push([begin.index, close + 5]);
  }
  for (const key of text.matchAll(SSH_PUBLIC_KEY)) ranges.push([key.index, key.index + key[0].length]);
  return ranges;
}

function detectPrivateKeys(text: string, found: SecretFinding[]): void {
  for (const match of text.matchAll(PRIVATE_KEY)) {
    found.push({ kind: 'private-key', start: match.index, end: match.index + match[0].length });
  }
}

// ---------------------------------------------------------------------------
// Tokens with a well-known shape

const TOKEN_SHAPES = [
  String.raw`gh[pousr]_[A-Za-z0-9]{20,255}`, // GitHub
  String.raw`github_pat_[A-Za-z0-9_]{20,255}`,
  String.raw`glpat-[A-Za-z0-9_-]{20,}`, // GitLab
  String.raw`xox[bpars]-[A-Za-z0-9-]{10,}`, // Slack
  String.raw`[sr]k_(?:live|test)_[A-Za-z0-9]{10,}`, // Stripe secret and restricted keys
  String.raw`sk-(?:proj-)?[A-Za-z0-9_-]{20,}`, // OpenAI-style keys
  String.raw`(?:AKIA|ASIA)[0-9A-Z]{16}`, // AWS access key id
  String.raw`AIza[0-9A-Za-z_-]{35}`, // Google API key
  String.raw`eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`, // JWT
];
const SHAPED_TOKEN = new RegExp(`(?<![A-Za-z0-9_-])(?:${TOKEN_SHAPES.join('|')})(?![A-Za-z0-9_-])`, 'g');
const BEARER = /(?<![\p{L}\p{N}])Bearer\s+([A-Za-z0-9._~+/-]{16,}=*)/dgiu;
const BASIC_AUTH = /Authorization\s*:\s*Basic\s+([A-Za-z0-9+/]{8,}={0,2})/dgi;

function detectShapedTokens(text: string, found: SecretFinding[]): void {
  for (const match of text.matchAll(SHAPED_TOKEN)) {
    found.push({ kind: 'api-token', start: match.index, end: match.index + match[0].length });
  }
  pushGroups(text, BEARER, 'api-token', found);
  pushGroups(text, BASIC_AUTH, 'password', found);
}

/** Pushes group 1 of each match of a `d`-flagged regex. */
function pushGroups(text: string, pattern: RegExp, kind: SecretKind, found: SecretFinding[]): void {
  for (const match of text.matchAll(pattern)) {
    const [start, end] = match.indices![1]!;
    found.push({ kind, start, end });
  }
}

// ---------------------------------------------------------------------------
// Payment cards: 13 to 19 digits passing the Luhn check, with an issuer's prefix

const CARD =
  /(?<![\p{L}\p{N}_+]|[0-9][ -])(?:[0-9]{13,19}|[0-9]{4}([ -])[0-9]{4}\1[0-9]{4}\1[0-9]{1,4}(?:\1[0-9]{1,3})?|[0-9]{4}([ -])[0-9]{6}\2[0-9]{4,5})(?![\p{L}\p{N}_]|[ -][0-9])/gu;

function detectCards(text: string, found: SecretFinding[]): void {
  for (const match of text.matchAll(CARD)) {
    const digits = match[0].replace(/[^0-9]/g, '');
    if (isCardPrefix(digits) && passesLuhn(digits)) {
      found.push({ kind: 'card-number', start: match.index, end: match.index + match[0].length });
    }
  }
}

/**
 * Lengths and first digits issuers use: phone numbers (0…, +…), SIRET numbers
 * and other long identifiers mostly fall outside.
 */
function isCardPrefix(digits: string): boolean {
  switch (digits.length) {
    case 13:
      return digits.startsWith('4'); // old Visa
    case 14:
      return /^3[0689]/.test(digits); // Diners Club
    case 15:
      return /^3[47]/.test(digits); // American Express
    default:
      return /^[2-6]/.test(digits);
  }
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

// ---------------------------------------------------------------------------
// Credentials in a URL, BitLocker recovery keys

const URL_CREDENTIALS = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/?#@]+:([^\s/?#@]+)@/dgi;
const BITLOCKER_KEY = /(?<![0-9-])[0-9]{6}(?:-[0-9]{6}){7}(?![0-9-])/g;

function detectUrlCredentials(text: string, found: SecretFinding[]): void {
  for (const match of text.matchAll(URL_CREDENTIALS)) {
    const [start, end] = match.indices![1]!;
    if (!isMasked(match[1]!)) found.push({ kind: 'password', start, end });
  }
  for (const match of text.matchAll(BITLOCKER_KEY)) {
    found.push({ kind: 'password', start: match.index, end: match.index + match[0].length });
  }
}

// ---------------------------------------------------------------------------
// A value after a label: "mot de passe : …", "password=…", "le mdp est …", "token: …"

const SPACE = '[ \\t\\u00a0\\u202f]';
const LABEL = new RegExp(
  '(?<![\\p{L}\\p{N}])(?:' +
    // a password, a passphrase, a Wi-Fi key or a PIN
    "(?<password>pass(?:word|wd|phrase|code)s?|pwd|mots?[ -]de[ -]passe|mdp|code[ -]?(?:du[ -])?(?:wi-?fi|pin)|pin[ -]code|cl[ée]f?s?[ -](?:du[ -])?(?:wi-?fi|wpa2?|wep)|wi-?fi[ -](?:key|code)|cl[ée] de s[ée]curit[ée](?: r[ée]seau)?)" +
    // "pass" alone is an ordinary word ("bus pass"): only right before ":" or "="
    '|(?<pass>pass)' +
    // an API key or token
    "|(?<token>api[ _-]?key|cl[ée]s?[ -]d['’]?api|access[ _-]?key|secret[ _-]?key|client[ _-]?secret|secret|token|jeton)" +
    ')(?![\\p{L}\\p{N}])',
  'giu',
);
/** What may follow a label: a closing quote (JSON), up to three qualifying words, then the separator. */
const AFTER_LABEL = new RegExp(
  `["']?((?:${SPACE}+[\\p{L}\\p{N}'’_-]+){0,3}?)${SPACE}*(?:([:=])|${SPACE}(?:is|est)(?:${SPACE}*(:)|(?=${SPACE})))${SPACE}*`,
  'iuy',
);
const QUOTES: Record<string, string> = { '"': '"', "'": "'", '`': '`', '«': '»', '“': '”', '‘': '’' };
/** Words that, alone after a password label, describe it rather than give it. */
const NOT_A_VALUE = new Set(
  (
    'oublie oubliee perdu perdue expire expiree incorrect incorrecte invalide errone erronee faux fausse ' +
    'bloque bloquee change changee modifie reinitialise reinitialisee inconnu inconnue aucun aucune vide ' +
    'identique pareil requis obligatoire non oui urgent probleme ' +
    'forgotten forgot lost expired wrong invalid locked blocked changed reset unknown none empty same ' +
    'required mandatory no yes problem'
  ).split(' '),
);

function detectLabelledValues(text: string, found: SecretFinding[]): void {
  for (const label of text.matchAll(LABEL)) {
    const groups = label.groups!;
    AFTER_LABEL.lastIndex = label.index + label[0].length;
    const after = AFTER_LABEL.exec(text);
    if (!after) continue;
    const [, qualifier, direct, afterIs] = after;
    const separator = direct ?? afterIs;
    if (groups.pass && (qualifier || !direct)) continue;
    if (groups.token && !separator) continue;
    const value = readValue(text, AFTER_LABEL.lastIndex, separator === '=' && inQueryString(text, label.index));
    if (!value) continue;
    const kind: SecretKind = groups.token ? 'api-token' : 'password';
    if (acceptValue(value, kind, separator !== undefined)) {
      found.push({ kind, start: value.start, end: value.end });
    }
  }
}

/** Whether `at` is inside the query string of a URL, where "&" ends a value. */
function inQueryString(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0 && !/\s/.test(text[i]!); i -= 1) {
    if (text[i] === '?') return true;
  }
  return false;
}

interface Value {
  start: number;
  end: number;
  text: string;
  quoted: boolean;
  /** Nothing but punctuation follows the value on its line. */
  alone: boolean;
}

/** Longer than this, a value is not a password typed in a ticket. */
const VALUE_MAX_LENGTH = 200;

function readValue(text: string, at: number, inQuery: boolean): Value | undefined {
  const close = QUOTES[text[at] ?? ''];
  if (close) {
    const line = text.slice(at + 1, at + 1 + VALUE_MAX_LENGTH).split('\n')[0]!;
    const inner = line.slice(0, line.indexOf(close));
    if (line.includes(close) && inner.trim() !== '') {
      const start = at + 1 + (inner.length - inner.trimStart().length);
      return { start, end: start + inner.trim().length, text: inner.trim(), quoted: true, alone: true };
    }
  }
  const run = inQuery ? /[^\s&#]{1,200}/y : /\S{1,200}/y;
  run.lastIndex = at;
  const raw = run.exec(text)?.[0];
  if (!raw) return undefined;
  const trimmed = raw.replace(/[,;.)\]}»”"'’]+$/u, '');
  const lineEnd = /[^\S\n]*(?:\n|$)/y;
  lineEnd.lastIndex = at + raw.length;
  const alone = trimmed.length < raw.length || lineEnd.test(text);
  return { start: at, end: at + trimmed.length, text: trimmed, quoted: false, alone };
}

function acceptValue(value: Value, kind: SecretKind, strong: boolean): boolean {
  const { text } = value;
  // Masked, a placeholder, the rest of a URL ("password reset: https://…"), a date or a time.
  if (isMasked(text) || /^(?:[<[{]|\/\/)/.test(text) || DATE_OR_TIME.test(text)) return false;
  if (kind === 'api-token') return text.length >= 8 && looksGenerated(text);
  if (NOT_A_VALUE.has(fold(text))) return false;
  if (value.quoted) return true;
  if (text.length < 4) return false;
  // A plain word is a password only after ":" or "=" and alone on its line ("mdp : soleil").
  return looksGenerated(text) || (strong && value.alone);
}

/** Digits, symbols or capitals inside the word: not a word of a sentence. */
function looksGenerated(text: string): boolean {
  return /\p{N}/u.test(text) || /[^\p{L}\p{N}'’-]/u.test(text) || /^.\p{L}*\p{Lu}/u.test(text);
}

const DATE_OR_TIME = /^(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{1,2}[:h]\d{2}(?::\d{2})?)$/;

function isMasked(text: string): boolean {
  return /^(?:[*•●·.…?_-]+|x{3,})$/iu.test(text);
}

function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

// ---------------------------------------------------------------------------
// Long random-looking strings: session ids, API keys without a known prefix

const RANDOM_MIN_LENGTH = 32;
const RANDOM_MIN_PART = 16;
const RANDOM_MIN_ENTROPY = 3;

function detectRandomStrings(text: string, found: SecretFinding[]): void {
  for (const chunk of text.matchAll(/\S+/g)) {
    const word = chunk[0];
    // URLs (their credentials are found above), email addresses, data: URLs, file paths.
    if (/:\/\/|@|^(?:www\.|data:)|\\|^(?:~|\.{1,2})?\/|^[A-Za-z]:[\\/]/i.test(word)) continue;
    for (const run of word.matchAll(/[A-Za-z0-9+/_.~-]+={0,2}/g)) {
      const candidate = run[0].replace(/[._~-]+$/, '');
      if (isRandom(candidate)) {
        const start = chunk.index + run.index;
        found.push({ kind: 'api-token', start, end: start + candidate.length });
      }
    }
  }
}

function isRandom(candidate: string): boolean {
  if (candidate.length < RANDOM_MIN_LENGTH) return false;
  // File names, paths and identifiers are short parts joined by "_", "-", ".", "/";
  // a token has a long part mixing letters and digits.
  return candidate.split(/[._~/-]/).some(isRandomPart);
}

function isRandomPart(part: string): boolean {
  if (part.length < RANDOM_MIN_PART || !/[A-Za-z]/.test(part) || !/[0-9]/.test(part)) return false;
  // Capitalised words glued together ("TerminalServices2012Gateway") are not random.
  const wordy = (part.match(/[A-Z][a-z]{2,}/g) ?? []).join('').length;
  return wordy * 2 < part.length && entropy(part) >= RANDOM_MIN_ENTROPY;
}

/** Shannon entropy in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** In order of preference when two findings start at the same place. */
const DETECTORS: readonly Detector[] = [
  detectPrivateKeys,
  detectShapedTokens,
  detectCards,
  detectLabelledValues,
  detectUrlCredentials,
  detectRandomStrings,
];
