/**
 * The form's view of its helpdesk's outbox: the tickets kept for later sending,
 * each with its state, that the person can send now or cancel, and the ones
 * sent from the queue since the page opened. Follows every change, from this
 * page or another tab, through the page's sender.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CreatedTicket, NewTicket } from '../../core/ticket.js';
import type { HelpdeskBackend } from '../../backends/types.js';
import type { OutboxEntry } from '../../store/outbox.js';
import { thisTab } from '../../store/tab.js';
import { outboxSender, type OutboxListener, type OutboxSender } from '../../services/outbox-sender.js';

export interface QueueHooks {
  /** Whether the form holds this submission. */
  owns(id: string): boolean;
  /** The helpdesk accepted a queued ticket. */
  accepted(entry: OutboxEntry, created: CreatedTicket): void;
  /** The helpdesk accepted the form's own ticket: its number is written where a reload finds it, before it is shown. */
  keep(entry: OutboxEntry): Promise<void>;
  /** The outbox was read again: every entry of the helpdesk, sent ones included. */
  changed(entries: OutboxEntry[]): void;
  /** The helpdesk refused the session of a queued ticket, and only the host can sign the person in again. */
  authRequired(): void;
}

export class QueuedTickets implements ReactiveController {
  /** The helpdesk's tickets not sent yet, oldest first. */
  entries: OutboxEntry[] = [];
  /** Tickets sent from the queue while this form was shown, newest last. */
  sent: { title: string; ticket: CreatedTicket }[] = [];
  sender?: OutboxSender;

  private stop?: () => void;
  private readonly listener: OutboxListener;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly hooks: QueueHooks,
  ) {
    host.addController(this);
    this.listener = {
      changed: () => void this.refresh(),
      owns: (id) => hooks.owns(id),
      keep: (entry) => (hooks.owns(entry.id) ? hooks.keep(entry) : Promise.resolve()),
      sent: (entry, created) => {
        if (!hooks.owns(entry.id)) this.sent = [...this.sent, { title: entry.payload.title, ticket: created }];
        hooks.accepted(entry, created);
        this.host.requestUpdate();
      },
      authRequired: () => hooks.authRequired(),
    };
  }

  /**
   * Follows the outbox of this helpdesk and sends what is left in it (from before a reload,
   * for instance); `timeout` is the configuration's time limit of a call, in ms.
   */
  attach(key: string, backend: HelpdeskBackend, timeout?: number): void {
    if (this.sender?.key !== key) {
      this.stop?.();
      this.sender = outboxSender(key);
      this.stop = this.sender.listen(this.listener);
    }
    this.sender.use(backend, timeout);
    void this.refresh().then(() => this.sender?.send());
  }

  /**
   * Keeps the submission `id` for sending. Submitted again (after a failure, or a
   * change), its entry takes the new content; one that already had an attempt
   * counts it, so that the adapter looks for the ticket before creating one.
   */
  async keep(id: string, payload: NewTicket, tried: boolean): Promise<void> {
    const box = this.sender!.box;
    const existing = await box.get(id);
    if (!existing) {
      await box.add({ id, backend: this.sender!.key, payload, tab: await thisTab() });
      if (tried) await box.update(id, (entry) => ({ ...entry, attempts: Math.max(entry.attempts, 1) }));
    } else {
      const waiting = (entry: OutboxEntry) => entry.state === 'waiting' || entry.state === 'failed';
      await box.update(id, (entry) => (waiting(entry) ? { ...entry, payload, state: 'waiting', nextAttemptAt: Date.now() } : entry));
    }
  }

  /**
   * This tab's form holds the submission now (its draft came from a tab that was closed):
   * the ticket's number is shown here once it is sent.
   */
  async adopt(entry: OutboxEntry): Promise<void> {
    const tab = await thisTab();
    if (entry.tab !== tab) await this.sender?.box.update(entry.id, (current) => ({ ...current, tab }));
  }

  /** The person sends a waiting or failed ticket now. */
  async sendNow(id: string): Promise<void> {
    await this.sender?.box.retry(id);
    await this.sender?.send();
  }

  /** The person does not want it sent; one being sent right now cannot be taken back. */
  async cancel(id: string): Promise<boolean> {
    const gone = (await this.sender?.box.cancel(id)) ?? false;
    await this.refresh();
    return gone;
  }

  async refresh(): Promise<void> {
    const sender = this.sender;
    if (!sender) return;
    const all = await sender.box.list(sender.key);
    this.entries = all.filter((entry) => entry.state !== 'sent');
    // Sent while no form of this page was there to hear it (another tab, before a reload).
    await sender.deliver(all);
    this.hooks.changed(all);
    this.host.requestUpdate();
  }

  hostConnected(): void {
    if (this.sender && !this.stop) {
      this.stop = this.sender.listen(this.listener);
      void this.refresh();
    }
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = undefined;
  }
}
