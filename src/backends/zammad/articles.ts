/**
 * Zammad's knowledge base as the person may read it: a piece of its own, loaded when a
 * form first suggests articles. Rules read in Zammad's source, 5.2.x (a full copy of
 * upstream, Talha5/zammad__refactor) and 7.0.x (develop, 2025, paulo-atsinformatica/zammad);
 * both agree on everything below, so 6.x, between them, is taken to as well.
 *
 * Search: `POST /api/v1/knowledge_bases/search` (config/routes/knowledge_base.rb), which
 * needs no account (`KnowledgeBase::SearchController`: `authentication_check_only`, no
 * `authorize!`) and gives anyone but an editor only published answers
 * (`SearchKnowledgeBaseBackend#translation_ids_for_answers`: `scope.published`). It is sent
 * without the person's credentials, so that what it finds is what a visitor of the public
 * help center may read, whoever the credentials belong to.
 *
 * One request per word: with Elasticsearch the query is a `query_string` whose
 * `default_operator` is AND, a `*` appended (lib/search_index_backend.rb
 * `search_by_index`, `append_wildcard_to_simple_query`), and without it the fallback looks
 * for the whole query as one `LIKE %query%` (search_knowledge_base_backend.rb
 * `search_fallback_for_index`): several words in one query would find only the articles
 * holding all of them side by side. Each word alone finds what holds it, with either.
 *
 * Read: `GET /api/v1/knowledge_bases/:kb/answers/:id?include_contents=:content_ids`
 * (KnowledgeBase::AnswersController#show), a logged-in call; AnswerPolicy#show? lets
 * anyone read a published answer (`record.visible?`). Not covered by any spec of Zammad's
 * for a customer, and Zammad's own documentation asks for knowledge_base.reader.
 */
import * as z from 'zod/mini';
import { excerptOf, plainText, rankHits, type ArticleHit, type ArticleSource } from '../../core/articles.js';
import { HelpdeskError } from '../../core/errors.js';

const id = z.number().check(z.refine((n) => Number.isInteger(n) && n > 0));
const maybe = <T extends z.ZodMiniType>(schema: T) => z.optional(z.union([schema, z.literal(null)]));

/** `{result, details}`, two arrays in the same order (SearchController#search); only `details` is read. */
export const searchAnswer = z.looseObject({
  details: z.array(z.looseObject({ id, type: z.string(), url: maybe(z.string()), title: maybe(z.string()), body: maybe(z.string()) })),
});

/** An answer with its assets: its translations (each naming its content) and the contents asked for. */
export const answerAnswer = z.looseObject({
  id,
  assets: z.looseObject({
    KnowledgeBaseAnswerTranslation: z.optional(z.record(z.string(), z.looseObject({ id, title: z.string(), answer_id: id, content_id: id }))),
    KnowledgeBaseAnswerTranslationContent: z.optional(z.record(z.string(), z.looseObject({ id, body: maybe(z.string()) }))),
  }),
});

/** What the search's hits are: answers (categories and the knowledge base itself are left out by `index`). */
const ANSWER = 'KnowledgeBase::Answer::Translation';

/**
 * The knowledge base in the read's path. `AnswersController#show` finds the answer by its
 * own id (`klass.find(params[:id])`, in 5.2 and 7.0, and its policy the same way) and never
 * reads this segment; the search does not say which knowledge base an answer is in. A
 * Zammad makes one knowledge base (its help center serves `policy_scope(KnowledgeBase).first`,
 * knowledge_base/public/base_controller.rb), whose id is 1.
 */
const KNOWLEDGE_BASE = 1;

/** Words searched at most, one request each. */
const MAX_WORDS = 6;

export interface ZammadKnowledgeBaseAccess {
  /** `POST` as nobody: no Authorization header. */
  search<T extends z.ZodMiniType>(schema: T, path: string, json: unknown, signal?: AbortSignal): Promise<z.infer<T>>;
  /** `GET` with the person's credentials, Zammad's refusals mapped as for tickets. */
  read<T extends z.ZodMiniType>(schema: T, path: string, signal?: AbortSignal): Promise<z.infer<T>>;
  /** Zammad's own pages, absolute: the API root without `/api/v1`, resolved against the page. */
  root: string;
}

/**
 * Plain text of a search's `title` or `body`: Elasticsearch's highlight marks (`<em>…</em>`,
 * its default: only field names are passed, search_index_backend.rb) around the words found,
 * in a text whose tags were stripped (Rails' strip_tags, which leaves it HTML-escaped). The
 * marks go, any other `<` stays a character, the entities are read: nothing of it is HTML.
 */
export const unmarked = (text: string): string => plainText(text.replace(/<\/?em>/gi, '').replace(/</g, '&lt;').replace(/>/g, '&gt;'));

/**
 * The answer id of a public answer path, `/help/:locale/:category/:answer`, whose last
 * segment is `"#{answer_id}-#{title.parameterize}"` (KnowledgeBase::Answer::Translation#to_param).
 */
const answerIdOf = (path: string): string | undefined => /\/(\d+)(?:-[^/]*)?\/?$/.exec(path.split(/[?#]/)[0])?.[1];

/** The public path as a link: Zammad gives it from its root (relative); an absolute one is kept when it is http(s). */
function linkOf(path: string, root: string): string | undefined {
  try {
    const url = /^[a-z][a-z\d+.-]*:/i.test(path) ? new URL(path) : new URL(`${root}${path.startsWith('/') ? '' : '/'}${path}`);
    return /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function zammadArticles(access: ZammadKnowledgeBaseAccess): ArticleSource {
  /** Links of the hits found, for the article when it is read. */
  const links = new Map<string, string | undefined>();

  async function searchWord(word: string, limit: number, signal?: AbortSignal): Promise<ArticleHit[]> {
    const answer = await access.search(
      searchAnswer,
      'knowledge_bases/search',
      // `flavor: public` is the default and what a customer gets whatever is asked; `include_locale`
      // would add " (EN-US)" to titles when the instance has several locales; the links are the
      // public help center's (`url_type: public`).
      { query: word, index: ANSWER, flavor: 'public', url_type: 'public', include_locale: false, limit },
      signal,
    );
    return answer.details.flatMap((detail) => {
      const answerId = detail.type === ANSWER && detail.url ? answerIdOf(detail.url) : undefined;
      if (!answerId) return [];
      // The hit's own id is the answer's translation (one language of it), which names its content.
      const hitId = `${answerId}:${detail.id}`;
      const url = linkOf(detail.url!, access.root);
      links.set(hitId, url);
      // `body`: the first highlighted fragment, else the first 100 characters of the text.
      return [{ id: hitId, title: unmarked(detail.title ?? ''), excerpt: excerptOf(unmarked(detail.body ?? ''), [word]), url }];
    });
  }

  async function readAnswer(answerId: string, contentId: string, signal?: AbortSignal) {
    try {
      return await access.read(answerAnswer, `knowledge_bases/${KNOWLEDGE_BASE}/answers/${answerId}?include_contents=${contentId}`, signal);
    } catch (error) {
      // 403 "Not authorized": the answer is a draft, internal or archived, hidden from the person.
      if (error instanceof HelpdeskError && error.kind === 'forbidden') throw new HelpdeskError('not-found', { status: error.status, detail: error.detail, cause: error });
      throw error;
    }
  }

  return {
    async search(words, { limit, signal }) {
      const found = await Promise.all(words.slice(0, MAX_WORDS).map((word) => searchWord(word, limit, signal)));
      // In the words' order (the title's first), each article once, then the shared ranking.
      return rankHits(found.flat(), words, limit);
    },

    async read(articleId, { signal } = {}) {
      const match = /^(\d+):(\d+)$/.exec(articleId);
      if (!match) throw new HelpdeskError('not-found', { detail: `${articleId} is not a Zammad answer` });
      const [, answerId, translationId] = match;
      // A content's id is most often its translation's (Zammad's own agent search links them so,
      // search_controller.rb `url_type == :agent`), but they are two tables: the translation says.
      let answer = await readAnswer(answerId, translationId, signal);
      const translations = Object.values(answer.assets.KnowledgeBaseAnswerTranslation ?? {}).filter((one) => String(one.answer_id) === answerId);
      const translation = translations.find((one) => String(one.id) === translationId) ?? translations[0];
      if (!translation) throw new HelpdeskError('not-found', { detail: `answer ${answerId} has no translation to read` });
      const contentOf = () => answer.assets.KnowledgeBaseAnswerTranslationContent?.[String(translation.content_id)];
      if (!contentOf()) answer = await readAnswer(answerId, String(translation.content_id), signal);
      const content = contentOf();
      if (!content) throw new HelpdeskError('not-found', { detail: `answer ${answerId} came without its content` });
      const html = content.body ?? '';
      return { id: articleId, title: translation.title, excerpt: excerptOf(plainText(html)), url: links.get(articleId), body: { format: 'html', value: html } };
    },
  };
}
