/**
 * The fake Zammad's knowledge base: the search and one answer with its contents, as
 * Zammad 5.2.x and 7.0.x (develop, 2025) answer them; both agree on what is modelled here.
 *
 * - `POST /knowledge_bases/search` (KnowledgeBase::SearchController#search): anyone may call
 *   it (`authentication_check_only`, no `authorize!`); everyone but an editor gets published
 *   answers only, an agent asking `flavor: agent` internal ones too
 *   (SearchKnowledgeBaseBackend#translation_ids_for_answers). The search is Elasticsearch's
 *   (lib/search_index_backend.rb `search_by_index`): a `query_string` whose terms must all
 *   match (`default_operator` AND), the last one as a prefix (`append_wildcard_to_simple_query`),
 *   on the title and the text of the body; the standard analyzer, so case is ignored and
 *   accents are not. Hits carry the highlighted `<em>` fragments. Answered
 *   `{result: [{id, type, highlight}], details: [...]}`, newest change first (7.0's
 *   `order_by: {updated_at: :desc}`); `{result: [], details: []}` without an active
 *   knowledge base.
 * - `GET /knowledge_bases/:kb/answers/:id?include_contents=…` (AnswersController#show):
 *   logged in (`authentication_check`), the answer found by its own id (the `:kb` segment is
 *   not read) or 404, AnswerPolicy#show? (published, or internal for an agent) or 403; the
 *   contents asked for, only those of this answer's translations (7.0's join).
 */
import { readJsonParams, type ZammadApi } from './protocol.js';
import type { ZammadCall, ZammadGuestCall, ZammadRoute } from './routes.js';
import type { ZammadFakeKbAnswer, ZammadFakeKnowledgeBase, ZammadFakeState } from './state.js';

const ANSWER = 'KnowledgeBase::Answer::Translation';
const CATEGORY = 'KnowledgeBase::Category::Translation';
const BASE = 'KnowledgeBase::Translation';

/** Rails' `parameterize`: ASCII, lower case, runs of anything else as one dash. */
const parameterize = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * Rails' `strip_tags`, as the index holds an answer's body (Translation::Content
 * `search_index_attribute_lookup`): the tags gone, the text HTML-escaped.
 */
function stripTags(html: string): string {
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#39|[a-z]+);/gi, (all, name: string) => ENTITIES[name.toLowerCase()] ?? all)
    .replace(/\s+/g, ' ')
    .trim();
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Rails' `truncate(100)`: 97 characters and "..." when longer. */
const truncate = (text: string, length = 100) => (text.length > length ? `${text.slice(0, length - 3)}...` : text);

/** The standard analyzer's tokens: letters and digits, lower-cased (accents kept). */
const tokensOf = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** A `query_string` of plain words: each term a token, the last one a prefix (the appended `*`). */
function queryOf(query: string): ((token: string) => boolean)[] {
  const terms = tokensOf(query);
  const wildcard = !query.includes(':');
  return terms.map((term, index) => (token: string) => (wildcard && index === terms.length - 1 ? token.startsWith(term) : token === term));
}

/** Elasticsearch's highlight of a field: the matching tokens in `<em>`, the fragment (about 100 characters) around the first. */
function highlight(text: string, query: ((token: string) => boolean)[], fragment: boolean): string | undefined {
  const matches = (token: string) => query.some((term) => term(token.toLowerCase()));
  const first = [...text.matchAll(/[\p{L}\p{N}]+/gu)].find((match) => matches(match[0]));
  if (!first) return undefined;
  let piece = text;
  if (fragment && text.length > 100) {
    const start = first.index > 60 ? text.indexOf(' ', first.index - 40) + 1 : 0;
    piece = text.slice(start, start + 100).replace(/\s\S*$/, '');
  }
  return piece.replace(/[\p{L}\p{N}]+/gu, (token) => (matches(token) ? `<em>${token}</em>` : token));
}

const helpRoot = (kb: ZammadFakeKnowledgeBase) => `/help/${kb.locale}`;
const categoryPath = (kb: ZammadFakeKnowledgeBase) => `${helpRoot(kb)}/${kb.category.id}-${parameterize(kb.category.title)}`;
/** `help_answer_path`: each segment a translation's `to_param`, `"#{answer_id}-#{title.parameterize}"`. */
const answerPath = (kb: ZammadFakeKnowledgeBase, answer: ZammadFakeKbAnswer) => `${categoryPath(kb)}/${answer.id}-${parameterize(answer.translation.title)}`;

interface Found {
  meta: { id: number; type: string; highlight?: Record<string, string[]> | null };
  detail: Record<string, unknown>;
  date: string;
}

/** The parameters as CanPaginate reads them: `per_page` or `limit` (100 by default, 1000 at most), `page` from 1. */
function pagination(params: Record<string, unknown>): { offset: number; limit: number } {
  const number = (value: unknown) => Number.parseInt(String(value), 10) || 0;
  const limit = Math.min(params.per_page ?? params.limit ? number(params.per_page ?? params.limit) : 100, 1000);
  const page = params.page === undefined || params.page === null ? 1 : number(params.page);
  return { offset: Math.max(0, (page - 1) * limit), limit: Math.max(0, limit) };
}

async function search({ request, api, state, user }: ZammadGuestCall): Promise<Response> {
  const read = await readJsonParams(request);
  if (!read.ok) return api.error(400, 'Invalid JSON body');
  const params = read.params;
  const kb = state.knowledgeBase;
  const query = typeof params.query === 'string' ? params.query.trim() : '';
  // `search_by_index` returns nothing for a blank query; no active knowledge base, no locale to search in.
  if (!kb?.active || !query) return api.json({ result: [], details: [] });
  const indexes = params.index === undefined || params.index === null ? [ANSWER, CATEGORY, BASE] : [params.index].flat().map(String);
  const terms = queryOf(query);
  const highlighted = params.highlight_enabled !== false;
  const agentUrls = params.url_type === 'agent';
  const internalToo = params.flavor === 'agent';
  const matchesAll = (...texts: string[]) => {
    const tokens = texts.flatMap(tokensOf);
    return terms.every((term) => tokens.some(term));
  };
  const found: Found[] = [];

  if (indexes.includes(ANSWER)) {
    for (const answer of state.kbAnswers) {
      const { translation } = answer;
      const text = stripTags(answer.content.body);
      if (!state.answerVisible(answer, user, internalToo) || !matchesAll(translation.title, text)) continue;
      // The index holds the title through strip_tags too (Translation#search_index_attribute_lookup).
      const title = highlighted ? highlight(stripTags(translation.title), terms, false) : undefined;
      const body = highlighted ? highlight(text, terms, true) : undefined;
      const marks: Record<string, string[]> = {};
      if (title) marks.title = [title];
      if (body) marks['content.body'] = [body];
      found.push({
        meta: { id: translation.id, type: ANSWER, ...(highlighted ? { highlight: Object.keys(marks).length ? marks : null } : {}) },
        date: translation.updated_at,
        detail: {
          id: translation.id,
          type: ANSWER,
          icon: 'knowledge-base-answer',
          date: translation.updated_at,
          url: agentUrls ? `/api/v1/knowledge_bases/${kb.id}/answers/${answer.id}?include_contents=${translation.id}` : answerPath(kb, answer),
          title: title ?? translation.title,
          subtitle: kb.category.title,
          body: body ?? truncate(text),
          tags: [],
        },
      });
    }
  }
  // The category, when it holds something the person may read (`public_content?`).
  if (indexes.includes(CATEGORY) && state.kbAnswers.some((answer) => state.answerVisible(answer, user, internalToo)) && matchesAll(kb.category.title)) {
    const title = (highlighted && highlight(kb.category.title, terms, false)) || kb.category.title;
    const url = agentUrls ? `/api/v1/knowledge_bases/${kb.id}/categories/${kb.category.id}` : categoryPath(kb);
    const date = state.kbAnswers.at(-1)!.updated_at;
    found.push({
      meta: { id: kb.category.translationId, type: CATEGORY },
      date,
      detail: { id: kb.category.translationId, type: CATEGORY, fontName: 'FontAwesome', date, url, icon: 'f115', subtitle: null, title },
    });
  }
  if (indexes.includes(BASE) && matchesAll(kb.title)) {
    const title = (highlighted && highlight(kb.title, terms, false)) || kb.title;
    const date = state.kbAnswers[0]?.created_at ?? state.now();
    found.push({
      meta: { id: 1, type: BASE },
      date,
      detail: { id: 1, type: BASE, icon: 'knowledge-base', date, url: agentUrls ? `/api/v1/knowledge_bases/${kb.id}` : helpRoot(kb), title },
    });
  }

  const excluded = Array.isArray(params.exclude_ids) ? params.exclude_ids.map(Number) : [];
  const { offset, limit } = pagination(params);
  const shown = found
    .filter(({ meta }) => !(meta.type === params.index && excluded.includes(meta.id)))
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date))
    .slice(offset, offset + limit);
  return api.json({ result: shown.map(({ meta }) => meta), details: shown.map(({ detail }) => detail) });
}

/** An answer's `assets`: the answer, its category and knowledge base with their translations, its translations, and the author. */
function assetsOf(api: ZammadApi, state: ZammadFakeState, kb: ZammadFakeKnowledgeBase, answer: ZammadFakeKbAnswer): Record<string, Record<string, unknown>> {
  const { translation, category_id } = answer;
  const answerIds = state.kbAnswers.map((one) => one.id);
  const author = state.user(answer.created_by_id);
  return {
    KnowledgeBaseAnswer: {
      [answer.id]: {
        id: answer.id,
        category_id,
        position: state.kbAnswers.indexOf(answer),
        promoted: false,
        internal_note: null,
        published_at: answer.published_at,
        internal_at: answer.internal_at,
        archived_at: answer.archived_at,
        published_by_id: answer.published_at ? answer.created_by_id : null,
        internal_by_id: answer.internal_at ? answer.created_by_id : null,
        archived_by_id: answer.archived_at ? answer.created_by_id : null,
        created_at: answer.created_at,
        updated_at: answer.updated_at,
        translation_ids: [translation.id],
        attachments: [],
        tags: [],
      },
    },
    KnowledgeBaseCategory: {
      [kb.category.id]: {
        id: kb.category.id,
        knowledge_base_id: kb.id,
        parent_id: null,
        category_icon: 'f115',
        position: 0,
        translation_ids: [kb.category.translationId],
        answer_ids: answerIds,
        child_ids: [],
        permission_ids: [],
        permissions_effective: [],
      },
    },
    KnowledgeBase: {
      [kb.id]: {
        id: kb.id,
        iconset: 'FontAwesome',
        active: kb.active,
        custom_address: null,
        homepage_layout: 'grid',
        category_layout: 'grid',
        show_feed_icon: false,
        translation_ids: [1],
        kb_locale_ids: [kb.kbLocaleId],
        category_ids: [kb.category.id],
        answer_ids: answerIds,
        permission_ids: [],
        permissions_effective: [],
      },
    },
    KnowledgeBaseLocale: { [kb.kbLocaleId]: { id: kb.kbLocaleId, knowledge_base_id: kb.id, system_locale_id: kb.systemLocaleId, primary: true } },
    KnowledgeBaseTranslation: { 1: { id: 1, title: kb.title, footer_note: null, kb_locale_id: kb.kbLocaleId, knowledge_base_id: kb.id } },
    KnowledgeBaseCategoryTranslation: {
      [kb.category.translationId]: { id: kb.category.translationId, title: kb.category.title, kb_locale_id: kb.kbLocaleId, category_id: kb.category.id },
    },
    KnowledgeBaseAnswerTranslation: {
      [translation.id]: {
        id: translation.id,
        title: translation.title,
        kb_locale_id: translation.kb_locale_id,
        answer_id: answer.id,
        content_id: translation.content_id,
        created_by_id: answer.created_by_id,
        updated_by_id: answer.created_by_id,
        created_at: translation.created_at,
        updated_at: translation.updated_at,
      },
    },
    ...(author ? { User: { [author.id]: api.user(author) } } : {}),
  };
}

function showAnswer({ api, state, user, params, query }: ZammadCall): Response {
  const id = typeof params.id === 'string' ? params.id : '';
  const answer = /^\d+$/.test(id) ? state.kbAnswers.find((one) => one.id === Number(id)) : undefined;
  const kb = state.knowledgeBase;
  if (!answer || !kb) return api.notFound('KnowledgeBase::Answer', id);
  if (!state.answerVisible(answer, user)) return api.forbidden();
  const assets = assetsOf(api, state, kb, answer);
  const asked = (query.get('include_contents') ?? '').split(',').filter(Boolean);
  if (asked.includes(String(answer.content.id))) {
    assets.KnowledgeBaseAnswerTranslationContent = { [answer.content.id]: { id: answer.content.id, body: answer.content.body, attachments: [] } };
  }
  return api.json({ id: answer.id, assets });
}

export const zammadKnowledgeBaseRoutes: ZammadRoute[] = [
  { method: 'post', path: 'knowledge_bases/search', guest: true, handle: search },
  { method: 'get', path: 'knowledge_bases/:kb/answers/:id', handle: showAnswer },
];
