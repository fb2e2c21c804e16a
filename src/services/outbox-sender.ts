/**
 * Sends one helpdesk's outbox for the whole page: when a form submits, when the
 * connection comes back, when the page is shown again, when the next entry
 * becomes due, and as soon as a page loads with tickets left from before. One
 * sender per helpdesk and page; the outbox's lock keeps two tabs (and two
 * calls) from sending the same ticket, and the submission id written into the
 * ticket lets a retry find what an attempt with a lost answer created.
 */
import { toHelpdeskError, type HelpdeskError } from '../core/errors.js';
import type { CreatedTicket, NewTicket } from '../core/ticket.js';
import type { HelpdeskBackend } from '../backends/types.js';
import {
  AttemptDeferred,
  outbox as pageOutbox,
  type AttemptContext,
  type Outbox,
  type OutboxEntry,
  type SendOptions,
  type SendRound,
} from '../store/outbox.js';
import { openTabs, thisTab } from '../store/tab.js';

export interface OutboxListener {
  /** Something changed in this helpdesk's outbox, from this page or another tab: read it again. */
  changed(): void;
  /** Whether this listener shows that submission (its form holds the ticket). */
  owns(id: string): boolean;
  /**
   * Before `sent`: the listener that holds the ticket writes its number where a reload finds
   * it, so that a page going away as it is shown still leaves it for the next one.
   */
  keep?(entry: OutboxEntry): Promise<void>;
  /** The helpdesk accepted the ticket (see `deliver`). */
  sent(entry: OutboxEntry, created: CreatedTicket): void;
  /** The helpdesk refused the session and the widget cannot ask for another itself: the host must sign the person in again. */
  authRequired?(): void;
}

/** Backoff and lease of every round: a seeded random for the fault suite and tests. */
export const senderOptions: SendOptions = {};

/** The least wait before a round the outbox asks for: a zero backoff must not spin. */
const MIN_WAIT = 100;

/**
 * How long an attempt may go on at the helpdesk, in calls' time limits: a sign-in, the
 * create, and as long again for the helpdesk to finish what it was doing when the widget
 * gave up or the page went away.
 */
const ATTEMPT_WINDOW = 3;

/**
 * A ticket sent for a tab that is closed now waits this long (ms) for the person to come
 * back in a new tab, which takes over that tab's draft and shows the number; after it, any
 * form of the page lists it as sent.
 */
const ORPHAN_DELIVERY = 15_000;

export class OutboxSender {
  readonly #listeners = new Set<OutboxListener>();
  /** What the adapter answered or threw for an entry, for the form: the outbox keeps the ticket id and an error summary only. */
  readonly #results = new Map<string, CreatedTicket | HelpdeskError>();
  readonly #delivered = new Set<string>();
  #backend?: HelpdeskBackend;
  /** `support-auth-required` was fired for the tickets waiting now. */
  #authAnnounced = false;
  /** The calls' time limit of the helpdesk's configuration, in ms. */
  #timeout = 20_000;
  #timer?: ReturnType<typeof setTimeout>;
  /** When the next round is planned (epoch ms). */
  #planned?: number;
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
      if (document.visibilityState !== 'visible') return;
      // Back from another tab, where the person may have signed in to the host application again.
      if (this.#backend && !this.#backend.capabilities.passwordSignIn) void this.resume();
      else if (!this.#idle) void this.send();
    });
    box.watch((change) => {
      if (change.backend !== key) return;
      this.#changes++;
      this.#idle = false;
      this.#listeners.forEach((listener) => listener.changed());
    });
  }

  /** The adapter to send with, and its calls' time limit (ms): the last ones an element of the page configured. */
  use(backend: HelpdeskBackend, timeout?: number): void {
    this.#backend = backend;
    if (timeout) this.#timeout = timeout;
  }

  /**
   * Sends again the tickets a refused session stopped: after the person signed in, or the
   * host set credentials again or signed the person in to its application again.
   */
  async resume(): Promise<void> {
    this.#authAnnounced = false;
    for (const entry of await this.box.list(this.key)) {
      if (entry.state === 'failed' && entry.lastError?.kind === 'auth') await this.box.retry(entry.id);
    }
    await this.send();
  }

  listen(listener: OutboxListener): () => void {
    this.#listeners.add(listener);
    // A form that comes (a page loaded again) says it again of a ticket still waiting for the host's sign-in.
    this.#authAnnounced = false;
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
    const window = backend.recognisesSubmissions ? 0 : ATTEMPT_WINDOW * this.#timeout;
    const round = await this.box.sendDue(this.key, (entry, context) => this.#attempt(backend, entry, context), { window, ...senderOptions });
    this.#plan(round.nextAttemptAt);
    const entries = await this.box.list(this.key);
    // Sent in this round, or earlier for a tab that has gone since.
    await this.deliver(entries.filter((entry) => entry.state === 'sent'));
    // A ticket kept for a sign-in that only the host can give: said once per page (also for one left from before a reload).
    const waitsForHost = entries.some((entry) => entry.state === 'failed' && entry.lastError?.kind === 'auth');
    if (waitsForHost && !backend.capabilities.passwordSignIn && !this.#authAnnounced) {
      this.#authAnnounced = true;
      [...this.#listeners][0]?.authRequired?.();
    }
    // Nothing left, and nothing came meanwhile: failed entries wait for the person, and any change wakes the sender.
    this.#idle = round.nextAttemptAt === undefined && this.#changes === changes;
    return round;
  }

  /**
   * Tells the person of accepted tickets, once each across the tabs: the form that holds
   * one shows its number; a ticket written in another tab that is still open is left to
   * that tab; one whose tab is gone, or queued before the person opened another ticket,
   * goes to any form of the page. The entry is taken out of the outbox by the one page
   * that shows it; with no form on the page, it stays `sent` for the next one.
   */
  async deliver(entries: OutboxEntry[]): Promise<void> {
    let tabs: Set<string> | undefined | null = null;
    for (const entry of entries) {
      const listeners = [...this.#listeners];
      if (entry.state !== 'sent' || !listeners.length || this.#delivered.has(entry.id)) continue;
      let owner = listeners.find((listener) => listener.owns(entry.id));
      if (!owner && entry.tab && entry.tab !== (await thisTab())) {
        tabs ??= await openTabs();
        if (tabs?.has(entry.tab)) continue;
        // Its tab is gone (or, without Web Locks, may be): the person may come back in a new tab first.
        if (Date.now() - (entry.sentAt ?? 0) < ORPHAN_DELIVERY) {
          this.#plan(Math.min(this.#planned ?? Infinity, (entry.sentAt ?? 0) + ORPHAN_DELIVERY));
          continue;
        }
      }
      owner ??= listeners[0]!;
      await owner.keep?.(entry);
      // Another page or tab may be showing it right now: only the one that takes it out of the outbox does.
      const taken = await this.box.take(entry.id);
      if (!taken) continue;
      this.#delivered.add(entry.id);
      const result = this.#results.get(entry.id);
      this.#results.delete(entry.id);
      owner.sent(taken, result && !('kind' in result) ? result : { failedAttachments: [], ...taken.ticket! });
    }
  }

  async #attempt(backend: HelpdeskBackend, entry: OutboxEntry, { earlierBusyUntil }: AttemptContext): Promise<CreatedTicket> {
    try {
      if (earlierBusyUntil !== undefined && earlierBusyUntil > Date.now()) {
        // An earlier attempt — this page's, or one a reload or a closed tab left behind — may still be
        // creating the ticket: look for it, and create nothing until that attempt cannot be running.
        const found = await backend.findSubmission?.(entry.id, entry.payload);
        if (!found) throw new AttemptDeferred(earlierBusyUntil);
      }
      // Past the first attempt (claims count them), an earlier one may have created the ticket.
      const created = await backend.createTicket(entry.payload, { submissionId: entry.id, mayExist: entry.attempts > 1 });
      this.#results.set(entry.id, created);
      return created;
    } catch (error) {
      if (!(error instanceof AttemptDeferred)) this.#results.set(entry.id, toHelpdeskError(error));
      throw error;
    }
  }

  #plan(at: number | undefined): void {
    clearTimeout(this.#timer);
    this.#planned = at;
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
