/**
 * Sends one helpdesk's outbox for the whole page: when a form submits, when the
 * connection comes back, when the page is shown again, when the next entry
 * becomes due, and as soon as a page loads with tickets left from before. One
 * sender per helpdesk and page; the outbox's lock keeps two tabs (and two
 * calls) from sending the same ticket, and the submission id written into the
 * ticket lets a retry find what an attempt with a lost answer created.
 */
import { toHelpdeskError, type HelpdeskError } from '../../core/errors.js';
import type { CreatedTicket, NewTicket } from '../../core/ticket.js';
import type { HelpdeskBackend } from '../../backends/types.js';
import { outbox as pageOutbox, type Outbox, type OutboxEntry, type SendOptions, type SendRound } from '../../store/outbox.js';

export interface OutboxListener {
  /** Something changed in this helpdesk's outbox, from this page or another tab: read it again. */
  changed(): void;
  /** Whether this listener shows that submission (its form holds the ticket). */
  owns(id: string): boolean;
  /** The helpdesk accepted the ticket (see `deliver`). */
  sent(entry: OutboxEntry, created: CreatedTicket): void;
}

/** Backoff and lease of every round: a seeded random for the fault suite and tests. */
export const senderOptions: SendOptions = {};

/** The least wait before a round the outbox asks for: a zero backoff must not spin. */
const MIN_WAIT = 100;

export class OutboxSender {
  readonly #listeners = new Set<OutboxListener>();
  /** What the adapter answered or threw for an entry, for the form: the outbox keeps the ticket id and an error summary only. */
  readonly #results = new Map<string, CreatedTicket | HelpdeskError>();
  readonly #delivered = new Set<string>();
  #backend?: HelpdeskBackend;
  #timer?: ReturnType<typeof setTimeout>;
  /** The last round left nothing to send and nothing changed since: coming back online has nothing to do. */
  #idle = false;
  /** Changes of this helpdesk's entries seen so far, to tell whether one came during a round. */
  #changes = 0;

  constructor(
    /** The outbox's name for the helpdesk, e.g. `glpi:https://support.example.fr/apirest.php`. */
    readonly key: string,
    readonly box: Outbox = pageOutbox(),
  ) {
    addEventListener('online', () => void this.#online());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && !this.#idle) void this.send();
    });
    box.watch((change) => {
      if (change.backend !== key) return;
      this.#changes++;
      this.#idle = false;
      this.#listeners.forEach((listener) => listener.changed());
    });
  }

  /** The adapter to send with: the last one an element of the page configured. */
  use(backend: HelpdeskBackend): void {
    this.#backend = backend;
  }

  listen(listener: OutboxListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** What the last attempt for `id` threw, when it was made from this page. */
  errorOf(id: string): HelpdeskError | undefined {
    const result = this.#results.get(id);
    return result && 'kind' in result ? result : undefined;
  }

  /**
   * Sends every due entry now, and plans the next round. Without credentials
   * nothing is tried (an attempt would fail as 'auth' for nothing): the form
   * asks the person to sign in, then calls this again.
   */
  async send(): Promise<SendRound<NewTicket> | undefined> {
    const backend = this.#backend;
    if (!backend?.hasCredentials()) return undefined;
    const changes = this.#changes;
    const round = await this.box.sendDue(this.key, (entry) => this.#attempt(backend, entry), senderOptions);
    await this.deliver(round.sent);
    this.#plan(round.nextAttemptAt);
    // Nothing left, and nothing came meanwhile: failed entries wait for the person, and any change wakes the sender.
    this.#idle = round.nextAttemptAt === undefined && this.#changes === changes;
    return round;
  }

  /**
   * Tells the page of accepted tickets, once each: the form that holds one shows it,
   * and one queued before the person opened another goes to any form of the page.
   * Then the entry goes; with no form on the page, it stays `sent` for the next one.
   */
  async deliver(entries: OutboxEntry[]): Promise<void> {
    for (const entry of entries) {
      const listeners = [...this.#listeners];
      const owner = listeners.find((listener) => listener.owns(entry.id)) ?? listeners[0];
      if (!owner || entry.state !== 'sent' || this.#delivered.has(entry.id)) continue;
      this.#delivered.add(entry.id);
      const result = this.#results.get(entry.id);
      this.#results.delete(entry.id);
      owner.sent(entry, result && !('kind' in result) ? result : { id: entry.ticket!.id, url: entry.ticket!.url, failedAttachments: [] });
      await this.box.remove(entry.id);
    }
  }

  async #attempt(backend: HelpdeskBackend, entry: OutboxEntry): Promise<CreatedTicket> {
    try {
      // Past the first attempt (claims count them), an earlier one may have created the ticket.
      const created = await backend.createTicket(entry.payload, { submissionId: entry.id, mayExist: entry.attempts > 1 });
      this.#results.set(entry.id, created);
      return created;
    } catch (error) {
      this.#results.set(entry.id, toHelpdeskError(error));
      throw error;
    }
  }

  #plan(at: number | undefined): void {
    clearTimeout(this.#timer);
    if (at === undefined) return;
    // setTimeout's longest wait is 2^31 - 1 ms; a later entry is planned again on the way.
    this.#timer = setTimeout(() => void this.send(), Math.min(Math.max(at - Date.now(), MIN_WAIT), 2 ** 31 - 1));
  }

  /** Back online: what failed for want of a network is due now (a rate limit's wait still holds). */
  async #online(): Promise<void> {
    if (this.#idle) return;
    const now = Date.now();
    for (const entry of await this.box.list(this.key)) {
      if (entry.state === 'waiting' && entry.lastError?.kind === 'network' && entry.nextAttemptAt > now) {
        await this.box.update(entry.id, (current) => (current.state === 'waiting' ? { ...current, nextAttemptAt: now } : current));
      }
    }
    await this.send();
  }
}

const senders = new Map<string, OutboxSender>();

/** The page's sender for one helpdesk. */
export function outboxSender(key: string): OutboxSender {
  let sender = senders.get(key);
  if (!sender) senders.set(key, (sender = new OutboxSender(key)));
  return sender;
}
