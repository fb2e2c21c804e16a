/**
 * An email-only provider's help pages (seed 002 publishes its guide): the list written in the
 * configuration, or a JSON file of the same shape the page reads once. Searched here, since
 * there is no helpdesk to ask: every page holding one of the words, the most first.
 */
import * as z from 'zod/mini';
import { excerptOf, matchCount, plainText, rankHits, type Article, type ArticleSource } from '../../core/articles.js';
import { HelpdeskError } from '../../core/errors.js';
import { requestJson } from '../http.js';
import { articleSchema, type EmailBackendConfig } from './config.js';

type Listed = z.infer<ReturnType<typeof articleSchema>>;

/** Plain text, or HTML when it has a tag: what an admin writes in a JSON file is either. */
const bodyOf = (body: string) => (/<[a-z][^>]*>/i.test(body) ? { format: 'html' as const, value: body } : { format: 'text' as const, value: body });

export function emailArticles({ articles, timeout }: EmailBackendConfig): ArticleSource {
  let list: Promise<Article[]> | undefined;
  const load = (signal?: AbortSignal): Promise<Article[]> =>
    (list ??= (typeof articles === 'string' ? fetchList(articles, timeout, signal) : Promise.resolve(articles ?? [])).then(
      (items) =>
        items.map(({ title, body, url }, index) => {
          const rich = bodyOf(body);
          return { id: String(index + 1), title, url, body: rich, excerpt: excerptOf(rich.format === 'html' ? plainText(body) : body) };
        }),
      (error: unknown) => {
        list = undefined; // read again at the next pause
        throw error;
      },
    ));
  return {
    async search(words, { limit, signal }) {
      const all = await load(signal);
      const found = all.filter((article) => matchCount(`${article.title} ${article.excerpt} ${article.body.value}`, words) > 0);
      return rankHits(found, words, limit).map(({ id, title, excerpt, url }) => ({ id, title, excerpt, url }));
    },
    async read(id, { signal } = {}) {
      const article = (await load(signal)).find((candidate) => candidate.id === id);
      if (!article) throw new HelpdeskError('not-found', { detail: `no article ${id}` });
      return article;
    },
  };
}

async function fetchList(url: string, timeout: number, signal?: AbortSignal): Promise<Listed[]> {
  const { body } = await requestJson({ url, timeout, signal, endpointName: 'the articles file' });
  const parsed = z.safeParse(z.array(articleSchema()), body);
  if (!parsed.success) {
    // Where in the file, for the admin who wrote it: "[2].body".
    const issue = parsed.error.issues[0];
    const at = issue?.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('') ?? '';
    throw new HelpdeskError('bad-response', { detail: `the articles file is not a list of { title, body, url? }${at ? ` (at ${at}: ${issue.message})` : ''}` });
  }
  return parsed.data;
}
