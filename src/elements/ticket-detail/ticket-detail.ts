import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { HelpdeskConfig } from '../../config/index.js';
import { toHelpdeskError, type HelpdeskError } from '../../core/errors.js';
import { clip, localText } from '../../core/text.js';
import type { ThreadEntry, TicketDetail as Ticket, TicketDocument } from '../../core/ticket.js';
import { byDay, initialsOf, sideOf } from '../../core/thread.js';
import { formatBytes } from '../../core/attachments.js';
import { ccAddresses, isEmail } from '../../core/validation.js';
import type { HelpdeskBackend } from '../../backends/types.js';
import { emit } from '../../events/events.js';
import { configErrorPanel } from '../shared/config-error.js';
import { failurePanel } from '../shared/failure.js';
import { HelpdeskElement } from '../shared/helpdesk-element.js';
import { noTicketsNote } from '../shared/no-tickets.js';
import { SignInFlow } from '../shared/sign-in.js';
import { filePicker, pasteFilesInto } from '../shared/file-picker.js';
import { draftNotice } from '../shared/draft.js';
import { Composer } from '../shared/composer.js';
import { draftKey } from '../../store/drafts.js';
import { breakable, MAX_SHOWN, richText } from '../shared/rich-text.js';
import { TicketActions } from './ticket-actions.js';
import { styles } from './ticket-detail.styles.js';

/**
 * The action form open under the ticket: a reason to refuse the solution or reopen, the close
 * confirmation, or what is wrong again, for a new ticket that refers to a closed one the
 * helpdesk will not let the person reopen (`follow-up`).
 */
type Asking = 'refuse' | 'reopen' | 'close' | 'follow-up' | 'people' | undefined;

const DAY = 86_400_000;
/** Images larger than this are offered as a download only, not previewed in the thread. */
const PREVIEW_MAX_BYTES = 5 * 1024 * 1024;
const isImage = (doc: TicketDocument) => /^image\/(png|jpeg|gif|webp|avif|bmp)$/i.test(doc.mime ?? '') || (!doc.mime && /\.(png|jpe?g|gif|webp|avif|bmp)$/i.test(doc.name));
/** The shortest `refresh-interval`, in seconds: a page left open all day must not hammer the helpdesk. */
const MIN_REFRESH = 15;
/** Coming back to the page re-reads the ticket when it was read longer ago than this (ms). */
const STALE_AFTER = 10_000;

/**
 * @summary One ticket's thread: the request, every public reply and solution with its
 * author and time, the attached files; the person replies, approves or refuses a
 * proposed solution, closes or reopens the ticket. Usable alone or inside `<ticket-list>`.
 *
 * @event support-ticket-updated - The person replied, approved or refused the solution, closed or reopened the ticket. `detail`: `{ id, backend, change }`.
 * @event support-error - Loading or an action failed. `detail`: `{ kind, message, code, detail }`.
 *
 * @csspart base - The block around the whole thread.
 * @csspart header - The ticket's number, title and facts.
 * @csspart status - The status badge.
 * @csspart solution - The block asking to approve or refuse a proposed solution.
 * @csspart thread - The list of messages.
 * @csspart entry - One message of the thread.
 * @csspart documents - A list of attached files.
 * @csspart preview - The preview of an image attached to the ticket.
 * @csspart reply - The reply box.
 * @csspart draft - The "Draft restored · Discard" line of the reply box, and the note when drafts do not survive a reload.
 * @csspart input - Text areas and inputs.
 * @csspart field - Each field block.
 * @csspart label - Field labels.
 * @csspart drop-zone - The files zone: a button that opens the file chooser and takes files dropped on it.
 * @csspart files - The list of chosen files.
 * @csspart notice - The confirmation after an action.
 * @csspart failure - The message shown when loading or an action failed.
 * @csspart secrets - The warning shown when the reply looks like it holds a secret.
 * @csspart sign-in - The sign-in block.
 * @csspart config-error - The message shown when the configuration is invalid.
 *
 * @cssproperty --support-font-family - Font of the whole element.
 * @cssproperty --support-color-primary - Buttons, links; `…-dark` for dark.
 * @cssproperty --support-color-surface - Background; `…-dark` for dark.
 * @cssproperty --support-color-surface-alt - Background of messages and blocks; `…-dark` for dark.
 *
 * @tag ticket-detail
 */
export class TicketDetailElement extends HelpdeskElement {
  static override styles = styles;

  /** The ticket to show, by its id on the helpdesk. */
  @property({ attribute: 'ticket-id', reflect: true }) ticketId?: string;

  /**
   * Seconds between two readings of the ticket while the page is shown (at least 15); off
   * when unset. Without it the thread is read again when the page is shown again, and by
   * its Refresh button.
   */
  @property({ attribute: 'refresh-interval', type: Number }) refreshInterval?: number;

  @state() private ticket?: Ticket;
  @state() private loading = false;
  @state() private loadError?: HelpdeskError;
  @state() private replyEmpty = false;
  @state() private asking: Asking;
  @state() private reason = '';
  @state() private reasonMissing = false;
  /** The addresses of people to keep informed being typed; whether they were refused. */
  @state() private people = '';
  @state() private peopleInvalid = false;
  @state() private downloadFailed?: string;
  /** What the last refresh brought (new messages, a new status), for the live region. */
  @state() private news = '';

  /**
   * The reply being written — its text, files, draft (kept per ticket until the helpdesk
   * accepted it) and the secret check — composed as the form's own fields are.
   */
  private readonly reply = new Composer<{ text: string }, 'reply'>(this, {
    empty: () => ({ text: '' }),
    texts: ({ text }) => [{ field: 'reply', text }],
    withText: (_values, _field, text) => ({ text }),
    typed: ({ text }) => text.trim() !== '',
    toDraft: ({ text }, mask) => ({ text: mask(text) }),
    restore: ({ values }) => void (this.reply.values = { text: typeof values.text === 'string' ? values.text : '' }),
    rules: () => (this.resolved && 'config' in this.resolved ? this.resolved.config.attachments : undefined),
    send: () => this.sendReply(),
  });
  private readonly signIn: SignInFlow = new SignInFlow(
    this,
    () => this.actions.retryAfterSignIn() ?? this.load(),
    () => void this.focusAfterRender('#login'),
  );
  /** Reply, approve, refuse, close, reopen, follow up: one at a time, with what each ended with. */
  private readonly actions: TicketActions = new TicketActions(this, {
    localize: this.localize,
    target: () => {
      const backend = this.backendOrNothing();
      return backend && this.ticketId ? { backend, id: this.ticketId } : undefined;
    },
    signIn: this.signIn,
    reload: () => this.load(),
    done: () => {
      this.asking = undefined;
      this.reason = '';
      this.people = '';
    },
  });
  private loadController?: AbortController;
  /** The load under way (or the last one, settled). */
  private reading: Promise<void> = Promise.resolve();
  /** When the ticket shown was read (epoch ms). */
  private readAt = 0;
  private refreshTimer?: ReturnType<typeof setInterval>;
  private readonly onVisibility = () => {
    if (document.visibilityState === 'visible' && this.ticket && Date.now() - this.readAt > STALE_AFTER) void this.refresh({ quiet: true });
  };
  /** The ticket last asked of the backend, so a configuration and an id set together load it once. */
  private requestedId?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    this.planRefresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    clearInterval(this.refreshTimer);
    this.refreshTimer = undefined;
    this.dropPreviews();
  }

  /** Object URLs of the thread's images shown as previews, by ticket and document; '' while one loads, or when it is not shown. */
  private previews = new Map<string, string>();

  private dropPreviews(): void {
    for (const url of this.previews.values()) if (url) URL.revokeObjectURL(url);
    this.previews.clear();
  }

  /**
   * Starts the previews of the images a ticket just read holds: each downloaded through the
   * adapter (the helpdesk's files need the person's session, which an `<img src>` would not
   * send), at most PREVIEW_MAX_BYTES, then shown from an object URL. Other files stay a
   * download button.
   */
  private loadPreviews(ticket: Ticket): void {
    const backend = this.backendOrNothing();
    const id = this.ticketId;
    if (!backend || !id) return;
    for (const doc of [...ticket.entries.flatMap((entry) => entry.documents), ...ticket.documents]) {
      const key = `${id}/${doc.id}`;
      if (!isImage(doc) || (doc.size ?? 0) > PREVIEW_MAX_BYTES || this.previews.has(key)) continue;
      this.previews.set(key, '');
      void backend.downloadDocument(id, doc).then(
        (blob) => {
          // An image by the type it comes with too, when it has one: a file named .png that is something else is not shown.
          if (blob.type && !blob.type.startsWith('image/')) return;
          if (blob.size > PREVIEW_MAX_BYTES || !this.isConnected) return;
          this.previews.set(key, URL.createObjectURL(blob));
          this.requestUpdate();
        },
        () => undefined, // the download button stays, and says what failed when pressed
      );
    }
  }

  /** Polls while `refresh-interval` is set and the page is shown. */
  private planRefresh(): void {
    clearInterval(this.refreshTimer);
    this.refreshTimer = undefined;
    const seconds = this.refreshInterval;
    if (!seconds || !Number.isFinite(seconds) || seconds <= 0 || !this.isConnected) return;
    this.refreshTimer = setInterval(() => {
      if (document.visibilityState === 'visible' && this.ticket && !this.loading && !this.actions.busy) void this.refresh({ quiet: true });
    }, Math.max(MIN_REFRESH, seconds) * 1000);
  }

  /**
   * Reads the ticket again and says what changed: new messages, a new status. `quiet` (the
   * page shown again, the timer) keeps what is on screen if the helpdesk cannot be reached,
   * and says nothing when nothing changed; the Refresh button says "no new message" too.
   */
  async refresh({ quiet = false } = {}): Promise<void> {
    const before = this.ticket;
    await this.load({ quiet });
    const after = this.ticket;
    if (!before || !after || after === before || before.id !== after.id) return;
    const t = this.localize.messages.detail;
    const known = new Set(before.entries.map((entry) => entry.id));
    const added = after.entries.filter((entry) => !known.has(entry.id));
    const parts: string[] = [];
    if (added.length) parts.push(t.newEntries(added.length, added.length === 1 ? added[0]!.author : undefined));
    if (after.status.code !== before.status.code) parts.push(t.statusNow(localText(after.status.label, this.localize.lang)));
    if (!parts.length && quiet) return;
    // The same sentence twice in a row would not be said again: empty the region first.
    this.news = '';
    await this.updateComplete;
    this.news = parts.length ? parts.join('. ') : t.nothingNew;
  }

  protected configured(_config: HelpdeskConfig, backend: HelpdeskBackend): void {
    this.openReplyDraft();
    if (!this.signIn.showIfNeeded(backend)) void this.load();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if ((changed as PropertyValues).has('ticket') && this.ticket) this.loadPreviews(this.ticket);
    if (changed.has('refreshInterval')) this.planRefresh();
    if (changed.has('ticketId') && this.requestedId !== this.ticketId) {
      this.resetTicketState();
      this.openReplyDraft();
      void this.load();
    }
  }

  /** The reply box's draft for this ticket, on this page and helpdesk. */
  private openReplyDraft(): void {
    const config = this.resolved && 'config' in this.resolved ? this.resolved.config : undefined;
    if (config && this.ticketId) void this.reply.open(draftKey({ config: { backend: config.backend }, kind: `reply:${this.ticketId}` }));
  }

  private discardReplyDraft(): void {
    this.reply.clear();
    void this.reply.draft.discard();
    void this.focusAfterRender('#reply-text');
  }

  /**
   * Moves focus to the ticket's heading — once it is loaded, or to what says it could not
   * be — as a list does when the person opens a ticket from it.
   */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    await this.reading;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#ticket-title, #load-failure, #login')?.focus();
  }

  /**
   * Reloads the ticket from the helpdesk (after the technician answered, for instance).
   * `quiet`: no "loading" said, and a failure keeps the ticket shown without a message.
   */
  async load({ quiet = false } = {}): Promise<void> {
    this.reading = this.read(quiet);
    return this.reading;
  }

  private async read(quiet: boolean): Promise<void> {
    const backend = this.backendOrNothing();
    const id = this.ticketId;
    if (!backend || !id || !backend.capabilities.tickets || !backend.hasCredentials()) return;
    this.requestedId = id;
    this.loadController?.abort();
    const controller = (this.loadController = new AbortController());
    if (!quiet) {
      this.loading = true;
      this.loadError = undefined;
    }
    try {
      const ticket = await backend.getTicket(id, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.ticket = ticket;
      this.readAt = Date.now();
      this.loadError = undefined;
    } catch (caught) {
      if (controller.signal.aborted) return;
      const error = toHelpdeskError(caught);
      // A session that ended asks for a sign-in even then; anything else waits for the next reading.
      if (!this.signIn.showFor(error, backend) && !(quiet && this.ticket)) {
        this.loadError = error;
        emit(this, 'support-error', this.errorDetail(error));
      }
    } finally {
      if (!controller.signal.aborted) this.loading = false;
    }
  }

  private backendOrNothing(): HelpdeskBackend | undefined {
    return this.resolved && 'backend' in this.resolved ? this.resolved.backend : undefined;
  }

  private resetTicketState(): void {
    this.ticket = undefined;
    this.news = '';
    this.loadError = undefined;
    this.asking = undefined;
    this.actions.reset();
    this.reply.secrets.reset();
    // Another ticket: this one's reply stays in its draft.
    this.reply.clear();
  }

  // ---- actions ----

  private sendReply(): void {
    const t = this.localize.messages;
    const text = this.reply.values.text.trim();
    if (!text) {
      this.replyEmpty = true;
      void this.focusAfterRender('#reply-text');
      return;
    }
    // Read from the reply as it is now: a secret typed after "Send as it is" is flagged too.
    if (this.reply.secrets.holdsBack()) return void this.focusAfterRender('#secrets');
    const attachments = this.reply.files.files;
    void this.actions.run(
      'reply',
      async (backend, id) => {
        const { failedAttachments } = await backend.reply(id, { text, attachments });
        void this.reply.sent();
        return failedAttachments.map((file) => file.name);
      },
      t.detail.reply.sent,
    );
  }

  private sendReason(): void {
    const t = this.localize.messages.detail;
    const reason = this.reason.trim();
    if (!reason) {
      this.reasonMissing = true;
      void this.focusAfterRender('#reason');
      return;
    }
    if (this.asking === 'refuse') void this.actions.run('refused', (backend, id) => backend.refuseSolution(id, reason), t.solution.refused);
    else if (this.asking === 'follow-up') this.openFollowUp(reason);
    else void this.actions.run('reopened', (backend, id) => backend.reopenTicket(id, reason), t.reopen.done);
  }

  /** A new ticket that refers to this closed one: its type and urgency, "Follow-up of #N" and a link back, prefilled. */
  private openFollowUp(reason: string): void {
    const t = this.localize.messages.detail.followUp;
    const ticket = this.ticket;
    if (!ticket) return;
    void this.actions.openFollowUp(
      {
        type: ticket.type ?? 'incident',
        urgency: ticket.urgency ?? 'medium',
        title: clip(t.title(ticket.id, ticket.title), 250),
        description: `${reason}\n\n${t.refersTo(ticket.id, ticket.url)}`,
        answers: [],
        attachments: [],
      },
      t.done,
    );
  }

  private ask(asking: Asking): void {
    this.asking = asking;
    this.reasonMissing = false;
    this.actions.error = undefined;
    this.peopleInvalid = false;
    void this.focusAfterRender(asking === 'close' ? '#close-yes' : asking === 'people' ? '#people' : '#reason');
  }

  private async download(doc: TicketDocument): Promise<void> {
    const backend = this.backendOrNothing();
    if (!backend || !this.ticketId) return;
    this.downloadFailed = undefined;
    try {
      const blob = await backend.downloadDocument(this.ticketId, doc);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = doc.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (caught) {
      this.downloadFailed = doc.name;
      emit(this, 'support-error', this.errorDetail(toHelpdeskError(caught)));
    }
  }

  // ---- templates ----

  override render() {
    const t = this.localize.messages;
    if (!this.resolved) return nothing;
    if ('problems' in this.resolved) return configErrorPanel(t, this.resolved.problems);
    const { config, backend } = this.resolved;
    if (!backend.capabilities.tickets) return noTicketsNote(t, backend);
    const ticket = this.ticket;
    return html`
      <article part="base" class="base" aria-busy=${this.loading ? 'true' : 'false'} aria-labelledby="ticket-title">
        ${this.signIn.render(t, backend)}
        <p class="visually-hidden" role="status">${this.loading ? t.detail.loading : this.news}</p>
        ${this.loading && !ticket ? html`<p class="hint">${t.detail.loading}</p>` : nothing}
        ${this.loadError
          ? failurePanel(t, { id: 'load-failure', heading: t.detail.failedHeading, error: this.loadError, retry: () => void this.load() })
          : nothing}
        ${ticket ? this.ticketView(ticket, config, backend) : nothing}
      </article>
    `;
  }

  private ticketView(ticket: Ticket, config: HelpdeskConfig, backend: HelpdeskBackend) {
    const t = this.localize.messages;
    const lang = this.localize.lang;
    return html`
      <header part="header">
        <p class="number">${t.detail.heading(ticket.id)}</p>
        <h2 id="ticket-title" tabindex="-1">${breakable(ticket.title)}</h2>
        <dl class="facts">
          <div><dt class="visually-hidden">${t.list.filterLegend}</dt><dd><span part="status" class="status ${ticket.status.group}">${localText(ticket.status.label, lang)}</span></dd></div>
          ${ticket.urgency ? html`<div><dt>${t.list.urgency}</dt><dd>${t.urgency.names[ticket.urgency]}</dd></div>` : nothing}
          ${ticket.category ? html`<div><dt>${t.detail.category}</dt><dd>${ticket.category}</dd></div>` : nothing}
          ${ticket.cc?.length ? html`<div><dt>${t.cc.label}</dt><dd>${ticket.cc.join(', ')}</dd></div>` : nothing}
          <div><dt>${t.list.opened}</dt><dd>${this.time(ticket.openedAt)}</dd></div>
          <div><dt>${t.list.updated}</dt><dd>${this.time(ticket.updatedAt)}</dd></div>
        </dl>
        <div class="header-actions">
          <button type="button" id="refresh" class="secondary" aria-disabled=${this.loading ? 'true' : 'false'} @click=${() => !this.loading && this.refresh()}>
            ${t.list.refresh}
          </button>
          ${ticket.url ? html`<a href=${ticket.url} target="_blank" rel="noopener noreferrer">${t.detail.onHelpdesk}</a>` : nothing}
        </div>
      </header>
      ${this.noticeView()}
      ${this.actions.error ? failurePanel(t, { id: 'action-failure', heading: t.detail.actionFailedHeading, error: this.actions.error }) : nothing}
      <section part="thread" class="thread" aria-labelledby="thread-heading">
        <h3 id="thread-heading">${t.detail.threadHeading}</h3>
        ${byDay(ticket.entries, (date) => this.localize.date(date)).map(
          ({ day, entries }) => html`<h4 class="day"><span>${day}</span></h4>
            <ol>
              ${entries.map((entry) => this.entryView(entry, ticket.entries))}
            </ol>`,
        )}
        ${ticket.documents.length
          ? html`<h3>${t.detail.documentsHeading}</h3>
              ${this.documentsView(ticket.documents)}`
          : nothing}
        ${this.downloadFailed ? html`<p class="error" role="alert">${t.detail.downloadFailed(this.downloadFailed)}</p>` : nothing}
      </section>
      ${
        // Right under the conversation, whose last message is the solution: read it, then answer.
        ticket.actions.approve && backend.capabilities.approval ? this.solutionView(ticket, config) : nothing
      }
      ${ticket.actions.reply && backend.capabilities.reply ? this.replyView(config, backend) : nothing}
      ${ticket.status.group === 'closed' && !ticket.actions.reply && ticket.actions.reopen ? html`<p class="hint">${t.detail.closedNote}</p>` : nothing}
      ${this.peopleView(ticket, backend)} ${this.closeReopenView(ticket, backend)}
    `;
  }

  /** People to keep informed, added on an open ticket where the helpdesk lets the person (seed 003). */
  private peopleView(ticket: Ticket, backend: HelpdeskBackend) {
    if (!ticket.actions.addPeople || !backend.capabilities.cc) return nothing;
    const t = this.localize.messages;
    if (this.asking !== 'people') {
      return html`<section class="people"><button type="button" class="link" @click=${() => this.ask('people')}>${t.detail.people.button}</button></section>`;
    }
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault();
      const people = ccAddresses(this.people);
      this.peopleInvalid = !people.length || !people.every(isEmail);
      if (this.peopleInvalid) void this.focusAfterRender('#people');
      else void this.actions.run('people', (helpdesk, id) => helpdesk.addPeople!(id, people).then(() => undefined), t.detail.people.done);
    };
    return html`<section class="people">
      <form class="reason" novalidate @submit=${onSubmit}>
        <div part="field" class="field">
          <label part="label" for="people">${t.cc.label}</label>
          <p class="hint" id="people-hint">${t.cc.hint}</p>
          <input
            part="input"
            id="people"
            type="text"
            inputmode="email"
            autocomplete="off"
            aria-invalid=${this.peopleInvalid ? 'true' : 'false'}
            aria-describedby=${this.peopleInvalid ? 'people-hint people-error' : 'people-hint'}
            .value=${live(this.people)}
            @input=${(e: Event) => (this.people = (e.target as HTMLInputElement).value)}
          />
          ${this.peopleInvalid ? html`<p class="error" id="people-error">${t.detail.people.invalid}</p>` : nothing}
        </div>
        <div class="actions">
          <button type="submit" class="primary" aria-disabled=${this.actions.busy ? 'true' : 'false'}>${t.detail.people.send}</button>
          <button type="button" class="link" @click=${() => (this.asking = undefined)}>${t.detail.cancel}</button>
        </div>
      </form>
    </section>`;
  }

  private time(date: Date) {
    return html`<time datetime=${date.toISOString()}>${this.localize.dateTime(date)}</time>`;
  }

  /**
   * One message as in a conversation: the person's side (the requester's) at the end of the
   * line, the helpdesk's at its start, each with its author's initials; a proposed solution
   * set apart. The side is also said in words, for who does not see the layout.
   */
  private entryView(entry: ThreadEntry, entries: readonly ThreadEntry[]) {
    const t = this.localize.messages.detail;
    const side = sideOf(entry, entries);
    const author = clip(entry.author || t.unknownAuthor, 200);
    const kind = entry.approval ? `${t.kinds[entry.kind]} (${t.approval[entry.approval]})` : t.kinds[entry.kind];
    return html`
      <li part="entry" class="entry ${side} ${entry.kind} ${entry.approval ?? ''}">
        <span class="avatar" aria-hidden="true">${initialsOf(author)}</span>
        <div class="bubble">
          <p class="meta">
            <strong>${author}</strong> <span class="visually-hidden">(${t.sides[side]})</span> · <span>${kind}</span> ·
            <time datetime=${entry.date.toISOString()} title=${this.localize.dateTime(entry.date)}>${this.localize.timeOfDay(entry.date)}</time>
          </p>
          ${richText(entry.body)}
          ${entry.body.value.length > MAX_SHOWN ? html`<p class="hint">${t.shortened(entry.body.value.length)}</p>` : nothing}
          ${entry.documents.length ? this.documentsView(entry.documents) : nothing}
        </div>
      </li>
    `;
  }

  /** Files, each a download button; an image also shows its preview. */
  private documentsView(documents: TicketDocument[]) {
    const t = this.localize.messages.detail;
    return html`<ul part="documents" class="documents">
      ${documents.map((doc) => {
        const preview = this.ticketId ? this.previews.get(`${this.ticketId}/${doc.id}`) : undefined;
        return html`<li>
          ${preview ? html`<img class="preview" part="preview" src=${preview} alt=${doc.name} />` : nothing}
          <button type="button" class="link" @click=${() => this.download(doc)}>
            <span class="visually-hidden">${t.download}</span> ${breakable(doc.name)}
          </button>
          ${doc.size ? html`<span class="hint">${formatBytes(doc.size, this.localize.lang)}</span>` : nothing}
        </li>`;
      })}
    </ul>`;
  }

  private noticeView() {
    const notice = this.actions.notice;
    if (!notice) return nothing;
    return html`<div id="notice" part="notice" class="panel success" tabindex="-1" role="status">
      <p>${notice.text}</p>
      ${notice.failedFiles.length
        ? html`<p class="warning">${this.localize.messages.success.failedFiles}</p>
            <ul>
              ${notice.failedFiles.map((name) => html`<li>${name}</li>`)}
            </ul>`
        : nothing}
    </div>`;
  }

  private solutionView(ticket: Ticket, config: HelpdeskConfig) {
    const t = this.localize.messages.detail;
    const days = config.tickets.autoCloseDays;
    // The helpdesk's own date (Zammad's pending close) comes before the configured rule.
    const closesOn = ticket.closesAt ?? (days && ticket.solvedAt ? new Date(ticket.solvedAt.getTime() + days * DAY) : undefined);
    return html`
      <section part="solution" class="panel warning" aria-labelledby="solution-heading">
        <h3 id="solution-heading">${t.solution.heading}</h3>
        <p>${t.solution.question}</p>
        ${closesOn
          ? html`<p class="hint">
              ${ticket.closesAt ? t.solution.autoClose(this.localize.date(closesOn)) : t.solution.autoCloseAround(this.localize.date(closesOn))}
            </p>`
          : nothing}
        ${this.asking === 'refuse'
          ? this.reasonForm(t.solution.reasonLabel, t.solution.reasonHint, t.solution.sendRefusal)
          : html`<div class="actions">
              <button
                type="button"
                class="primary"
                aria-disabled=${this.actions.busy ? 'true' : 'false'}
                @click=${() => void this.actions.run('approved', (backend, id) => backend.approveSolution(id), t.solution.approved)}
              >
                ${t.solution.approve}
              </button>
              <button type="button" class="secondary" @click=${() => this.ask('refuse')}>${t.solution.refuse}</button>
            </div>`}
      </section>
    `;
  }

  /** The reason to refuse a solution or to reopen: required, kept until sent. */
  private reasonForm(label: string, hint: string | undefined, send: string) {
    const t = this.localize.messages.detail;
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault();
      this.sendReason();
    };
    return html`<form class="reason" novalidate @submit=${onSubmit}>
      <div part="field" class="field">
        <label part="label" for="reason">${label}</label>
        ${hint ? html`<p class="hint" id="reason-hint">${hint}</p>` : nothing}
        <textarea
          part="input"
          id="reason"
          required
          aria-required="true"
          aria-invalid=${this.reasonMissing ? 'true' : 'false'}
          aria-describedby=${this.reasonMissing ? 'reason-hint reason-error' : 'reason-hint'}
          .value=${live(this.reason)}
          @input=${(e: Event) => {
            this.reason = (e.target as HTMLTextAreaElement).value;
            if (this.reason.trim()) this.reasonMissing = false;
          }}
        ></textarea>
        ${this.reasonMissing ? html`<p class="error" id="reason-error">${t.reasonRequired}</p>` : nothing}
      </div>
      <div class="actions">
        <button type="submit" class="primary" aria-disabled=${this.actions.busy ? 'true' : 'false'}>${send}</button>
        <button type="button" class="link" @click=${() => (this.asking = undefined)}>${t.cancel}</button>
      </div>
    </form>`;
  }

  private replyView(config: HelpdeskConfig, backend: HelpdeskBackend) {
    const t = this.localize.messages;
    const sending = this.actions.busy === 'reply';
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault();
      this.sendReply();
    };
    return html`
      <section part="reply" class="reply" aria-labelledby="reply-heading">
        <h3 id="reply-heading">${t.detail.reply.heading}</h3>
        ${draftNotice(t, this.reply.draft, () => this.discardReplyDraft())}
        <form novalidate @submit=${onSubmit} aria-busy=${sending ? 'true' : 'false'}>
          <div part="field" class="field">
            <label part="label" for="reply-text">${t.detail.reply.label}</label>
            <p class="hint" id="reply-hint">${t.detail.reply.hint}</p>
            <textarea
              part="input"
              id="reply-text"
              aria-describedby=${this.replyEmpty ? 'reply-hint reply-error' : 'reply-hint'}
              aria-invalid=${this.replyEmpty ? 'true' : 'false'}
              .value=${live(this.reply.values.text)}
              @input=${(e: Event) => {
                const text = (e.target as HTMLTextAreaElement).value;
                if (text.trim()) this.replyEmpty = false;
                this.reply.edit({ text });
              }}
              @paste=${backend.capabilities.attachments ? pasteFilesInto(this.reply.files, config.attachments, t) : undefined}
            ></textarea>
            ${this.replyEmpty ? html`<p class="error" id="reply-error">${t.detail.reply.empty}</p>` : nothing}
          </div>
          ${backend.capabilities.attachments
            ? filePicker({ id: 'reply-files', t, lang: this.localize.lang, rules: config.attachments, chosen: this.reply.files })
            : nothing}
          ${this.reply.secrets.render(t, 4)}
          <div class="actions">
            <button type="submit" class="primary" aria-disabled=${sending ? 'true' : 'false'}>
              ${sending ? t.detail.reply.sending : t.detail.reply.send}
            </button>
          </div>
        </form>
      </section>
    `;
  }

  private closeReopenView(ticket: Ticket, backend: HelpdeskBackend) {
    if (!backend.capabilities.closeReopen) return nothing;
    const t = this.localize.messages.detail;
    if (ticket.actions.reopen) {
      return html`<section class="closing">
        ${this.asking === 'reopen'
          ? this.reasonForm(t.reopen.reasonLabel, undefined, t.reopen.send)
          : html`<button type="button" class="secondary" @click=${() => this.ask('reopen')}>${t.reopen.button}</button>`}
      </section>`;
    }
    // Closed for good (the helpdesk's rules refuse reopening it): a new ticket that refers to it instead.
    if (ticket.status.group === 'closed') {
      return html`<section class="closing">
        <p class="hint">${t.followUp.note}</p>
        ${this.asking === 'follow-up'
          ? this.reasonForm(t.followUp.reasonLabel, undefined, t.followUp.send)
          : html`<button type="button" class="secondary" @click=${() => this.ask('follow-up')}>${t.followUp.button}</button>`}
      </section>`;
    }
    if (!ticket.actions.close) return nothing;
    return html`<section class="closing">
      ${this.asking === 'close'
        ? html`<p>${t.close.confirm}</p>
            <div class="actions">
              <button
                id="close-yes"
                type="button"
                class="primary"
                aria-disabled=${this.actions.busy ? 'true' : 'false'}
                @click=${() => void this.actions.run('closed', (backend, id) => backend.closeTicket(id), t.close.done)}
              >
                ${t.close.yes}
              </button>
              <button type="button" class="link" @click=${() => (this.asking = undefined)}>${t.close.no}</button>
            </div>`
        : html`<button type="button" class="link" @click=${() => this.ask('close')}>${t.close.button}</button>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ticket-detail': TicketDetailElement;
  }
}
