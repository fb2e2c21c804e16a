import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { CreatedTicket } from '../../core/ticket.js';
import type { HelpdeskConfig } from '../../config/index.js';
import type { HelpdeskBackend } from '../../backends/types.js';
import { configErrorPanel } from '../shared/config-error.js';
import { draftNotice } from '../shared/draft.js';
import { failurePanel } from '../shared/failure.js';
import { HelpdeskElement } from '../shared/helpdesk-element.js';
import { emailMode, TicketFormModel } from './ticket-form-model.js';
import {
  attachmentsField,
  controlId,
  descriptionField,
  fieldLabel,
  moreDetails,
  requiredExtraFields,
  titleField,
  typeField,
  urgencyField,
  type FieldContext,
} from './fields.js';
import { emailSentPanel } from './email-sent.js';
import { styles } from './support-ticket-form.styles.js';

/** The suggestions' piece, asked for once: the form renders at every key. */
let suggestionsPiece: Promise<unknown> | undefined;

/**
 * @summary The support request form: incident or request, urgency explained with the
 * channels to use, a checked title and description, the provider's own questions,
 * category, equipment, call-back details and files — sent to the configured helpdesk.
 * What the person typed is kept whatever happens.
 *
 * @event support-ticket-created - The helpdesk accepted a ticket (also one sent later from the outbox). `detail`: `{ id, url, backend }`. With an email endpoint, `id` is the endpoint's reference or the submission id; not fired when the person's mail client opens with the message (`mailto:`), since nothing was sent.
 * @event support-ticket-queued - The helpdesk could not be reached (offline, 5xx, 429, timeout): the ticket is kept and will be sent by itself. `detail`: `{ id, backend, reason }`, `id` being the submission id.
 * @event support-error - The helpdesk refused a ticket. `detail`: `{ kind, message, code, detail }`.
 * @event support-article-viewed - The person opened an article suggested while typing (`articles.enabled`). `detail`: `{ id, title, backend }`.
 * @event support-article-helpful - The person said a suggested article answers the question: the draft is cleared and nothing is sent. `detail`: `{ id, title, backend }`.
 * @event support-auth-required - The helpdesk refused the session of a ticket and the sign-in is the host's own (Freshdesk's relay, a REST application): the ticket is kept, the person is asked to sign in to the application again, and it is sent once `credentials` or the configuration are set again, or `resumeSending()` is called. `detail`: `{ backend }`.
 *
 * @csspart base - The block around the whole form.
 * @csspart header - The heading and introduction.
 * @csspart draft - The "Draft restored · Discard" line, and the note when drafts do not survive a reload.
 * @csspart field - Each field block.
 * @csspart label - Field labels and legends.
 * @csspart input - Text inputs, text areas and selects.
 * @csspart urgency - The urgency scale.
 * @csspart honest-urgency - The "if everything is urgent, nothing is" note.
 * @csspart guidance - The contact guidance shown for the chosen urgency.
 * @csspart prompts - The QQOQCCP help under the description.
 * @csspart drop-zone - The files zone: a button that opens the file chooser and takes files dropped on it.
 * @csspart files - The list of chosen files.
 * @csspart suggestions - The articles and the person's open ticket suggested under the description (`articles.enabled`).
 * @csspart more - "More details (optional)": the folded group of the fields a person may skip.
 * @csspart error-summary - The list of what is missing or wrong.
 * @csspart secrets - The warning shown when text looks like a secret.
 * @csspart failure - The message shown when the helpdesk refused or could not be reached.
 * @csspart submit - The send button.
 * @csspart success - The confirmation with the ticket number (for email: "sent to …", or "your mail client opened" with the message to copy).
 * @csspart queued - The block saying the ticket is kept and will be sent when the helpdesk is reachable.
 * @csspart outbox - The list of tickets waiting to be sent, each with its state.
 * @csspart sign-in - The sign-in block.
 * @csspart config-error - The message shown when the configuration is invalid.
 *
 * @cssproperty --support-font-family - Font of the whole form.
 * @cssproperty --support-font-size - Base font size.
 * @cssproperty --support-radius - Corner radius of inputs, buttons and blocks.
 * @cssproperty --support-spacing - Base spacing unit.
 * @cssproperty --support-color-text - Text colour (light scheme); `--support-color-text-dark` for dark.
 * @cssproperty --support-color-muted - Hints and secondary text; `…-dark` for dark.
 * @cssproperty --support-color-surface - Background of inputs and the form; `…-dark` for dark.
 * @cssproperty --support-color-surface-alt - Background of blocks; `…-dark` for dark.
 * @cssproperty --support-color-border - Borders of inputs; `…-dark` for dark.
 * @cssproperty --support-color-primary - Buttons, links, selected choices; `…-dark` for dark.
 * @cssproperty --support-color-on-primary - Text on primary buttons; `…-dark` for dark.
 * @cssproperty --support-color-danger - Errors; `…-dark` for dark.
 * @cssproperty --support-color-warning - Warnings and advice; `…-dark` for dark.
 * @cssproperty --support-color-success - Confirmation; `…-dark` for dark.
 * @cssproperty --support-color-focus - Focus ring; `…-dark` for dark.
 *
 * @tag support-ticket-form
 */
export class SupportTicketForm extends HelpdeskElement {
  static override styles = styles;

  /** What the person typed, the submit flow and the form's events. */
  private readonly model = new TicketFormModel(this, this.localize);

  /** The email message whose text was copied to the clipboard. */
  @state() private copiedMail?: CreatedTicket;

  protected configured(config: HelpdeskConfig, backend: HelpdeskBackend): void {
    this.model.attach(config, backend);
  }

  protected override credentialsChanged(): void {
    void this.model.resume();
  }

  /**
   * Sends now the tickets kept because the helpdesk refused the session: call it once your
   * application has signed the person in again (after `support-auth-required`), when the
   * session is a cookie and there are no `credentials` to set. Setting `credentials` does it.
   */
  resumeSending(): Promise<void> {
    return this.model.resume();
  }

  private focusField(event: Event, id: string): void {
    event.preventDefault();
    const control = this.renderRoot.querySelector<HTMLElement>(`#${id}`);
    // A field under "More details" is reached through it.
    const folded = control?.closest('details');
    if (folded && !folded.open) folded.open = true;
    control?.focus();
    control?.scrollIntoView({ block: 'center' });
  }

  override render() {
    const t = this.localize.messages;
    if (!this.resolved) return nothing;
    if ('problems' in this.resolved) return configErrorPanel(t, this.resolved.problems);
    const ctx: FieldContext = { model: this.model, config: this.resolved.config, t, lang: this.localize.lang, theme: this.theme };
    if (this.model.phase === 'sent' && this.model.created) return html`${this.successPanel(ctx)} ${this.outboxList(ctx)}`;
    if (this.model.phase === 'queued') return html`${this.queuedPanel(ctx)} ${this.outboxList(ctx)}`;
    return html`
      <div part="base" class="base">
        <header part="header">
          <div class="heading-row">
            <h2>${t.form.heading}</h2>
            ${this.signedInByPerson(ctx)
              ? html`<button type="button" class="link" @click=${() => this.model.signOut()}>${t.signIn.signOut}</button>`
              : nothing}
          </div>
          <p class="hint">${t.form.intro}</p>
          ${'to' in this.resolved.config.backend && emailMode(this.resolved.config) === 'mailto'
            ? html`<p class="hint">${t.email.mailtoIntro(this.resolved.config.backend.to)}</p>`
            : nothing}
          ${draftNotice(t, this.model.composer.draft, () => void this.model.discardDraft())}
        </header>
        ${this.model.signIn.render(t, this.resolved.backend)} ${this.outboxList(ctx)} ${this.summaryPanel(ctx)} ${this.model.phase === 'failed' && this.model.error
          ? failurePanel(t, { id: 'failure', heading: t.submit.failedHeading, error: this.model.error, extra: t.submit.kept })
          : nothing}
        <form novalidate @submit=${this.onSubmit} aria-busy=${this.model.phase === 'sending' ? 'true' : 'false'}>
          <div class="columns">
            <div class="column">${typeField(ctx)} ${urgencyField(ctx)}</div>
            <div class="column">
              ${titleField(ctx)} ${descriptionField(ctx)} ${this.suggestions(ctx)} ${requiredExtraFields(ctx)} ${attachmentsField(ctx)}
            </div>
          </div>
          ${moreDetails(ctx)} ${this.secretsPanel(ctx)}
          <div class="actions">
            <button part="submit" type="submit" class="primary" aria-disabled=${this.model.phase === 'sending' ? 'true' : 'false'}>
              ${this.model.phase === 'sending' ? t.submit.sending : emailMode(ctx.config) === 'mailto' ? t.email.openMailClient : t.submit.send}
            </button>
            <span class="visually-hidden" role="status">${this.model.phase === 'sending' ? t.submit.sending : ''}</span>
          </div>
        </form>
      </div>
    `;
  }

  /**
   * Articles and the person's own tickets suggested as the problem is typed, when the
   * configuration turns them on: a piece loaded then, never before.
   */
  private suggestions({ config, model }: FieldContext) {
    if (!config.articles.enabled || !this.resolved || !('backend' in this.resolved)) return nothing;
    // Offline when first asked: asked again at the next render; the form works without it meanwhile.
    suggestionsPiece ??= import('../support-suggestions/support-suggestions.js').catch(() => (suggestionsPiece = undefined));
    return html`<support-suggestions
      exportparts="suggestions"
      .backend=${this.resolved.backend}
      .draftBackend=${config.backend}
      .settings=${config.articles}
      .problem=${{ title: model.values.title, description: model.values.description }}
      .setupDetail=${this.setupDetail}
      lang=${this.localize.lang}
      .theme=${this.theme}
      @discard-draft=${() => model.startAgain()}
      @still-need-help=${() => this.renderRoot.querySelector<HTMLElement>(`#${controlId('description')}`)?.focus()}
    ></support-suggestions>`;
  }

  /** The ticket opened from a suggestion reaches the same helpdesk, with the same session, language and theme. */
  private readonly setupDetail = (detail: HTMLElement) =>
    Object.assign(detail, { config: this.config, backend: this.backend, endpoint: this.endpoint, credentials: this.credentials, theme: this.theme, lang: this.localize.lang });

  /** A session the person opened in this widget (not a host's token): offer to close it, e.g. on a shared computer. */
  private signedInByPerson({ model, config }: FieldContext): boolean {
    return Boolean(model.capabilities?.passwordSignIn && !model.signIn.shown && !('auth' in config.backend && config.backend.auth) && !this.credentials);
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.model.submit();
  }

  private summaryPanel(ctx: FieldContext) {
    const { model, t } = ctx;
    if (!model.problems.length) return nothing;
    return html`
      <section id="summary" part="error-summary" class="panel danger" tabindex="-1" aria-labelledby="summary-heading">
        <h3 id="summary-heading">${t.submit.summaryHeading}</h3>
        <ul>
          ${model.problems.map((problem) => {
            const id = controlId(problem.field);
            return html`<li>
              <a href="#${id}" @click=${(e: Event) => this.focusField(e, id)}
                >${fieldLabel(problem.field, ctx)} ${t.submit.reasons[problem.reason]}</a
              >
            </li>`;
          })}
        </ul>
      </section>
    `;
  }

  /** The secret warning, shared with the thread's reply box; it follows what is typed after it appeared. */
  private secretsPanel({ model, t }: FieldContext) {
    return model.composer.secrets.render(t, 3);
  }

  /** Kept, not sent yet: said plainly, with what happened folded away. */
  private queuedPanel({ model, t }: FieldContext) {
    const error = model.error;
    return html`
      <section id="queued" part="base queued" class="panel warning" tabindex="-1" aria-labelledby="queued-heading">
        <h2 id="queued-heading">${t.queued.heading}</h2>
        <p>${model.waitsForHostSignIn ? t.queued.hostSignIn : t.queued.body(error?.kind, error?.kind === 'network' && !navigator.onLine)}</p>
        ${model.queue.sender?.box.storage.persistent === false ? html`<p><strong>${t.queued.notKept}</strong></p>` : nothing}
        ${error && (error.code || error.detail)
          ? html`<details>
              <summary>${t.submit.technical}</summary>
              <p class="detail">${[error.code, error.detail].filter(Boolean).join(' — ')}</p>
            </details>`
          : nothing}
        <button type="button" class="secondary" @click=${() => model.startAgain()}>${t.success.another}</button>
      </section>
    `;
  }

  /** Every ticket of this helpdesk waiting in the outbox, with its state, to send now or cancel; then those sent meanwhile. */
  private outboxList(ctx: FieldContext) {
    const { model, t, lang } = ctx;
    const { entries, sent } = model.queue;
    if (!entries.length && !sent.length) return nothing;
    const time = new Intl.DateTimeFormat(lang, { timeStyle: 'short' });
    return html`
      <section part="outbox" class="panel outbox" aria-labelledby="outbox-heading">
        <h3 id="outbox-heading">${entries.length ? t.outbox.heading : t.outbox.sentHeading}</h3>
        <ul aria-live="polite">
          ${entries.map((entry) => {
            const titleId = `outbox-${entry.id}`;
            const waiting = entry.state !== 'sending';
            return html`<li>
              <strong id=${titleId}>${entry.payload.title}</strong>
              <span>
                ${entry.state === 'sending'
                  ? t.outbox.sending
                  : entry.state === 'failed'
                    ? `${t.outbox.failed} ${t.errors[(entry.lastError?.kind ?? 'server') as keyof typeof t.errors] ?? ''}`
                    : html`${t.outbox.waiting}
                      ${entry.nextAttemptAt > Date.now() ? t.outbox.nextAttempt(time.format(entry.nextAttemptAt)) : nothing}`}
              </span>
              ${waiting
                ? html`<span class="actions">
                    <button type="button" class="link" aria-describedby=${titleId} @click=${() => void model.queue.sendNow(entry.id)}>
                      ${t.outbox.sendNow}
                    </button>
                    <button type="button" class="link" aria-describedby=${titleId} @click=${() => void model.cancel(entry.id)}>
                      ${t.outbox.cancel}
                    </button>
                  </span>`
                : nothing}
            </li>`;
          })}
          ${sent.map(
            ({ title, ticket }) => html`<li>
              <strong>${title}</strong>
              <span>
                ${emailMode(ctx.config)
                  ? t.email.outboxSent
                  : ticket.url
                    ? html`<a href=${ticket.url} target="_blank" rel="noopener noreferrer">${t.outbox.sent(ticket.id)}</a>`
                    : t.outbox.sent(ticket.id)}
              </span>
            </li>`,
          )}
        </ul>
      </section>
    `;
  }

  private successPanel(ctx: FieldContext) {
    const { model, t, config } = ctx;
    const created = model.created!;
    if (config.backend.type === 'email') {
      const copy = (text: string) =>
        navigator.clipboard.writeText(text).then(
          () => (this.copiedMail = created),
          // No clipboard (permission, an old browser): the text is selected for the person's own Ctrl+C.
          () => this.renderRoot.querySelector<HTMLTextAreaElement>('#mail-text')?.select(),
        );
      return emailSentPanel(ctx, { to: config.backend.to, copied: this.copiedMail === created, copy });
    }
    return html`
      <section id="success" part="base success" class="panel success" tabindex="-1" aria-labelledby="success-heading">
        <h2 id="success-heading">${t.success.heading(created.id)}</h2>
        <p>${t.success.body}</p>
        ${created.url
          ? html`<p><a href=${created.url} target="_blank" rel="noopener noreferrer">${t.success.link}</a></p>`
          : nothing}
        ${created.failedAttachments.length
          ? html`<div class="warning">
              <p>${t.success.failedFiles}</p>
              <ul>
                ${created.failedAttachments.map((file) => html`<li>${file.name}</li>`)}
              </ul>
            </div>`
          : nothing}
        <button type="button" class="secondary" @click=${() => model.startAgain()}>${t.success.another}</button>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'support-ticket-form': SupportTicketForm;
  }
}
