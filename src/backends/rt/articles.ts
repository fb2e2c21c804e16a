/**
 * RT's articles (REST2 `articles`, `article/:id`), searched with the person's words: a piece
 * of its own, loaded when a form first suggests articles. Line numbers are RT 5.0.3's
 * (Debian 12's request-tracker5), under lib/RT/ unless said otherwise.
 *
 * Which articles: those the person may read. RT has no setting that picks classes for
 * self-service; its rights do (ShowArticle on a class, SeeCustomField on the "Content"
 * field), and RT leaves out of every answer what the person may not read.
 *
 * Why the whole list is read and searched here rather than searched by RT:
 * - REST2's JSON query cannot say "Name or Summary or Content holds the word": clauses on
 *   different fields are always ANDed (REST2/Resource/Collection/QueryByJSON.pm:102-142;
 *   only clauses on one field may be ORed, DBIx/SearchBuilder.pm:970-975);
 * - the body is the "Content" custom field, and `CF.{Content}` is not reliable: RT::Articles
 *   ::LimitCustomField reads `FIELD` where REST2 passes `CUSTOMFIELD`, so any field's value
 *   matches, and its join on ObjectCustomFieldValues has no ObjectType, so a ticket's value
 *   matches the article with the same number (Articles.pm:244-275; QueryByJSON.pm:120-126);
 *   it is also dropped without SeeCustomField granted globally or on the field itself;
 * - searching the title alone (one `Name LIKE` per word) would miss every article whose
 *   words are in its summary or body.
 * So the articles the person may read come in pages of 100 with their Name, Summary and
 * custom fields (`fields=`), kept for five minutes (a pause while typing does not download
 * them again), and are filtered and ranked here by the words found in all three. A
 * knowledge base of a few hundred articles is a few hundred kilobytes once; one of many
 * thousands is not what a requester's self-service reads (at most 50 pages are read).
 */
import * as z from 'zod/mini';
import { excerptOf, matchCount, plainText, rankHits, type Article, type ArticleHit, type ArticleSource } from '../../core/articles.js';
import { HelpdeskError } from '../../core/errors.js';
import type { RichText } from '../../core/ticket.js';
import { forCaller } from '../http.js';
import { id } from './answers.js';

/**
 * One custom field of an article, with its values (REST2/Util.pm:186-215 for a record,
 * REST2/Resource.pm:85-116 for `fields=CustomFields`): text for a text field, an object
 * for a file or an image.
 */
const fieldValues = z.looseObject({ id: z.union([z.string(), z.number()]), name: z.optional(z.string()), values: z._default(z.array(z.unknown()), []) });

/** An array, or an empty string in a search row when the person may see none of the fields (REST2/Resource.pm:115, 179). */
const customFields = z.optional(z.union([z.array(fieldValues), z.literal('')]));

/** `articles?fields=Name,Summary,CustomFields`: `{type, id, _url}` and the asked fields (REST2/Resource/Collection.pm:151-185). */
export const articleItem = z.looseObject({ id, Name: z.optional(z.string()), Summary: z.optional(z.string()), CustomFields: customFields });

/** `article/:id`. */
export const articleRecord = articleItem;

/** `customfield/:id`: its Type says how RT shows a value. */
export const customFieldRecord = z.looseObject({ id, Type: z.optional(z.string()) });

type Row = z.infer<typeof articleItem>;

/** What the adapter lends this piece: its calls (with the person's credentials), and where RT's pages are. */
export interface RtArticleCalls {
  call<T extends z.ZodMiniType>(schema: T, path: string, signal?: AbortSignal): Promise<z.infer<T>>;
  /** Every row of a collection, page after page (`RtBackend.#all`). */
  all<T extends z.ZodMiniType>(item: T, path: string, signal?: AbortSignal): Promise<z.infer<T>[]>;
  /** Changes when the person does (credentials set, refused, signed out): what was read for another person is dropped. */
  session(): object;
  /** The article on RT's self-service pages, when RT's web root is known. */
  url(id: string): string | undefined;
}

/** How long the list of articles is kept: a person writing a ticket pauses many times within it. */
export const ARTICLES_KEPT_MS = 5 * 60_000;

/**
 * Every article the person may read. RT answers nothing to an empty query (an unlimited
 * collection: DBIx/SearchBuilder.pm:613), so the query is "every id above 0"; RT drops the
 * articles of classes without ShowArticle from each page (Articles.pm:75-81) and counts
 * none unless ShowArticle is global (Articles.pm:971-974; Collection.pm:192, 208), which
 * `all` reads page after page until an empty one. Order: SortOrder, then Name (Articles.pm:61-64).
 */
const LIST = `articles?query=${encodeURIComponent(JSON.stringify([{ field: 'id', operator: '>', value: 0 }]))}&fields=Name,Summary,CustomFields`;

/** The body field: "Content", RT's own (etc/initialdata:938-946), else the first field with text. */
function contentOf(row: Row): { field?: string; text: string } {
  const fields = Array.isArray(row.CustomFields) ? row.CustomFields : [];
  const texts = fields.map((field) => ({ field: String(field.id), name: field.name ?? '', text: field.values.filter((value) => typeof value === 'string').join('\n') }));
  const found = texts.find((one) => one.name.toLowerCase() === 'content') ?? texts.find((one) => one.text);
  return found ? { field: found.field, text: found.text } : { text: '' };
}

/**
 * A value as RT's self-service page shows it (html/Elements/ShowArticleCustomFields:109-121
 * picks the component by the field's Type): an HTML field as HTML (ShowCustomFieldHTML:50-51),
 * a Text field — the default Content — as HTML too, its line breaks kept
 * (ShowCustomFieldText:49-51); a wiki or one-line field as text. The element sanitises HTML.
 */
export function bodyOf(text: string, type: string | undefined): RichText {
  if (type === 'HTML') return { format: 'html', value: text };
  if (type === undefined || type === 'Text') return { format: 'html', value: text.replace(/\r?\n/g, '<br />') };
  return { format: 'text', value: text };
}

/** The words a row holds, as the person would read them. */
const textOf = (row: Row) => plainText(contentOf(row).text);

export function rtArticles(calls: RtArticleCalls): ArticleSource {
  let kept: { session: object; until: number; rows: Promise<Row[]> } | undefined;
  /** Field id → Type; a field the person may not read (403 without SeeCustomField on it) is RT's default, Text. */
  const types = new Map<string, Promise<string | undefined>>();

  function rows(): Promise<Row[]> {
    const session = calls.session();
    if (kept && kept.session === session && kept.until > Date.now()) return kept.rows;
    // Read without any one search's signal: a search given up on does not fail the next one waiting for the list.
    const read = calls.all(articleItem, LIST);
    const entry = { session, until: Date.now() + ARTICLES_KEPT_MS, rows: read };
    kept = entry;
    read.catch(() => {
      if (kept === entry) kept = undefined;
    });
    return read;
  }

  function typeOf(field: string | undefined, signal?: AbortSignal): Promise<string | undefined> {
    if (field === undefined) return Promise.resolve(undefined);
    let type = types.get(field);
    if (!type) {
      // Asked once, and without the reader's signal: others may wait for the same answer.
      type = calls.call(customFieldRecord, `customfield/${field}`).then(
        (record) => record.Type,
        (error: unknown) => {
          // RT refuses the field itself to whoever lacks SeeCustomField on it (403 also for an unknown one,
          // REST2/Resource/Record.pm:101-119 with CustomField.pm:2179-2187): RT's default type. Anything else is asked again.
          if (!(error instanceof HelpdeskError && (error.kind === 'forbidden' || error.kind === 'not-found'))) types.delete(field);
          return undefined;
        },
      );
      types.set(field, type);
    }
    return forCaller(type, signal);
  }

  const hitOf = (row: Row, words: readonly string[]): ArticleHit => {
    const text = textOf(row);
    return { id: String(row.id), title: row.Name ?? '', excerpt: excerptOf(text || (row.Summary ?? ''), words), url: calls.url(String(row.id)) };
  };

  return {
    async search(words, { limit, signal }) {
      if (!words.length) return [];
      const all = await forCaller(rows(), signal);
      const found = all
        .map((row) => ({ row, count: matchCount(`${row.Name ?? ''} ${row.Summary ?? ''} ${textOf(row)}`, words) }))
        .filter(({ count }) => count > 0)
        // The most words first; RT's order between equals.
        .sort((a, b) => b.count - a.count)
        .map(({ row }) => hitOf(row, words));
      return rankHits(found, words, limit);
    },

    async read(articleId, { signal } = {}) {
      if (!/^\d+$/.test(articleId)) throw new HelpdeskError('not-found', { detail: `${articleId} is not an RT article id` });
      let row: Row;
      try {
        row = await calls.call(articleRecord, `article/${articleId}`, signal);
      } catch (error) {
        // 403 for an article of a class the person may not read (REST2/Resource/Article.pm:93-97): hidden is gone, for them.
        if (error instanceof HelpdeskError && error.kind === 'forbidden') throw new HelpdeskError('not-found', { status: error.status, detail: error.detail, cause: error });
        throw error;
      }
      const content = contentOf(row);
      const body = content.text ? bodyOf(content.text, await typeOf(content.field, signal)) : { format: 'text' as const, value: row.Summary ?? '' };
      const article: Article = { ...hitOf(row, []), body };
      return article;
    },
  };
}
