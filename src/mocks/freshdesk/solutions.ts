/**
 * The fake's solution articles, in two halves as the relay (`examples/freshdesk-relay.mjs`)
 * and Freshdesk split them:
 *
 * - Freshdesk: `GET /api/v2/search/solutions?term=` ("Search solution articles",
 *   developers.freshdesk.com/api) answers a bare array of articles with their `status` and
 *   `folder_visibility`, whatever they are, to an agent's key; `GET /solutions/articles/[id]`
 *   one article, or a bare 404. How the term is matched is not documented: the fake takes
 *   the articles whose title or text holds any of its words (case and accents aside), those
 *   holding the most first, then the newest.
 * - The relay: a blank term is not sent; only published articles (status 2) of folders every
 *   customer may read (visibility 1 or 2) come back, as `{id, title, description,
 *   description_text}` and `url` when it knows the portal; any other article is a 404. Its
 *   read costs a second API call (the article's folder, for its visibility).
 */
import { json, notFound, refused } from './protocol.js';
import type { FreshdeskCall, FreshdeskRoute } from './routes.js';
import { FRESHDESK_PUBLISHED, type FreshdeskFakeSolutionArticle, type FreshdeskFakeState } from './state.js';

/** Folder visibilities every customer may read: All Users, Logged In Users. */
const CUSTOMER_FOLDERS = [1, 2];

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const readable = (state: FreshdeskFakeState, article: FreshdeskFakeSolutionArticle) =>
  article.status === FRESHDESK_PUBLISHED && CUSTOMER_FOLDERS.includes(state.solutionFolder(article.folder_id)?.visibility ?? 0);

/** What the relay answers of an article. */
function relayed(state: FreshdeskFakeState, article: FreshdeskFakeSolutionArticle): Record<string, unknown> {
  const { id, title, description, description_text } = article;
  const portal = state.settings.portalUrl?.replace(/\/+$/, '');
  return { id, title, description, description_text, ...(portal ? { url: `${portal}/support/solutions/articles/${id}` } : {}) };
}

const searchSolutions: FreshdeskRoute = {
  method: 'get',
  path: 'search/solutions',
  handle({ query, state }: FreshdeskCall) {
    // The relay forwards the term only.
    const unknown = [...query.keys()].find((name) => name !== 'term');
    if (unknown !== undefined) return json({ description: 'Validation failed', errors: [{ field: unknown, message: 'Unexpected/invalid field in request', code: 'invalid_field' }] }, 400);
    const words = fold(query.get('term') ?? '').match(/[\p{L}\p{N}]+/gu) ?? [];
    if (!words.length) return json([]);
    const found = state.solutionArticles
      .map((article) => ({ article, count: words.filter((word) => fold(`${article.title} ${article.description_text}`).includes(word)).length }))
      .filter(({ count }) => count > 0)
      .sort((a, b) => b.count - a.count || b.article.updated_at.getTime() - a.article.updated_at.getTime())
      .map(({ article }) => article);
    return json(found.filter((article) => readable(state, article)).map((article) => relayed(state, article)));
  },
};

const readSolution: FreshdeskRoute = {
  method: 'get',
  path: 'solutions/articles/:id',
  handle({ params, state }: FreshdeskCall) {
    const id = typeof params.id === 'string' ? params.id : '';
    const article = /^\d+$/.test(id) ? state.solutionArticles.find((one) => one.id === Number(id)) : undefined;
    if (!article || article.status !== FRESHDESK_PUBLISHED) return notFound();
    // The relay's second call, for the folder's visibility: one more credit of the minute.
    const spent = state.spend(1);
    if (spent.retryAfter !== undefined) {
      const limited = refused(429, 'rate_limit_exceeded', 'You have exceeded the limit of requests per minute');
      limited.headers.set('Retry-After', String(spent.retryAfter));
      return limited;
    }
    return readable(state, article) ? json(relayed(state, article)) : notFound();
  },
};

export const FRESHDESK_SOLUTION_ROUTES: FreshdeskRoute[] = [searchSolutions, readSolution];
