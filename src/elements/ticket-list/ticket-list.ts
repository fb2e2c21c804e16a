import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';
import type { HelpdeskConfig } from '../../config/index.js';
import { toHelpdeskError, type HelpdeskError } from '../../core/errors.js';
import { clip, localText } from '../../core/text.js';
import { breakable } from '../shared/rich-text.js';
import { STATUS_GROUPS, type StatusGroup, type TicketScope, type TicketSummary } from '../../core/ticket.js';
import { countByGroup, TicketFinder, TicketIndex, type SearchableTicket } from '../../core/ticket-search.js';
import type { HelpdeskBackend } from '../../backends/types.js';
import { emit } from '../../events/events.js';
import { readTicketPages } from '../../services/ticket-pages.js';
import { configErrorPanel } from '../shared/config-error.js';
import { failurePanel } from '../shared/failure.js';
import { HelpdeskElement } from '../shared/helpdesk-element.js';
import { noTicketsNote } from '../shared/no-tickets.js';
import { SignInFlow } from '../shared/sign-in.js';
import { styles } from './ticket-list.styles.js';

/** Pages read at most, whatever a backend says about more. */
const MAX_PAGES = 1000;
/** Milliseconds between two updates of the list while its pages are read, after the first. */
const BATCH_EVERY = 250;
/** Milliseconds the count must hold still before the live region says it. */
const ANNOUNCE_AFTER = 700;

/**
 * The virtualiser's flow layout, but rows are laid out also while the list is outside the
 * window (further down the page, or scrolled past): the plain layout renders none then, and
 * assistive technology would find a list of tickets without a ticket in it. And fewer rows
 * are kept ready out of view.
 */
class ExposedFlowLayout extends FlowLayout {
  /** Rows kept ready above and below the visible part, in px (the virtualiser's default is 1000): each one costs every key press. */
  protected override _overhang = 400;

  override get viewportSize() {
    return super.viewportSize;
  }

  override set viewportSize(size: { width: number; height: number }) {
    super.viewportSize = size.height > 0 ? size : { width: size.width, height: Math.min(innerHeight, 600) };
  }
}

const LAYOUT = { type: ExposedFlowLayout };

/**
 * @summary The person's tickets (and their organisation's, where allowed): number, title,
 * status, urgency and dates, newest activity first; filtered by status group and found by
 * number or title words as they type; a ticket opens its thread (`<ticket-detail>`) in place.
 * Refreshes itself when `<support-ticket-form>` creates a ticket on the same page.
 *
 * @event support-error - Loading the list failed. `detail`: `{ kind, message, code, detail }`.
 *
 * @csspart base - The block around the list.
 * @csspart header - The heading, scope choice and refresh button.
 * @csspart search - The search box.
 * @csspart filters - The status group choice.
 * @csspart rows - The scrolling list of tickets.
 * @csspart row - One ticket of the list.
 * @csspart status - A status badge.
 * @csspart failure - The message shown when the list could not be loaded.
 * @csspart back - The button back from a ticket to the list.
 * @csspart detail - The `<ticket-detail>` of the open ticket.
 * @csspart input - The search input.
 * @csspart sign-in - The sign-in block.
 * @csspart config-error - The message shown when the configuration is invalid.
 * @csspart notice - Where to follow tickets instead, on a helpdesk that cannot list them (email).
 *
 * @cssproperty --support-list-height - Height of the scrolling list before it scrolls (default 32rem).
 * @cssproperty --support-font-family - Font of the whole element.
 * @cssproperty --support-color-primary - Buttons, links; `…-dark` for dark.
 * @cssproperty --support-color-surface - Background; `…-dark` for dark.
 * @cssproperty --support-color-surface-alt - Background of rows; `…-dark` for dark.
 *
 * @tag ticket-list
 */
export class TicketList extends HelpdeskElement {
  static override styles = styles;

  /** The open ticket, if any (set it to open one from outside; reflects the person's choice). */
  @property({ attribute: 'ticket-id', reflect: true }) ticketId?: string;

  /**
   * When set (e.g. `ticket-`), the open ticket follows the page's URL hash (`#ticket-4312`):
   * links and the browser's back button open and close tickets.
   */
  @property({ attribute: 'hash-prefix' }) hashPrefix?: string;

  /** Seconds between two readings of the open ticket while the page is shown (at least 15); off when unset. See `<ticket-detail>`. */
  @property({ attribute: 'refresh-interval', type: Number }) refreshInterval?: number;

  @state() private scope: TicketScope = 'mine';
  @state() private query = '';
  @state() private group?: StatusGroup;
  @state() private index: SearchableTicket[] = [];
  @state() private phase: 'idle' | 'loading' | 'more' | 'ready' | 'failed' = 'idle';
  @state() private total?: number;
  /** The list stopped at MAX_PAGES while the helpdesk had more: said, never silent. */
  @state() private cut = false;
  @state() private error?: HelpdeskError;
  /** The ticket the list's keyboard cursor is on (the listbox's active option). */
  @state() private activeId?: string;
  /** What the polite live region says: the count line, once the person paused typing. */
  @state() private announced = '';

  private shown: TicketSummary[] = [];
  /** Finds the tickets of each search, narrowing the last one's as the person types more. */
  private readonly finder = new TicketFinder();
  private announceTimer?: ReturnType<typeof setTimeout>;
  private counts = countByGroup([]);
  private loadController?: AbortController;
  private readonly signIn = new SignInFlow(
    this,
    () => this.load(),
    () => void this.focusAfterRender('#login'),
  );

  private readonly onHashChange = () => this.readHash();
  /** A ticket created or changed on this page: the list shows it without a reload. */
  private readonly onTicketChanged = () => void this.load({ quiet: true });

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    document.addEventListener('support-ticket-created', this.onTicketChanged);
    document.addEventListener('support-ticket-updated', this.onTicketChanged);
    this.readHash();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    document.removeEventListener('support-ticket-created', this.onTicketChanged);
    document.removeEventListener('support-ticket-updated', this.onTicketChanged);
    this.loadController?.abort();
    clearTimeout(this.announceTimer);
  }

  protected configured(_config: HelpdeskConfig, backend: HelpdeskBackend): void {
    if (!this.signIn.showIfNeeded(backend)) void this.load();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('hashPrefix')) this.readHash();
    const own = changed as PropertyValues;
    if (own.has('index') || own.has('query') || own.has('group')) {
      this.shown = this.finder.find(this.index, { group: this.group, query: this.query });
    }
    if (own.has('index')) this.counts = countByGroup(this.index);
    this.announceSoon();
  }

  /**
   * The count line, said by the live region once it has held still for a moment: one
   * announcement after a search is typed, or a page of tickets read, not one per key.
   */
  private announceSoon(): void {
    const line = this.statusLine();
    if (line === this.announced) return clearTimeout(this.announceTimer);
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => (this.announced = this.statusLine()), ANNOUNCE_AFTER);
  }

  /**
   * Reads the list again from the helpdesk: the first page shows at once, the others join
   * it as they come, a few at a time (src/services/ticket-pages.ts). `quiet` keeps the
   * current rows on screen meanwhile.
   */
  async load({ quiet = false } = {}): Promise<void> {
    const resolved = this.resolved;
    if (!resolved || !('backend' in resolved) || !resolved.backend.capabilities.tickets || !resolved.backend.hasCredentials()) return;
    const { backend, config } = resolved;
    this.loadController?.abort();
    const controller = (this.loadController = new AbortController());
    const scope = this.scope;
    const limit = config.tickets.pageSize;
    if (!quiet) this.index = [];
    this.phase = 'loading';
    this.error = undefined;
    this.cut = false;
    this.total = undefined;
    // The first page shows at the next frame; the next ones join it together four times a second: each
    // update of a long list costs its filtering, counts and virtualiser, and pages come faster than that.
    const read = new TicketIndex();
    let pending: TicketSummary[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let frame: number | undefined;
    /** `last`: the list is complete, even if it is empty. */
    const show = (last = false) => {
      clearTimeout(timer);
      if (frame !== undefined) cancelAnimationFrame(frame);
      timer = frame = undefined;
      if (controller.signal.aborted || (!pending.length && !last)) return;
      this.index = read.add(pending);
      pending = [];
    };
    const showSoon = () => {
      if (timer !== undefined || frame !== undefined) return;
      const next = () => (frame = requestAnimationFrame(() => show()));
      if (read.entries.length) timer = setTimeout(next, BATCH_EVERY);
      else next();
    };
    try {
      const { cut } = await readTicketPages((query, options) => backend.listTickets(query, options), {
        scope,
        limit,
        signal: controller.signal,
        maxPages: MAX_PAGES,
        onPage: (page) => {
          if (controller.signal.aborted) return;
          pending.push(...page.tickets);
          this.total = page.total ?? this.total;
          if (page.more || (this.total !== undefined && read.entries.length + pending.length < this.total)) this.phase = 'more';
          showSoon();
        },
      });
      if (controller.signal.aborted) return;
      show(true);
      this.cut = cut;
      this.phase = 'ready';
      const counts = countByGroup(this.index);
      // Waiting for the person: an answer asked, and a solution to approve where the helpdesk asks for approval.
      const waiting = counts.waiting + (backend.capabilities.approval ? counts.solved : 0);
      emit(this, 'support-tickets-listed', { backend: backend.type, total: this.index.length, waiting });
    } catch (caught) {
      if (controller.signal.aborted) return;
      // What was read stays listed.
      show();
      const error = toHelpdeskError(caught);
      this.phase = 'failed';
      if (!this.signIn.showFor(error, backend)) {
        this.error = error;
        emit(this, 'support-error', this.errorDetail(error));
      }
    }
  }

  private readHash(): void {
    if (!this.hashPrefix) return;
    const hash = decodeURIComponent(location.hash.slice(1));
    this.ticketId = hash.startsWith(this.hashPrefix) && hash.length > this.hashPrefix.length ? hash.slice(this.hashPrefix.length) : undefined;
  }

  private open(id: string): void {
    this.activeId = id;
    // With a hash prefix, the hash follows (hashchange then sets the same id): the thread opens at once either way.
    if (this.hashPrefix) location.hash = `${this.hashPrefix}${id}`;
    this.ticketId = id;
    void this.focusDetail();
  }

  /** Opening a ticket takes the person to its heading (the back button while it loads). */
  private async focusDetail(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#back')?.focus();
    await this.renderRoot.querySelector('ticket-detail')?.focusHeading();
  }

  private async back(): Promise<void> {
    const id = this.ticketId;
    if (this.hashPrefix) history.pushState(null, '', `${location.pathname}${location.search}`);
    this.ticketId = undefined;
    if (id) this.activeId = id;
    await this.updateComplete;
    // The list's keyboard cursor is back on that ticket; the search box when it is no longer listed.
    if (this.shown.some((ticket) => ticket.id === id)) this.focusRows();
    else this.renderRoot.querySelector<HTMLElement>('#search')?.focus();
  }

  private focusRows(): void {
    const rows = this.renderRoot.querySelector<HTMLElement>('#rows');
    if (!rows) return;
    rows.focus();
    this.reveal(this.activeIndex());
  }

  /** Where the keyboard cursor is in the tickets shown (the first when it is on none of them). */
  private activeIndex(): number {
    const index = this.activeId === undefined ? -1 : this.shown.findIndex((ticket) => ticket.id === this.activeId);
    return Math.max(0, index);
  }

  /** Scrolls the list so the row at `index` is in view (the virtualiser renders it if it was not). */
  private reveal(index: number): void {
    const rows = this.renderRoot.querySelector<VirtualizerHostElement>('#rows');
    rows?.[virtualizerRef]?.element(index)?.scrollIntoView({ block: 'nearest' });
  }

  /** A click on a row opens its ticket (one listener for the whole list). */
  private onRowsClick(event: Event): void {
    const row = (event.target as Element).closest<HTMLElement>('[role="option"]');
    if (row?.dataset.ticket) this.open(row.dataset.ticket);
  }

  /**
   * The listbox's keys (WAI-ARIA APG, listbox pattern): arrows, Home and End, Page Up and
   * Page Down move the cursor; Enter and Space open the ticket under it.
   */
  private onRowsKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey || !this.shown.length) return;
    const last = this.shown.length - 1;
    const current = this.activeIndex();
    const rows = event.currentTarget as HTMLElement;
    const row = rows.querySelector<HTMLElement>('[role="option"]');
    const page = Math.max(1, Math.floor(rows.clientHeight / Math.max(1, row?.offsetHeight ?? 80)) - 1);
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      Home: 0,
      End: last,
      PageDown: current + page,
      PageUp: current - page,
    };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.open(this.shown[current]!.id);
      return;
    }
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = Math.min(last, Math.max(0, moves[event.key]!));
    this.activeId = this.shown[next]!.id;
    this.reveal(next);
  }

  private setScope(scope: TicketScope): void {
    this.scope = scope;
    void this.load();
  }

  private clearFilters(): void {
    this.query = '';
    this.group = undefined;
    void this.focusAfterRender('#search');
  }

  // ---- templates ----

  override render() {
    const t = this.localize.messages;
    if (!this.resolved) return nothing;
    if ('problems' in this.resolved) return configErrorPanel(t, this.resolved.problems);
    const { backend } = this.resolved;
    if (!backend.capabilities.tickets) return noTicketsNote(t, backend);
    // The list stays in the page while a ticket is open, so coming back finds it as it was (scroll, search).
    return html`
      ${this.ticketId ? this.detailView() : nothing}
      <section
        part="base"
        class="base"
        ?hidden=${Boolean(this.ticketId)}
        aria-labelledby="list-heading"
        aria-busy=${this.phase === 'loading' ? 'true' : 'false'}
      >
        <header part="header">
          <h2 id="list-heading">${t.list.heading}</h2>
          ${this.scopeChoice()}
          <button type="button" class="secondary" @click=${() => this.load()}>${t.list.refresh}</button>
        </header>
        ${this.signIn.render(t, backend)} ${this.error
          ? failurePanel(t, { id: 'failure', heading: t.list.failedHeading, error: this.error, retry: () => void this.load() })
          : nothing} ${this.toolbar()}
        <p class="count">${this.statusLine()}</p>
        <p class="visually-hidden" role="status">${this.announced}</p>
        ${this.rows()}
      </section>
    `;
  }

  private scopeChoice() {
    const resolved = this.resolved;
    if (!resolved || !('backend' in resolved)) return nothing;
    if (!resolved.config.tickets.organisation || !resolved.backend.capabilities.organisationTickets) return nothing;
    const t = this.localize.messages.list;
    return html`<fieldset class="segmented scope">
      <legend class="visually-hidden">${t.scopeLegend}</legend>
      ${(['mine', 'organisation'] as const).map(
        (scope) => html`<label>
          <input type="radio" name="scope" .checked=${live(this.scope === scope)} @change=${() => this.setScope(scope)} />
          <span>${t.scopes[scope]}</span>
        </label>`,
      )}
    </fieldset>`;
  }

  private toolbar() {
    const t = this.localize.messages;
    const choice = (group: StatusGroup | undefined, label: string, count: number) => html`<label>
      <input type="radio" name="group" .checked=${live(this.group === group)} @change=${() => (this.group = group)} />
      <span>${label} <span class="n">${this.localize.count(count)}</span></span>
    </label>`;
    return html`
      <div class="toolbar">
        <div class="field search">
          <label for="search">${t.list.search}</label>
          <input
            part="input search"
            id="search"
            type="search"
            autocomplete="off"
            aria-describedby="search-hint"
            .value=${live(this.query)}
            @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
          />
          <p class="hint" id="search-hint">${t.list.searchHint}</p>
        </div>
        <fieldset part="filters" class="segmented">
          <legend>${t.list.filterLegend}</legend>
          ${choice(undefined, t.list.all, this.index.length)}
          ${STATUS_GROUPS.map((group) => choice(group, t.status.groups[group], this.counts[group]))}
        </fieldset>
      </div>
    `;
  }

  private statusLine(): string {
    const t = this.localize.messages.list;
    if (this.phase === 'idle') return '';
    if (this.phase === 'loading' && !this.index.length) return t.loading;
    const line = this.phase === 'failed' && !this.index.length ? '' : t.shown(this.shown.length, this.index.length);
    if (this.cut) return `${line} · ${t.cut(this.index.length, this.total)}`;
    return this.phase === 'more' ? `${line} · ${t.loadingMore(this.index.length, this.total)}` : line;
  }

  private rows() {
    const t = this.localize.messages.list;
    if (!this.index.length) {
      return this.phase === 'ready' ? html`<p class="empty">${t.empty}</p>` : nothing;
    }
    const active = this.shown.length ? this.shown[this.activeIndex()] : undefined;
    // The virtualiser stays in place when nothing matches: making a new one on the next keystroke costs a frame.
    return html`
      ${this.shown.length
        ? nothing
        : html`<p class="empty">
            ${t.noMatch} <button type="button" class="link" @click=${() => this.clearFilters()}>${t.clearFilters}</button>
          </p>`}
      <div
        part="rows"
        id="rows"
        class="rows"
        role="listbox"
        tabindex="0"
        aria-labelledby="list-heading"
        aria-describedby="rows-hint"
        aria-activedescendant=${active ? `row-${active.id}` : nothing}
        ?hidden=${!this.shown.length}
        @keydown=${this.onRowsKey}
        @click=${this.onRowsClick}
        @focus=${() => this.activeId === undefined && active && (this.activeId = active.id)}
      >
        ${virtualize({
          items: this.shown,
          layout: LAYOUT,
          // Right after the items change, the virtualiser may still ask for rows of the previous range.
          keyFunction: (ticket: TicketSummary | undefined, index: number) => ticket?.id ?? `gone-${index}`,
          renderItem: (ticket: TicketSummary | undefined, index: number) => (ticket ? this.row(ticket, index, ticket.id === active?.id) : html``),
        })}
      </div>
      <p class="visually-hidden" id="rows-hint">${t.rowsHint}</p>
    `;
  }

  /** One option of the listbox: the whole row is the ticket, announced with its place in the list. */
  private row(ticket: TicketSummary, index: number, active: boolean) {
    const t = this.localize.messages;
    const lang = this.localize.lang;
    return html`<div class="row-item">
      <div
        role="option"
        id="row-${ticket.id}"
        part="row"
        class="row"
        data-ticket=${ticket.id}
        aria-selected=${active ? 'true' : 'false'}
        aria-posinset=${index + 1}
        aria-setsize=${this.shown.length}
      >
        <span class="top">
          <span class="num">${t.list.number(ticket.id)}</span>
          <span part="status" class="status ${ticket.status.group}">${localText(ticket.status.label, lang)}</span>
        </span>
        <span class="title">${breakable(clip(ticket.title, 300))}</span>
        <span class="meta">
          ${ticket.urgency ? html`<span>${t.list.fact(t.list.urgency, t.urgency.names[ticket.urgency])}</span>` : nothing}
          ${ticket.requester ? html`<span>${t.list.fact(t.list.requester, ticket.requester)}</span>` : nothing}
          <span>${t.list.opened} ${this.localize.date(ticket.openedAt)}</span>
          <span>${t.list.updated} ${this.localize.dateTime(ticket.updatedAt)}</span>
        </span>
      </div>
    </div>`;
  }

  private detailView() {
    const t = this.localize.messages.list;
    return html`
      <div class="opened">
        <button id="back" part="back" type="button" class="link back" @click=${() => this.back()}>← ${t.back}</button>
        <ticket-detail
          part="detail"
          .config=${this.config}
          .backend=${this.backend}
          .endpoint=${this.endpoint}
          .credentials=${this.credentials}
          .theme=${this.theme}
          .refreshInterval=${this.refreshInterval}
          lang=${this.localize.lang}
          ticket-id=${this.ticketId!}
        ></ticket-detail>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ticket-list': TicketList;
  }
}
