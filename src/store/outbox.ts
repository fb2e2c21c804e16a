/**
 * The outbox: tickets the person submitted that no backend has accepted yet.
 * A ticket is written here before it is sent, so a crash, a reload, an
 * offline laptop or a failing helpdesk loses nothing, and it is sent exactly
 * once: one submission id from the first click on, one sender at a time
 * across tabs (a lock, and a lease on the entry being sent), and a sent entry
 * that never goes back to waiting. Every change is announced in the page and
 * to the other tabs, so each element shows the same states.
 *
 * An attempt can outlive the page that made it: a reload or a closed tab stops the page,
 * not the helpdesk, which may still be creating the ticket seconds later. So each attempt
 * leaves `busyUntil`, the time until which it may still be at work there, and a later
 * attempt that starts before then — in this page, after a reload, in another tab — may
 * look for the ticket but must not create it (`AttemptDeferred`).
 */
import { toHelpdeskError } from '../core/errors.js';
import { retryDelay, type BackoffOptions } from '../core/retry.js';
import type { NewTicket } from '../core/ticket.js';
import { withoutCredentials } from './credentials.js';
import { createKeyValueStore, type KeyValueStore } from './kv.js';
import { withLock } from './lock.js';

/**
 * `waiting`: to be sent at `nextAttemptAt`. `sending`: a sender holds it until
 * `leaseUntil`. `failed`: the backend refused it for good (validation, rights,
 * expired sign-in): the person must act, then `retry`. `sent`: accepted, see `ticket`.
 */
export type OutboxState = 'waiting' | 'sending' | 'failed' | 'sent';

export interface OutboxEntry<P = NewTicket> {
  /**
   * The submission id, generated once when the person first submits. The
   * adapter writes it into the ticket (GLPI: `externalid`) so that a retry after
   * a lost answer finds the ticket instead of creating a second one.
   */
  id: string;
  /** Which helpdesk the ticket is for: entries of another backend are never sent to this one. */
  backend: string;
  /** The ticket as the person gave it, files included; credentials stripped. */
  payload: P;
  state: OutboxState;
  /**
   * Attempts started. Past the first, the ticket may already exist (an attempt
   * can reach the server and lose its answer): the adapter must look before creating.
   */
  attempts: number;
  /** Epoch milliseconds before which no attempt starts. */
  nextAttemptAt: number;
  /** While `sending`: epoch milliseconds after which another tab may take the entry over. */
  leaseUntil?: number;
  /** Why the last attempt failed, as a `HelpdeskError` kind and its technical text. */
  lastError?: { kind: string; message: string };
  /** Epoch milliseconds. */
  createdAt: number;
  /**
   * Epoch milliseconds until which an attempt made so far may still be creating the ticket
   * at the helpdesk, even if the page that made it is gone or gave up waiting.
   */
  busyUntil?: number;
  /** The tab whose form holds the submission (src/store/tab.ts): the one that shows its number once sent. */
  tab?: string;
  /** Once `sent`: the ticket the backend created, and the files it refused. */
  ticket?: { id: string; url?: string; failedAttachments?: { name: string; reason: string }[] };
  /** Once `sent`: epoch milliseconds. */
  sentAt?: number;
}

/** What changed, without the entry itself: listeners read it again (it may hold large files). */
export interface OutboxChange {
  type: 'added' | 'updated' | 'removed';
  id: string;
  backend: string;
}

/** How an attempt ended: the created ticket, or what was thrown (a `HelpdeskError` when the adapter is right). */
export type AttemptOutcome = { ticket: NonNullable<OutboxEntry['ticket']> } | { error: unknown };

/**
 * Thrown by a send function that did not create the ticket because an earlier attempt may
 * still be creating it (`busyUntil` of the claim): looked for, not found yet. The entry
 * waits, and is tried again soon — a lookup again until `until`, a create after.
 */
export class AttemptDeferred extends Error {
  constructor(readonly until: number) {
    super('an earlier attempt may still be creating this ticket');
    this.name = 'AttemptDeferred';
  }
}

/** What a send function learns of the attempts before its own. */
export interface AttemptContext {
  /** Until when an earlier attempt may still be creating the ticket at the helpdesk (epoch ms); undefined when none can. */
  earlierBusyUntil?: number;
}

/** How soon a deferred attempt looks for the ticket again, in milliseconds. */
export const LOOK_AGAIN = 1500;

export interface SendOptions {
  /** The clock, injectable for tests and the fault suite. */
  now?: () => number;
  /** Milliseconds a sender owns an entry before another may take it over. */
  lease?: number;
  /** Backoff after a transient failure (see `retryDelay`); `retryAfter` comes from the error. */
  backoff?: Omit<BackoffOptions, 'retryAfter'>;
  /**
   * Milliseconds after its start during which an attempt may still be creating the ticket at
   * the helpdesk (the adapter's time limits plus a margin), and after its end too when it ended
   * without the helpdesk's answer; 0 for a helpdesk that recognises a submission sent again
   * while the first is being processed.
   */
  window?: number;
}

/** What one `sendDue` round did. */
export interface SendRound<P> {
  /** Entries the backend accepted during this round. */
  sent: OutboxEntry<P>[];
  /** Entries whose attempt failed: `waiting` again (transient) or `failed` (the person must act). */
  failed: OutboxEntry<P>[];
  /** When the next entry of this backend becomes due: the moment to call `sendDue` again. */
  nextAttemptAt?: number;
}

export interface Outbox<P = NewTicket> {
  /**
   * Keeps a submitted ticket. Idempotent on `id`: submitting twice with the
   * same id (double click, two listeners) keeps the first entry and returns it.
   */
  add(submission: { id?: string; backend: string; payload: P; tab?: string }): Promise<OutboxEntry<P>>;
  /** The entries of one backend, oldest first. */
  list(backend: string): Promise<OutboxEntry<P>[]>;
  get(id: string): Promise<OutboxEntry<P> | undefined>;
  /** Changes fields of an entry (never its `id` or `backend`); `undefined` when it is gone. */
  update(id: string, change: Partial<OutboxEntry<P>> | ((entry: OutboxEntry<P>) => OutboxEntry<P>)): Promise<OutboxEntry<P> | undefined>;
  remove(id: string): Promise<void>;
  /**
   * The person does not want it sent: removes it unless it is being sent right
   * now or already sent. Resolves with whether it is gone.
   */
  cancel(id: string): Promise<boolean>;
  /** Makes a `failed` (or `waiting`) entry due now: after the person signed in again or fixed it. */
  retry(id: string): Promise<OutboxEntry<P> | undefined>;
  /**
   * Marks a due entry `sending` for this sender, in one transaction so that
   * two tabs never both get it; `undefined` when it is not due, gone, sent,
   * or being sent under a live lease (unless `takeOver`).
   */
  claim(id: string, options?: { now?: number; lease?: number; takeOver?: boolean; window?: number }): Promise<OutboxEntry<P> | undefined>;
  /**
   * Records how an attempt ended: `sent`, `waiting` with backoff (transient error), or `failed`.
   * `busyUntil`: until when this attempt and the earlier ones may still be at work on the
   * helpdesk (`sendDue` works it out; undefined once nothing can be).
   */
  finish(id: string, outcome: AttemptOutcome, options?: SendOptions & { busyUntil?: number }): Promise<OutboxEntry<P> | undefined>;
  /**
   * Removes a `sent` entry and resolves with it, for the one caller that shows its ticket to
   * the person; `undefined` when another page or tab took it first, or it is not sent.
   */
  take(id: string): Promise<OutboxEntry<P> | undefined>;
  /**
   * Sends every due entry of `backend` through `send`, one at a time, holding
   * the backend's lock; waits for another holder (another tab) to finish first.
   * Calls made while a round is already waiting share that round.
   */
  sendDue(
    backend: string,
    send: (entry: OutboxEntry<P>, context: AttemptContext) => Promise<NonNullable<OutboxEntry['ticket']>>,
    options?: SendOptions,
  ): Promise<SendRound<P>>;
  /** Calls `listener` on every change, from this page or another tab; returns the unsubscribe. */
  watch(listener: (change: OutboxChange) => void): () => void;
  /** The storage under it: `persistent` false means queued tickets do not survive a reload. */
  readonly storage: KeyValueStore;
}

export interface OutboxOptions {
  /** The IndexedDB database, also the name of the BroadcastChannel and of the locks. */
  database?: string;
  storage?: KeyValueStore;
}

/** Long enough for a create with attachments on a slow line (timeouts go up to 2 min per call). */
const DEFAULT_LEASE = 5 * 60_000;

/**
 * A new submission id. `crypto.randomUUID` exists in secure contexts only,
 * and intranets are often plain http: there, the same UUID v4 by hand.
 */
export function newSubmissionId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function createOutbox<P = NewTicket>(options: OutboxOptions = {}): Outbox<P> {
  const { database = 'support-widgets-outbox', storage = createKeyValueStore(database) } = options;
  const listeners = new Set<(change: OutboxChange) => void>();
  /** Per backend, the round waiting for the lock, shared by the calls made meanwhile. */
  const waitingRounds = new Map<string, Promise<SendRound<P>>>();
  let channel: BroadcastChannel | undefined;

  function tell(change: OutboxChange) {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (error) {
        // One element's broken listener must not fail another element's write.
        reportError(error);
      }
    }
  }

  /** The channel to the other tabs; absent where BroadcastChannel is. */
  function tabs() {
    if (!channel && typeof BroadcastChannel === 'function') {
      channel = new BroadcastChannel(database);
      channel.onmessage = ({ data }: MessageEvent<Partial<OutboxChange>>) => {
        const { type, id, backend } = data ?? {};
        if (['added', 'updated', 'removed'].includes(type!) && typeof id === 'string' && typeof backend === 'string') {
          tell({ type: type!, id, backend });
        }
      };
    }
    return channel;
  }

  function announce(type: OutboxChange['type'], entry: OutboxEntry<P> | undefined) {
    if (!entry) return;
    const change = { type, id: entry.id, backend: entry.backend };
    tabs()?.postMessage(change);
    tell(change);
  }

  /** `storage.update` that announces the entry it leaves. */
  async function change(id: string, next: (entry: OutboxEntry<P>) => OutboxEntry<P>) {
    const entry = await storage.update<OutboxEntry<P>>(id, (current) => current && next(current));
    announce('updated', entry);
    return entry;
  }

  const isLiveSending = (entry: OutboxEntry<P>, now: number) => entry.state === 'sending' && (entry.leaseUntil ?? 0) > now;

  const outbox: Outbox<P> = {
    storage,

    async add({ id = newSubmissionId(), backend, payload, tab }) {
      const now = Date.now();
      let created = false;
      const entry = (await storage.update<OutboxEntry<P>>(id, (existing) => {
        created = !existing;
        return (
          existing ?? {
            id,
            backend,
            payload: withoutCredentials(payload),
            state: 'waiting',
            attempts: 0,
            nextAttemptAt: now,
            createdAt: now,
            tab,
          }
        );
      }))!;
      if (created) announce('added', entry);
      return entry;
    },

    async list(backend) {
      const entries = await storage.entries<OutboxEntry<P>>();
      return entries
        .map(([, entry]) => entry)
        .filter((entry) => entry?.backend === backend)
        .sort((a, b) => a.createdAt - b.createdAt);
    },

    get: (id) => storage.get<OutboxEntry<P>>(id),

    update: (id, patch) =>
      change(id, (entry) => (typeof patch === 'function' ? patch(entry) : { ...entry, ...patch, id: entry.id, backend: entry.backend })),

    async remove(id) {
      let removed: OutboxEntry<P> | undefined;
      await storage.update<OutboxEntry<P>>(id, (entry) => {
        removed = entry;
        return undefined;
      });
      announce('removed', removed);
    },

    async cancel(id) {
      const now = Date.now();
      let removed: OutboxEntry<P> | undefined;
      const kept = await storage.update<OutboxEntry<P>>(id, (entry) => {
        removed = undefined;
        if (entry && (entry.state === 'sent' || isLiveSending(entry, now))) return entry;
        removed = entry;
        return undefined;
      });
      announce('removed', removed);
      return !kept;
    },

    retry: (id) =>
      change(id, (entry) =>
        entry.state === 'failed' || entry.state === 'waiting' ? { ...entry, state: 'waiting', nextAttemptAt: Date.now() } : entry,
      ),

    async claim(id, options = {}) {
      return (await claimWithPast(id, options))?.[0];
    },

    finish(id, outcome, { now = Date.now, backoff, busyUntil } = {}) {
      return change(id, (entry) => {
        // Once a ticket exists, nothing may make the entry sendable again.
        if (entry.state === 'sent') return entry;
        const settled = { ...entry, leaseUntil: undefined, busyUntil };
        if ('ticket' in outcome) {
          return { ...settled, state: 'sent', ticket: outcome.ticket, lastError: undefined, busyUntil: undefined, sentAt: now() };
        }
        if (outcome.error instanceof AttemptDeferred) {
          // Nothing went wrong: look again soon, and create once the earlier attempt cannot be running.
          // A look is no attempt: the backoff of a later failure must not grow with them.
          const attempts = Math.max(entry.attempts - 1, 1);
          return { ...settled, state: 'waiting', attempts, nextAttemptAt: Math.min(outcome.error.until, now() + LOOK_AGAIN) };
        }
        const error = toHelpdeskError(outcome.error);
        const lastError = { kind: error.kind, message: error.detail ?? error.message };
        if (!error.transient) return { ...settled, state: 'failed', lastError };
        const delay = retryDelay(entry.attempts, { ...backoff, retryAfter: error.retryAfter });
        return { ...settled, state: 'waiting', lastError, nextAttemptAt: now() + delay };
      });
    },

    async take(id) {
      let taken: OutboxEntry<P> | undefined;
      await storage.update<OutboxEntry<P>>(id, (entry) => {
        taken = entry?.state === 'sent' ? entry : undefined;
        return taken ? undefined : entry;
      });
      announce('removed', taken);
      return taken;
    },

    sendDue(backend, send, options = {}) {
      const queued = waitingRounds.get(backend);
      if (queued) return queued;
      const round = withLock(
        `${database}:${backend}`,
        (acrossTabs) => {
          waitingRounds.delete(backend);
          return sendRound(backend, send, acrossTabs, options);
        },
        { wait: true },
      ).then((result) => (result as { value: SendRound<P> }).value);
      waitingRounds.set(backend, round);
      return round;
    },

    watch(listener) {
      tabs();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  /**
   * Marks a due entry `sending` (see `claim`) and opens its attempt's busy window; resolves
   * with the claimed entry and the `busyUntil` the attempts before it left.
   */
  async function claimWithPast(
    id: string,
    { now = Date.now(), lease = DEFAULT_LEASE, takeOver = false, window = 0 }: { now?: number; lease?: number; takeOver?: boolean; window?: number },
  ): Promise<[OutboxEntry<P>, number | undefined] | undefined> {
    let claimed: [OutboxEntry<P>, number | undefined] | undefined;
    await storage.update<OutboxEntry<P>>(id, (entry) => {
      claimed = undefined;
      if (!entry) return entry;
      const due = entry.state === 'waiting' && entry.nextAttemptAt <= now;
      // A `sending` entry nobody can still be sending: its tab crashed or closed mid-way.
      const orphan = entry.state === 'sending' && (takeOver || !isLiveSending(entry, now));
      if (!due && !orphan) return entry;
      const earlier = entry.busyUntil !== undefined && entry.busyUntil > now ? entry.busyUntil : undefined;
      const busyUntil = window > 0 ? Math.max(earlier ?? 0, now + window) : earlier;
      claimed = [{ ...entry, state: 'sending', attempts: entry.attempts + 1, leaseUntil: now + lease, busyUntil }, earlier];
      return claimed[0];
    });
    announce('updated', claimed?.[0]);
    return claimed;
  }

  async function sendRound(
    backend: string,
    send: (entry: OutboxEntry<P>, context: AttemptContext) => Promise<NonNullable<OutboxEntry['ticket']>>,
    acrossTabs: boolean,
    { now = Date.now, lease = DEFAULT_LEASE, backoff, window }: SendOptions,
  ): Promise<SendRound<P>> {
    const round: SendRound<P> = { sent: [], failed: [] };
    const tried = new Set<string>();
    for (;;) {
      const time = now();
      // Listed again after each attempt: entries added meanwhile go in this round too.
      const next = (await outbox.list(backend)).find(
        (entry) =>
          !tried.has(entry.id) &&
          ((entry.state === 'waiting' && entry.nextAttemptAt <= time) || (entry.state === 'sending' && (acrossTabs || !isLiveSending(entry, time)))),
      );
      if (!next) break;
      tried.add(next.id);
      // Holding a lock that spans the tabs, any `sending` entry is an orphan: take it over.
      const claim = await claimWithPast(next.id, { now: time, lease, takeOver: acrossTabs, window });
      if (!claim) continue;
      const [claimed, earlierBusyUntil] = claim;
      let outcome: AttemptOutcome;
      try {
        outcome = { ticket: await send(claimed, { earlierBusyUntil }) };
      } catch (error) {
        outcome = { error };
      }
      // This attempt may still be at work on the helpdesk only if it ended without the helpdesk's own answer;
      // then for a window from now, not only from its start: its last call (the create, after a sign-in and
      // files) may have left just before it gave up, however long the calls before it took.
      const stillRunning = 'error' in outcome && !(outcome.error instanceof AttemptDeferred) && toHelpdeskError(outcome.error).mayStillRun;
      const busyUntil = stillRunning && window ? Math.max(claimed.busyUntil ?? 0, now() + window) : earlierBusyUntil;
      const finished = await outbox.finish(next.id, outcome, { now, backoff, busyUntil });
      if (finished && !('error' in outcome && outcome.error instanceof AttemptDeferred)) {
        (finished.state === 'sent' ? round.sent : round.failed).push(finished);
      }
    }
    const pending = (await outbox.list(backend)).flatMap((entry) =>
      entry.state === 'waiting' ? [entry.nextAttemptAt] : entry.state === 'sending' ? [entry.leaseUntil ?? 0] : [],
    );
    if (pending.length > 0) round.nextAttemptAt = Math.min(...pending);
    return round;
  }

  return outbox;
}

let shared: Outbox | undefined;

/** The page's outbox: one memory fallback, one channel and one waiting round for every element of the page. */
export const outbox = (): Outbox => (shared ??= createOutbox());
