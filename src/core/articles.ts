/**
 * Answers before tickets: the words that describe a problem, the helpdesk's articles that
 * match them, and the person's own open tickets that look like the same problem.
 *
 * The helpdesks search in their own ways (GLPI's `contains`, RT's `LIKE`, Zammad's search
 * engine, Freshdesk's term): each adapter asks for the words it can, and the hits are
 * ranked here, the same way everywhere, by how many of the person's words they hold.
 */
import { fold } from './text.js';
import type { RichText, TicketSummary } from './ticket.js';

/** One article found: what the suggestion shows before it is opened. */
export interface ArticleHit {
  id: string;
  title: string;
  /** Plain text, short (at most about 160 characters), from the article's start or around a word found. */
  excerpt: string;
  /** The article on the helpdesk, for the person to read it there. */
  url?: string;
}

/** One article, whole. Its body is the helpdesk's HTML, to be sanitised by the element. */
export interface Article extends ArticleHit {
  body: RichText;
}

export interface ArticleSearchOptions {
  /** Hits wanted at most. */
  limit: number;
  signal?: AbortSignal;
}

/** A helpdesk's knowledge base, as the person may read it (`HelpdeskBackend.articles()`). */
export interface ArticleSource {
  /** Articles holding any of the words, best first; an empty list when none. */
  search(words: readonly string[], options: ArticleSearchOptions): Promise<ArticleHit[]>;
  /** One article ('not-found' when it is gone or hidden from the person). */
  read(id: string, options?: { signal?: AbortSignal }): Promise<Article>;
}

/**
 * Words that say nothing of a problem, in French and English, folded: left out of a
 * search, as any word of fewer than three letters is.
 */
const STOP_WORDS = new Set(
  (
    'les des une que qui pour par avec sans sur dans est sont pas plus mon mes mais ont son ses aux ' +
    'cette ces leur nous vous ils elle depuis fait faire tout tous tres bien peut peux veux suis etre avoir ' +
    'the and for with from that this have has not but are was were you your our can cannot cant when ' +
    'what why how does doesnt dont into any all its will would there their them they then than'
  ).split(' '),
);

/**
 * The words of a text worth searching for: lower case with their accents (a helpdesk's search
 * engine may keep them: Zammad's Elasticsearch does not find "réinitialiser" from
 * "reinitialiser"), three letters or more, no stop word, each once whatever its accents.
 */
export function wordsOf(text: string): string[] {
  const words = text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [];
  const seen = new Set<string>();
  return words.filter((word) => {
    const folded = fold(word);
    return !STOP_WORDS.has(folded) && !seen.has(folded) && Boolean(seen.add(folded));
  });
}

/** How many letters and digits a text has: below `minChars` of them, nothing is searched. */
export const meaningfulLength = (text: string): number => (text.match(/[\p{L}\p{N}]/gu) ?? []).length;

/**
 * What to search for while a person describes a problem: the title's words, then the first
 * words of the description (the rest of it tells the story, not the subject), six at most.
 */
export function problemWords(title: string, description: string): string[] {
  const firstWords = description.split(/\s+/).slice(0, 12).join(' ');
  return wordsOf(`${title} ${firstWords}`).slice(0, 6);
}

/** How many of the words the text holds, accents and case ignored. */
export function matchCount(text: string, words: readonly string[]): number {
  const folded = fold(text);
  return words.reduce((count, word) => count + (folded.includes(fold(word)) ? 1 : 0), 0);
}

/**
 * Hits best first: the more of the person's words a title holds (counted twice) and its
 * excerpt holds, the higher; the helpdesk's own order decides between equals. Hits with
 * none of the words are kept last, since the helpdesk found them in text not shown here.
 */
export function rankHits<T extends ArticleHit>(hits: readonly T[], words: readonly string[], limit: number): T[] {
  const seen = new Set<string>();
  return hits
    .filter((hit) => !seen.has(hit.id) && seen.add(hit.id))
    .map((hit, order) => ({ hit, order, score: 2 * matchCount(hit.title, words) + matchCount(hit.excerpt, words) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map(({ hit }) => hit);
}

/** Plain text of helpdesk HTML, for an excerpt: tags dropped, the common entities read, spaces collapsed. */
export function plainText(html: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#39|[a-z]+);/gi, (all, name: string) => entities[name.toLowerCase()] ?? all)
    .replace(/\s+/g, ' ')
    .trim();
}

/** At most `max` characters of the text, starting a little before the first word found when it is far in. */
export function excerptOf(text: string, words: readonly string[] = [], max = 160): string {
  // A text that fits is shown whole, from its start.
  if (text.length <= max) return text;
  const folded = fold(text);
  const at = Math.min(...words.map((word) => folded.indexOf(word)).filter((index) => index >= 0));
  let start = Number.isFinite(at) && at > max / 2 ? text.lastIndexOf(' ', at - 30) + 1 : 0;
  if (start < 0) start = 0;
  const piece = text.slice(start, start + max);
  return `${start > 0 ? '…' : ''}${piece.length < text.length - start ? `${piece.slice(0, piece.lastIndexOf(' ') > max / 2 ? piece.lastIndexOf(' ') : max)}…` : piece}`;
}

/**
 * The person's open tickets whose title looks like the problem being typed: most of the
 * title's words in common, two at least. Seed 002: more
 * about the same problem goes as a reply on its ticket, not as a new ticket.
 */
export function resemblingTickets(tickets: readonly TicketSummary[], title: string, limit = 2): TicketSummary[] {
  const words = wordsOf(title);
  if (!words.length) return [];
  // One word in common is a topic, not a problem ("VPN"): two at least, and most of the title's.
  const needed = Math.max(2, Math.ceil(words.length / 2));
  return tickets
    .filter((ticket) => ticket.status.group === 'open' || ticket.status.group === 'waiting')
    .map((ticket) => ({ ticket, shared: sharedWords(ticket.title, words) }))
    .filter(({ shared }) => shared >= needed)
    .sort((a, b) => b.shared - a.shared || b.ticket.updatedAt.getTime() - a.ticket.updatedAt.getTime())
    .slice(0, limit)
    .map(({ ticket }) => ticket);
}

/** A word folded, without its plural ending, so that "imprimantes" meets "Imprimante" and "drops" meets "drop". */
const stem = (word: string) => {
  const folded = fold(word);
  return folded.length > 4 ? folded.replace(/[sx]$/, '') : folded;
};

/** How many of the words are words of the title (whole words, not pieces: "print" is not in "fingerprint"). */
function sharedWords(title: string, words: readonly string[]): number {
  const own = new Set(wordsOf(title).map(stem));
  return words.filter((word) => own.has(stem(word))).length;
}
