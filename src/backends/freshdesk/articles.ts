/**
 * Freshdesk's solution articles through the host's relay: a piece of its own, loaded when a
 * form first suggests articles.
 *
 * The relay (`examples/freshdesk-relay.mjs`) forwards `GET /api/v2/search/solutions?term=`
 * ("Search solution articles", developers.freshdesk.com/api) and `GET
 * /api/v2/solutions/articles/[id]` ("View a Solution Article") with its agent key, keeps
 * published articles (status 2) of folders every customer may read (visibility 1 or 2), and
 * answers their id, title, `description` (HTML), `description_text` and, when it knows the
 * portal, `url`. The same checks are made here on whatever of Freshdesk's fields come along,
 * should another relay pass Freshdesk's rows whole.
 *
 * A relay written before these routes answers them 404: then there is nothing to suggest,
 * which is no failure for the person, and it is not asked again.
 */
import * as z from 'zod/mini';
import { excerptOf, plainText, rankHits, type ArticleHit, type ArticleSource } from '../../core/articles.js';
import { HelpdeskError } from '../../core/errors.js';

const id = z.number().check(z.refine((n) => Number.isInteger(n) && n > 0));
const text = z.optional(z.nullable(z.string()));

/** An article as the relay answers it (or Freshdesk's row, with `status` and `folder_visibility`). */
export const articleRow = z.looseObject({
  id,
  title: z.string(),
  description: text,
  description_text: text,
  url: text,
  status: z.optional(z.number()),
  folder_visibility: z.optional(z.number()),
});

export const articleRows = z.array(articleRow);

type Row = z.infer<typeof articleRow>;
type Get = <T extends z.ZodMiniType>(schema: T, path: string, signal?: AbortSignal) => Promise<z.infer<T>>;

/** 1 draft, 2 published; folders 1 All Users, 2 Logged In Users (3 and up: agents, companies, bots, segments). */
const readable = (row: Row) => (row.status === undefined || row.status === 2) && (row.folder_visibility === undefined || row.folder_visibility <= 2);

/** A link only when it is one a page may open (http or https). */
function linkOf(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return /^https?:$/.test(new URL(url).protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The plain text of an article: Freshdesk's own twin, else the HTML read as text. */
const textOf = (row: Row) => row.description_text ?? plainText(row.description ?? '');

const hitOf = (row: Row, words: readonly string[] = []): ArticleHit => ({ id: String(row.id), title: row.title, excerpt: excerptOf(textOf(row), words), url: linkOf(row.url) });

export function freshdeskArticles(get: Get): ArticleSource {
  /** The relay has no articles routes (it answered 404): nothing to search, and no more asking. */
  let absent = false;

  return {
    async search(words, { limit, signal }) {
      if (absent || !words.length) return [];
      let rows: Row[];
      try {
        // One request for all the words: Freshdesk counts every call against the account's minute.
        rows = await get(articleRows, `search/solutions?term=${encodeURIComponent(words.join(' '))}`, signal);
      } catch (error) {
        if (!(error instanceof HelpdeskError && error.kind === 'not-found')) throw error;
        absent = true;
        return [];
      }
      // Freshdesk's order, then the shared ranking by the words each title and text holds.
      return rankHits(
        rows.filter(readable).map((row) => hitOf(row, words)),
        words,
        limit,
      );
    },

    async read(articleId, { signal } = {}) {
      if (!/^\d+$/.test(articleId)) throw new HelpdeskError('not-found', { detail: `${articleId} is not a Freshdesk article id` });
      const row = await get(articleRow, `solutions/articles/${articleId}`, signal);
      if (!readable(row)) throw new HelpdeskError('not-found', { detail: `article ${articleId} is not published for customers` });
      return { ...hitOf(row), body: row.description ? { format: 'html', value: row.description } : { format: 'text', value: row.description_text ?? '' } };
    },
  };
}
