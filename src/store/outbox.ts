/**
 * The outbox: tickets the person submitted that no backend has accepted yet.
 * A ticket is written here before it is sent, so a crash, a reload, an
 * offline laptop or a failing helpdesk loses nothing, and it is sent exactly
 * once: one submission id from the first click on, one sender at a time
 * across tabs (a lock, and a lease on the entry being sent), and a sent entry
 * that never goes back to waiting. Every change is announced in the page and
 * to the other tabs, so each element shows the same states.
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
  /** Once `sent`: the ticket the backend created. */
  ticket?: { id: string; url?: string };
}

/** What changed, without the entry itself: listeners read it again (it may hold large files). */
export interface OutboxChange {
  type: 'added' | 'updated' | 'removed';
  id: string;
  backend: string;
}

/** How an attempt ended: the created ticket, or what was thrown (a `HelpdeskError` when the adapter is right). */
export type AttemptOutcome = { ticket: { id: string; url?: string } } | { error: unknown };

export interface SendOptions {
  /** The clock, injectable for tests and the fault suite. */
  now?: () => number;
  /** Milliseconds a sender owns an entry before another may take it over. */
  lease?: number;
  /** Backoff after a transient failure (see `retryDelay`); `retryAfter` comes from the error. */
  backoff?: Omit<BackoffOptions, 'retryAfter'>;
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
  add(submission: { id?: string; backend: string; payload: P }): Promise<OutboxEntry<P>>;
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
  claim(id: string, options?: { now?: number; lease?: number; takeOver?: boolean }): Promise<OutboxEntry<P> | undefined>;
  /** Records how an attempt ended: `sent`, `waiting` with backoff (transient error), or `failed`. */
  finish(id: string, outcome: AttemptOutcome, options?: SendOptions): Promise<OutboxEntry<P> | undefined>;
  /**
   * Sends every due entry of `backend` through `send`, one at a time, holding
   * the backend's lock; waits for another holder (another tab) to finish first.
   * Calls made while a round is already waiting share that round.
   */
  sendDue(backend: string, send: (entry: OutboxEntry<P>) => Promise<{ id: string; url?: string }>, options?: SendOptions): Promise<SendRound<P>>;
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

    async add({ id = newSubmissionId(), backend, payload }) {
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

    async claim(id, { now = Date.now(), lease = DEFAULT_LEASE, takeOver = false } = {}) {
      let claimed: OutboxEntry<P> | undefined;
      await storage.update<OutboxEntry<P>>(id, (entry) => {
        claimed = undefined;
        if (!entry) return entry;
        const due = entry.state === 'waiting' && entry.nextAttemptAt <= now;
        // A `sending` entry nobody can still be sending: its tab crashed or closed mid-way.
        const orphan = entry.state === 'sending' && (takeOver || !isLiveSending(entry, now));
        if (!due && !orphan) return entry;
        claimed = { ...entry, state: 'sending', attempts: entry.attempts + 1, leaseUntil: now + lease };
        return claimed;
      });
      announce('updated', claimed);
      return claimed;
    },

    finish(id, outcome, { now = Date.now, backoff } = {}) {
      return change(id, (entry) => {
        // Once a ticket exists, nothing may make the entry sendable again.
        if (entry.state === 'sent') return entry;
        const settled = { ...entry, leaseUntil: undefined };
        if ('ticket' in outcome) return { ...settled, state: 'sent', ticket: outcome.ticket, lastError: undefined };
        const error = toHelpdeskError(outcome.error);
        const lastError = { kind: error.kind, message: error.detail ?? error.message };
        if (!error.transient) return { ...settled, state: 'failed', lastError };
        const delay = retryDelay(entry.attempts, { ...backoff, retryAfter: error.retryAfter });
        return { ...settled, state: 'waiting', lastError, nextAttemptAt: now() + delay };
      });
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

  async function sendRound(
    backend: string,
    send: (entry: OutboxEntry<P>) => Promise<{ id: string; url?: string }>,
    acrossTabs: boolean,
    { now = Date.now, lease = DEFAULT_LEASE, backoff }: SendOptions,
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
      const claimed = await outbox.claim(next.id, { now: time, lease, takeOver: acrossTabs });
      if (!claimed) continue;
      let outcome: AttemptOutcome;
      try {
        outcome = { ticket: await send(claimed) };
      } catch (error) {
        outcome = { error };
      }
      const finished = await outbox.finish(next.id, outcome, { now, backoff });
      if (finished) (finished.state === 'sent' ? round.sent : round.failed).push(finished);
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
