/**
 * Answers before tickets, under the form's description: the helpdesk's articles that match
 * what the person is typing, and their own open tickets about the same problem (seed 002:
 * more about one problem goes as a reply on its ticket, not as a new ticket).
 *
 * A piece of its own, loaded by the form only when the configuration turns `articles` on:
 * its texts are its own (French and English), as the launcher's are. Nothing here may slow
 * or block the form: a search waits for a pause in the typing, the one before is aborted,
 * a failure shows nothing, and nothing is sent for fewer than `minChars` letters.
 */
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { meaningfulLength, problemWords, rankHits, resemblingTickets, type Article, type ArticleHit, type ArticleSource } from '../../core/articles.js';
import type { TicketSummary } from '../../core/ticket.js';
import type { HelpdeskBackend } from '../../backends/types.js';
import { emit } from '../../events/events.js';
import type { ArticlesConfig } from '../../config/index.js';
import { controls } from '../../styles/controls.js';
import { tokens } from '../../styles/tokens.js';

/** Milliseconds of quiet typing before a search: a pause, not every key. */
export const PAUSE_MS = 150;

const TEXTS = {
  en: {
    heading: 'These may answer your question',
    found: (count: number) => (count === 1 ? 'One article may answer your question.' : `${count} articles may answer your question.`),
    loading: 'Loading the article…',
    failed: 'The article could not be loaded.',
    retry: 'Try again',
    onSite: 'Read it on the support site',
    helpful: 'This answers my question',
    stillNeed: 'I still need help',
    thanks: 'Glad it helped. Nothing was sent, and your draft is cleared.',
    sameProblem: (id: string) => `You already have ticket ${id} open:`,
    replyInstead: 'Add this as a reply instead',
  },
  fr: {
    heading: 'Ceci répond peut-être à votre question',
    found: (count: number) => (count === 1 ? 'Un article répond peut-être à votre question.' : `${count} articles répondent peut-être à votre question.`),
    loading: 'Chargement de l’article…',
    failed: 'L’article n’a pas pu être chargé.',
    retry: 'Réessayer',
    onSite: 'Le lire sur le site du support',
    helpful: 'Cela répond à ma question',
    stillNeed: 'J’ai encore besoin d’aide',
    thanks: 'Tant mieux. Rien n’a été envoyé, et votre brouillon est effacé.',
    sameProblem: (id: string) => `Vous avez déjà le ticket ${id} en cours :`,
    replyInstead: 'L’ajouter plutôt en réponse',
  },
};

/** An article being read: its hit, then the article with its body made safe (HTML sanitised, or text). */
type Opened = { hit: ArticleHit; article?: Article; safe?: string; failed?: boolean };

/** What `<ticket-detail>` takes from the form to reach the same helpdesk with the same session. */
export type DetailSetup = (detail: HTMLElement) => void;

/**
 * @event support-article-viewed - The person opened a suggested article. `detail`: `{ backend, id, title }`.
 * @event support-article-helpful - The person said the article answers the question: the form clears its draft. `detail`: `{ backend, id, title }`.
 * @event discard-draft - (internal, not composed) The form is asked to clear what was typed.
 * @event still-need-help - (internal, not composed) The person goes on with the ticket.
 */
export class SupportSuggestions extends LitElement {
  static override styles = [
    tokens,
    controls,
    css`
      :host {
        display: block;
      }
      section {
        margin-block: var(--_space) 0;
        padding: var(--_space);
        border-inline-start: 3px solid var(--_primary);
        background: var(--_surface-alt);
        border-radius: var(--_radius);
      }
      h3 {
        margin: 0 0 calc(var(--_space) / 2);
        font-size: 1em;
      }
      /* The article's title takes focus as it opens, for screen readers to start there: no ring around a heading. */
      h3:focus {
        outline: none;
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: calc(var(--_space) / 2);
      }
      li p,
      .ticket p {
        margin: 0;
        color: var(--_muted);
      }
      article .rich {
        margin-block: calc(var(--_space) / 2);
        overflow-wrap: anywhere;
      }
      .rich.text {
        white-space: pre-line;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--_space) / 2);
        align-items: center;
      }
      .ticket {
        margin-block-start: var(--_space);
      }
      dialog {
        width: min(44rem, 100vw - 2rem);
        max-height: calc(100dvh - 2rem);
        padding: var(--_space);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
        color: var(--_text);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.4);
      }
    `,
  ];

  @property({ attribute: false }) backend?: HelpdeskBackend;
  @property({ attribute: false }) settings: ArticlesConfig = { enabled: true, max: 3, minChars: 3 };
  /** What the person typed so far. */
  @property({ attribute: false }) problem = { title: '', description: '' };
  /** The checked configuration's `backend`: a reply's draft is kept under it, as `<ticket-detail>` keeps it. */
  @property({ attribute: false }) draftBackend?: unknown;
  /** Sets up the `<ticket-detail>` opened to reply on an existing ticket (configuration, session, language). */
  @property({ attribute: false }) setupDetail?: DetailSetup;
  @property() override lang = '';
  /** The form's `theme`: its palette follows (styles/tokens.ts reads the attribute). */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  @state() private hits: ArticleHit[] = [];
  @state() private tickets: TicketSummary[] = [];
  @state() private opened?: Opened;
  @state() private thanked = false;

  #source?: Promise<ArticleSource | undefined>;
  #own?: Promise<TicketSummary[]>;
  /** Searches already answered, by their words: a pause on words already searched asks nothing. */
  readonly #cache = new Map<string, ArticleHit[]>();
  #timer?: ReturnType<typeof setTimeout>;
  #running?: AbortController;
  /** What was typed at the last change (the form renders for other reasons too), and the words shown now. */
  #typed = '';
  #shownFor = '';
  /** What the person said does not help (articles, and tickets as `ticket:<id>`): not offered again on this page. */
  readonly #dismissed = new Set<string>();

  get #lang() {
    return this.lang || document.documentElement.lang || navigator.language;
  }

  get #t() {
    return this.#lang.toLowerCase().startsWith('fr') ? TEXTS.fr : TEXTS.en;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
    this.#running?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('problem') && !changed.has('backend')) return;
    if (changed.has('backend') && changed.get('backend')) {
      // Another helpdesk, or the same with other credentials (a configuration set again): nothing of the last one's holds.
      this.#source = this.#own = undefined;
      this.#cache.clear();
      this.#shownFor = '';
      this.hits = [];
      this.tickets = [];
    }
    const { title, description } = this.problem;
    const typed = `${title}\n${description}`;
    if (typed === this.#typed && !changed.has('backend')) return;
    this.#typed = typed;
    const words = problemWords(title, description);
    const key = words.join(' ');
    // From the first word typed, what a search needs is made ready (the helpdesk's articles
    // module, the person's tickets), so that the first pause waits only for its answer.
    if (words.length) void this.#prepare();
    // Every key typed while a search waits for its pause starts the pause again, even one
    // that changes no word (a space, a short word); words already shown wait for nothing.
    clearTimeout(this.#timer);
    this.#running?.abort();
    if (key === this.#shownFor) return;
    if (title || description) this.thanked = false;
    if (meaningfulLength(words.join('')) < this.settings.minChars) {
      this.#show('', [], []);
      return;
    }
    this.#timer = setTimeout(() => void this.#search(key, words, title), PAUSE_MS);
  }

  /** One search per pause: the articles (from the cache when these words were searched) and the person's open tickets. */
  async #search(key: string, words: string[], title: string): Promise<void> {
    const running = (this.#running = new AbortController());
    const { signal } = running;
    const [hits, own] = await Promise.all([this.#articles(key, words, signal), this.#ownTickets()]);
    if (signal.aborted) return;
    this.#show(key, hits, resemblingTickets(own, title, 1));
  }

  #show(key: string, hits: ArticleHit[], tickets: TicketSummary[]): void {
    this.#shownFor = key;
    this.hits = hits.filter((hit) => !this.#dismissed.has(hit.id));
    this.tickets = tickets.filter((ticket) => !this.#dismissed.has(`ticket:${ticket.id}`));
    if (this.opened && !hits.some((hit) => hit.id === this.opened!.hit.id)) this.opened = undefined;
  }

  /** The source's piece, loaded once (a failure to load is tried again at the next pause), and the person's tickets. */
  #prepare(): Promise<ArticleSource | undefined> {
    const backend = this.backend;
    void this.#ownTickets();
    if (!backend?.capabilities.articles || !backend.articles) return Promise.resolve(undefined);
    return (this.#source ??= backend.articles().catch(() => (this.#source = undefined)));
  }

  async #articles(key: string, words: string[], signal: AbortSignal): Promise<ArticleHit[]> {
    const cached = this.#cache.get(key);
    if (cached) return cached;
    try {
      const source = await this.#prepare();
      if (!source) return [];
      const { max } = this.settings;
      const hits = rankHits(await source.search(words, { limit: max * 2, signal }), words, max);
      this.#cache.set(key, hits);
      return hits;
    } catch {
      // A search that failed (offline, refused, a helpdesk without a knowledge base) shows nothing: the form goes on.
      return [];
    }
  }

  /** The person's tickets, read once per page when the helpdesk lists them and the person is signed in (never a sign-in for this). */
  #ownTickets(): Promise<TicketSummary[]> {
    const backend = this.backend;
    if (!backend?.capabilities.tickets || !backend.hasCredentials()) return Promise.resolve([]);
    this.#own ??= backend.listTickets({ scope: 'mine', start: 0, limit: 100 }).then(
      (page) => page.tickets,
      () => ((this.#own = undefined), []),
    );
    return this.#own;
  }

  #emit(name: 'support-article-viewed' | 'support-article-helpful', hit: ArticleHit): void {
    emit(this, name, { backend: this.backend?.type ?? '', id: hit.id, title: hit.title });
  }

  async #open(hit: ArticleHit): Promise<void> {
    this.opened = { hit };
    this.#emit('support-article-viewed', hit);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('article h3')?.focus();
    try {
      const source = await this.#source;
      if (!source) throw new Error('no source');
      const article = await source.read(hit.id);
      // As a thread's messages: at most 50,000 characters, HTML through DOMPurify, text as text.
      const value = article.body.value.slice(0, 50_000);
      const safe = article.body.format === 'html' ? await import('../shared/sanitize.js').then(({ sanitizeHtml }) => sanitizeHtml(value)) : undefined;
      if (this.opened?.hit === hit) this.opened = { hit, article, safe };
    } catch {
      if (this.opened?.hit === hit) this.opened = { hit, failed: true };
    }
  }

  #helpful(hit: ArticleHit): void {
    this.opened = undefined;
    this.thanked = true;
    this.#emit('support-article-helpful', hit);
    this.dispatchEvent(new Event('discard-draft'));
  }

  /** Back to the ticket: these suggestions go away, and are not offered again. */
  #stillNeedHelp(): void {
    this.opened = undefined;
    for (const hit of this.hits) this.#dismissed.add(hit.id);
    for (const ticket of this.tickets) this.#dismissed.add(`ticket:${ticket.id}`);
    this.hits = [];
    this.tickets = [];
    this.dispatchEvent(new Event('still-need-help'));
  }

  /** What was typed goes as a reply on that ticket instead: its piece, loaded now, opens it in a dialog. */
  async #replyInstead(ticket: TicketSummary): Promise<void> {
    if (!this.draftBackend) return;
    const { title, description } = this.problem;
    const { replyInstead } = await import('./reply-instead.js');
    await replyInstead({
      root: this.renderRoot as ShadowRoot,
      ticket,
      text: [title.trim(), description.trim()].filter(Boolean).join('\n\n'),
      draftBackend: this.draftBackend,
      setupDetail: this.setupDetail,
      lang: this.#lang,
      onDiscard: () => this.dispatchEvent(new Event('discard-draft')),
    });
  }

  protected override render() {
    const t = this.#t;
    return html`
      <p class="visually-hidden" role="status">${this.thanked ? t.thanks : this.hits.length ? t.found(this.hits.length) : ''}</p>
      ${this.thanked ? html`<p part="suggestions" class="panel success">${t.thanks}</p>` : nothing}
      ${this.hits.length || this.tickets.length
        ? html`<section part="suggestions" aria-label=${t.heading} data-words=${this.#shownFor}>
            ${this.opened ? this.#article(this.opened) : this.#list()} ${this.tickets.map((ticket) => this.#ticket(ticket))}
          </section>`
        : nothing}
    `;
  }

  #list() {
    const t = this.#t;
    if (!this.hits.length) return nothing;
    return html`
      <h3>${t.heading}</h3>
      <ul>
        ${this.hits.map(
          (hit) => html`<li>
            <button type="button" class="link" @click=${() => void this.#open(hit)}>${hit.title}</button>
            ${hit.excerpt ? html`<p>${hit.excerpt}</p>` : nothing}
          </li>`,
        )}
      </ul>
    `;
  }

  #article({ hit, article, safe, failed }: Opened) {
    const t = this.#t;
    return html`
      <article aria-labelledby="article-title" aria-busy=${article || failed ? 'false' : 'true'}>
        <h3 id="article-title" tabindex="-1">${hit.title}</h3>
        ${article
          ? safe === undefined
            ? html`<div class="rich text">${article.body.value.slice(0, 50_000)}</div>`
            : html`<div class="rich" .innerHTML=${safe}></div>`
          : failed
            ? html`<p role="alert">${t.failed} <button type="button" class="link" @click=${() => void this.#open(hit)}>${t.retry}</button></p>`
            : html`<p>${t.loading}</p>`}
        ${(article?.url ?? hit.url) ? html`<p><a href=${(article?.url ?? hit.url)!} target="_blank" rel="noopener noreferrer">${t.onSite}</a></p>` : nothing}
        <div class="row">
          <button type="button" class="primary" @click=${() => this.#helpful(hit)}>${t.helpful}</button>
          <button type="button" class="secondary" @click=${() => this.#stillNeedHelp()}>${t.stillNeed}</button>
        </div>
      </article>
    `;
  }

  #ticket(ticket: TicketSummary) {
    const t = this.#t;
    return html`<div class="ticket">
      <p>${t.sameProblem(ticket.id)} <strong>${ticket.title}</strong></p>
      <button type="button" class="secondary" @click=${() => void this.#replyInstead(ticket)}>${t.replyInstead}</button>
    </div>`;
  }
}

if (!customElements.get('support-suggestions')) customElements.define('support-suggestions', SupportSuggestions);

declare global {
  interface HTMLElementTagNameMap {
    'support-suggestions': SupportSuggestions;
  }
}
