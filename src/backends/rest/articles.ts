/**
 * The REST protocol's optional articles routes (docs/rest-protocol.md, "Articles"): the
 * host application's help pages, searched with the person's words. A piece of its own,
 * loaded when a form first suggests articles.
 */
import * as z from 'zod/mini';
import { excerptOf, plainText, type ArticleHit, type ArticleSource } from '../../core/articles.js';
import { id, linkUrl } from './answers.js';

const body = z.looseObject({ format: z.enum(['text', 'html']), value: z.string() });
const hit = { id, title: z.string(), excerpt: z.optional(z.string()), url: linkUrl };
export const articleList = z.looseObject({ articles: z.array(z.looseObject(hit)) });
export const articleAnswer = z.looseObject({ ...hit, body });

type Get = <T extends z.ZodMiniType>(schema: T, path: string, signal?: AbortSignal) => Promise<z.infer<T>>;

function hitOf(row: z.infer<typeof articleList>['articles'][number]): ArticleHit {
  // The excerpt is shown as text, cut as the other helpdesks' are; a link only when the configuration would accept it.
  return { id: String(row.id), title: row.title, excerpt: excerptOf(plainText(row.excerpt ?? '')), url: row.url };
}

export function restArticles(get: Get): ArticleSource {
  return {
    async search(words, { limit, signal }) {
      const answer = await get(articleList, `articles?q=${encodeURIComponent(words.join(' '))}&limit=${limit}`, signal);
      return answer.articles.map(hitOf);
    },
    async read(articleId, { signal } = {}) {
      const row = await get(articleAnswer, `articles/${encodeURIComponent(articleId)}`, signal);
      const text = row.body.format === 'html' ? plainText(row.body.value) : row.body.value;
      return { ...hitOf({ ...row, excerpt: row.excerpt ?? text }), body: row.body };
    },
  };
}
