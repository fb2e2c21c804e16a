/**
 * What happens when the person acts on a ticket — reply, approve or refuse a solution,
 * close, reopen, open a follow-up: one action at a time, the confirmation or the failure
 * it ends with, the events the host hears, and an action that met an ended session
 * done again once the person signed in.
 */
import type { LitElement, ReactiveController } from 'lit';
import { toHelpdeskError, type HelpdeskError } from '../../core/errors.js';
import type { NewTicket } from '../../core/ticket.js';
import type { HelpdeskBackend } from '../../backends/types.js';
import { emit, type TicketUpdatedDetail } from '../../events/events.js';
import type { LocalizeController } from '../../i18n/localize.js';
import { newSubmissionId } from '../../store/outbox.js';
import { errorDetail } from '../shared/failure.js';
import type { SignInFlow } from '../shared/sign-in.js';

export type Change = TicketUpdatedDetail['change'];

/** The confirmation after an action (`#notice`), with the files the helpdesk did not take. */
export interface Notice {
  text: string;
  failedFiles: string[];
}

export interface TicketActionsOptions {
  localize: LocalizeController;
  /** The ticket shown and its helpdesk; undefined while there is none. */
  target: () => { backend: HelpdeskBackend; id: string } | undefined;
  /** The sign-in block an ended session shows. */
  signIn: SignInFlow;
  /** Reloads the thread, to show what the action changed. */
  reload: () => Promise<void>;
  /** The action went through: the form that asked for it (a reason, a confirmation) closes. */
  done: () => void;
}

export class TicketActions implements ReactiveController {
  /** The action under way: another waits until it is over. */
  busy?: Change;
  /** Why the last action failed (`#action-failure`). */
  error?: HelpdeskError;
  notice?: Notice;
  /** The action to do again once the person has signed in again. */
  private retry?: () => Promise<void>;
  /** The follow-up ticket being opened: its submission id, and whether an attempt went out. */
  private followUp?: { id: string; tried: boolean };
  /** The block to focus once the render that shows it is done. */
  private focusing?: string;

  constructor(
    private readonly host: LitElement,
    private readonly options: TicketActionsOptions,
  ) {
    host.addController(this);
  }

  /**
   * Runs one action on the ticket: busy state, confirmation (`done`, and the files
   * `run` says were refused), event, fresh thread. On failure the person's text stays
   * where it is; an ended session asks for sign-in, then does it again.
   */
  async run(change: Change, run: (backend: HelpdeskBackend, id: string) => Promise<string[] | void>, done: string): Promise<void> {
    const target = this.options.target();
    if (!target || this.busy) return;
    const { backend, id } = target;
    this.busy = change;
    this.error = undefined;
    this.notice = undefined;
    this.host.requestUpdate();
    try {
      const failedFiles = (await run(backend, id)) ?? [];
      // Each change asks for its render before the events: a listener finds the confirmation shown.
      this.notice = { text: done, failedFiles };
      this.host.requestUpdate();
      this.options.done();
      emit(this.host, 'support-ticket-updated', { id, backend: backend.type, change });
      this.busy = undefined;
      this.host.requestUpdate();
      await this.options.reload();
      this.focus('#notice');
    } catch (caught) {
      const error = toHelpdeskError(caught);
      this.busy = undefined;
      this.host.requestUpdate();
      if (this.options.signIn.showFor(error, backend)) {
        this.retry = async () => {
          this.retry = undefined;
          await this.run(change, run, done);
        };
        this.focus('#login');
      } else {
        this.error = error;
        this.focus('#action-failure');
      }
      emit(this.host, 'support-error', errorDetail(this.options.localize.messages, error));
    }
  }

  /**
   * Opens a new ticket that refers to this closed one. One submission id until it is
   * accepted: sent again after a lost answer, it is looked for first.
   */
  async openFollowUp(ticket: NewTicket, done: (id: string) => string): Promise<void> {
    const backend = this.options.target()?.backend;
    if (!backend || this.busy) return;
    this.busy = 'reply';
    this.error = undefined;
    this.host.requestUpdate();
    const submissionId = (this.followUp ??= { id: newSubmissionId(), tried: false }).id;
    const mayExist = this.followUp.tried;
    this.followUp.tried = true;
    try {
      const created = await backend.createTicket(ticket, { submissionId, mayExist });
      this.followUp = undefined;
      this.options.done();
      this.notice = { text: done(created.id), failedFiles: created.failedAttachments.map((file) => file.name) };
      this.host.requestUpdate();
      emit(this.host, 'support-ticket-created', { id: created.id, url: created.url, backend: backend.type });
      this.focus('#notice');
    } catch (caught) {
      this.error = toHelpdeskError(caught);
      this.host.requestUpdate();
      emit(this.host, 'support-error', errorDetail(this.options.localize.messages, this.error));
      this.focus('#action-failure');
    } finally {
      this.busy = undefined;
      this.host.requestUpdate();
    }
  }

  /** Called once the person signed in: the action an ended session stopped, if there is one. */
  retryAfterSignIn(): Promise<void> | undefined {
    return this.retry?.();
  }

  hostUpdated(): void {
    const selector = this.focusing;
    this.focusing = undefined;
    if (selector) this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Moves the person's focus to what the action ended with, once it is shown. */
  private focus(selector: string): void {
    this.focusing = selector;
    this.host.requestUpdate();
  }

  /** Another ticket: nothing of this one's actions is shown. */
  reset(): void {
    this.notice = undefined;
    this.error = undefined;
    this.followUp = undefined;
    this.host.requestUpdate();
  }
}
