/**
 * GLPI's FAQ (its knowledge base as a Self-Service person reads it) behind ArticleSource: a piece of
 * its own, loaded by the adapter's `articles()`. Line numbers are GLPI 10.0.17's; "11" is GLPI 11's code
 * (glpi-project/glpi 0042059, exact 11.0.x tag unconfirmed). See the fake (src/mocks/glpi/routes/knowbase.ts).
 *
 * Search: `search/KnowbaseItem`, the words OR-ed over the subject and the answer, AND `is_faq` = 1. The
 * subject's search option is 6 on 10 and 1 on 11 (`KnowbaseItem::rawSearchOptions`, `src/KnowbaseItem.php`
 * lines 2269-2368), so the ids are read once per source from `listSearchOptions/KnowbaseItem` by their
 * table and field, which both versions keep (`API::listSearchOptions`, `src/Api/API.php` lines 1416-1469).
 *
 * Who may read what: GLPI 10's search applies no visibility to articles (no KnowbaseItem case in
 * `Search::addDefaultWhere`, `src/Search.php` lines 4317-4650), so it also finds FAQ articles aimed at
 * other people, groups or entities. Only `GET KnowbaseItem/:id` checks `canViewItem()` (`API::getItem`,
 * `src/Api/API.php` lines 611-616; `src/KnowbaseItem.php` lines 151-166). A hit is therefore kept only once
 * that GET succeeded: a title and an excerpt are already something the person reads, so checking only when
 * an article is opened would show them what they may not read. It is done for GLPI 11 too, which does apply
 * visibility in its search: the check costs at most `limit` small calls, remembered for the source's life,
 * and that 11 rule rests on a code line, not a release. Neither version filters the visibility dates
 * (`begin_date`, `end_date`), which only GLPI's pages apply (`KnowbaseItem::getListRequest`, lines 1676-1687
 * and 1737-1749): they are applied here, in the server's zone, at search and at reading.
 *
 * Text: GLPI 10 answers entity-encoded text, 11 raw HTML (see answers.ts); the same reading as tickets'.
 * The link is `front/helpdesk.faq.php?id=N`, what `KnowbaseItem::getFormURL()` gives a helpdesk session
 * (lines 216-227); that page opens for anyone with the FAQ right (`Session::checkFaqAccess`,
 * `src/Session.php` lines 1057-1068), central sessions included.
 */
import * as z from 'zod/mini';
import { excerptOf, matchCount, plainText, rankHits, type Article, type ArticleHit, type ArticleSource } from '../../core/articles.js';
import { HelpdeskError } from '../../core/errors.js';
import { fold } from '../../core/ticket-search.js';
import { plain, richText, type GlpiReading } from './answers.js';

/** The adapter's own calls, lent to this piece: one JSON call with the session, answer checked. */
export interface GlpiArticleCalls {
  get<T extends z.ZodMiniType>(schema: T, path: string, signal?: AbortSignal): Promise<z.infer<T>>;
  reading(signal?: AbortSignal): Promise<GlpiReading>;
  /** `{root}/front/helpdesk.faq.php?id=N`, when the API URL tells the root. */
  url(id: string): string | undefined;
}

const cell = z.optional(z.union([z.string(), z.number(), z.boolean(), z.literal(null), z.array(z.unknown())]));
const optionsAnswer = z.record(z.string(), z.unknown());
const option = z.looseObject({ table: z.string(), field: z.string(), nosearch: z.optional(z.unknown()) });
const searchAnswer = z.looseObject({ totalcount: z.optional(z.union([z.number(), z.string()])), data: z.optional(z.array(z.record(z.string(), cell))) });
const articleAnswer = z.looseObject({
  id: z.union([z.number(), z.string()]),
  name: z.optional(z.union([z.string(), z.literal(null)])),
  answer: z.optional(z.union([z.string(), z.literal(null)])),
  begin_date: z.optional(z.union([z.string(), z.literal(null)])),
  end_date: z.optional(z.union([z.string(), z.literal(null)])),
});

/** The search options the widget uses, by the column they read. */
interface Fields {
  id: string;
  name: string;
  answer: string;
  faq: string;
  begin?: string;
  end?: string;
  modified?: string;
}

/** How many articles are asked of GLPI for `limit` hits: more than shown, since the ranking and the checks drop some. */
const candidates = (limit: number) => Math.min(50, Math.max(12, limit * 4));

/**
 * The words as GLPI's `contains` can take them: folded as the widget's own are, and without "null",
 * which `Search::makeTextSearchValue` turns into a search for empty fields (`src/Search.php` lines 9412-9414).
 */
const searchable = (words: readonly string[]) => [...new Set(words.map(fold).filter((word) => word && word !== 'null'))];

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

export function glpiArticles(calls: GlpiArticleCalls): ArticleSource {
  let fields: Promise<Fields> | undefined;
  /** Whether GET KnowbaseItem/:id let the person read it, by id: asked once per source. */
  const readable = new Map<string, Promise<boolean>>();

  /** The option ids, read once by table and field (`nosearch` ones aside); asked again after a failure. */
  function fieldsOf(signal?: AbortSignal): Promise<Fields> {
    fields ??= calls.get(optionsAnswer, 'listSearchOptions/KnowbaseItem', signal).then((answer) => {
      const find = (field: string) =>
        Object.entries(answer).find(([id, value]) => {
          const parsed = z.safeParse(option, value);
          return /^\d+$/.test(id) && parsed.success && parsed.data.table === 'glpi_knowbaseitems' && parsed.data.field === field && !parsed.data.nosearch;
        })?.[0];
      const [id, name, answer_, faq] = ['id', 'name', 'answer', 'is_faq'].map(find);
      if (!id || !name || !answer_ || !faq) {
        throw new HelpdeskError('bad-response', { detail: 'listSearchOptions/KnowbaseItem: no id, name, answer or is_faq option' });
      }
      return { id, name, answer: answer_, faq, begin: find('begin_date'), end: find('end_date'), modified: find('date_mod') };
    });
    fields.catch(() => (fields = undefined));
    return fields;
  }

  /** Whether the person may read the article now: GLPI's `canViewItem`, remembered. Only 403 and 404 mean no. */
  function mayRead(id: string, signal?: AbortSignal): Promise<boolean> {
    let known = readable.get(id);
    if (!known) {
      known = calls.get(articleAnswer, `KnowbaseItem/${id}`, signal).then(
        () => true,
        (error: unknown) => {
          if (/^(forbidden|not-found)$/.test((error as HelpdeskError | undefined)?.kind ?? '')) return false;
          readable.delete(id);
          throw error;
        },
      );
      readable.set(id, known);
    }
    return known;
  }

  /** Within its visibility dates, read in the server's zone (GLPI's pages: begin before now, end after). */
  const inDates = (begin: unknown, end: unknown, { date }: GlpiReading, now = Date.now()) =>
    !(text(begin) && date(text(begin)!).getTime() >= now) && !(text(end) && date(text(end)!).getTime() <= now);

  return {
    async search(given, { limit, signal }) {
      const words = searchable(given);
      if (!words.length || limit < 1) return [];
      const [ids, reading] = await Promise.all([fieldsOf(signal), calls.reading(signal)]);
      const query = [
        `criteria[0][field]=${ids.faq}&criteria[0][searchtype]=equals&criteria[0][value]=1`,
        `criteria[1][link]=AND`,
        ...words.flatMap((word, index) =>
          [ids.name, ids.answer].map((field, which) => {
            const at = `criteria[1][criteria][${2 * index + which}]`;
            return `${at}[link]=${index + which ? 'OR' : 'AND'}&${at}[field]=${field}&${at}[searchtype]=contains&${at}[value]=${encodeURIComponent(word)}`;
          }),
        ),
        ...[ids.id, ids.name, ids.answer, ids.begin, ids.end].filter(Boolean).map((id, index) => `forcedisplay[${index}]=${id}`),
        ids.modified ? `sort=${ids.modified}&order=DESC` : '',
        `range=0-${candidates(limit) - 1}`,
      ].filter(Boolean);
      let answer: z.infer<typeof searchAnswer>;
      try {
        answer = await calls.get(searchAnswer, `search/KnowbaseItem?${query.join('&')}`, signal);
      } catch (error) {
        // A profile without the FAQ right (`KnowbaseItem::canView`, lines 141-148) has no article to find.
        if ((error as HelpdeskError | undefined)?.kind === 'forbidden') return [];
        throw error;
      }
      const hits: ArticleHit[] = [];
      for (const row of answer.data ?? []) {
        const id = String(row[ids.id] ?? '');
        if (!/^\d+$/.test(id) || !inDates(row[ids.begin ?? ''], row[ids.end ?? ''], reading)) continue;
        const title = plain(text(row[ids.name]));
        const body = plainText(richText(text(row[ids.answer]), reading.rawBodies).value);
        // GLPI searched the stored HTML, whose tags and attributes may hold a word the text does not.
        if (!matchCount(`${title} ${body}`, words)) continue;
        hits.push({ id, title, excerpt: excerptOf(body, words), url: calls.url(id) });
      }
      // Best first, then read by GLPI in that order until `limit` are confirmed.
      const ranked = rankHits(hits, words, hits.length);
      const kept: ArticleHit[] = [];
      for (let start = 0; start < ranked.length && kept.length < limit; start += limit) {
        const batch = ranked.slice(start, start + limit);
        const allowed = await Promise.all(batch.map((hit) => mayRead(hit.id, signal)));
        kept.push(...batch.filter((_, index) => allowed[index]));
      }
      return kept.slice(0, limit);
    },

    async read(articleId, { signal } = {}): Promise<Article> {
      if (!/^\d+$/.test(articleId)) throw new HelpdeskError('not-found', { detail: `${articleId} is not a GLPI id` });
      // 404 is 'not-found', 403 (an article the person may not read) 'forbidden': GLPI's codes, read by the adapter.
      const [row, reading] = await Promise.all([calls.get(articleAnswer, `KnowbaseItem/${articleId}`, signal), calls.reading(signal)]);
      readable.set(articleId, Promise.resolve(true));
      if (!inDates(row.begin_date, row.end_date, reading)) {
        throw new HelpdeskError('not-found', { detail: `article ${articleId} is outside its visibility dates` });
      }
      const body = richText(row.answer, reading.rawBodies);
      const bodyText = body.format === 'html' ? plainText(body.value) : body.value;
      return { id: articleId, title: plain(row.name), excerpt: excerptOf(bodyText), url: calls.url(articleId), body };
    },
  };
}
