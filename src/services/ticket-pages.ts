/**
 * Reads a person's whole ticket list, page by page, in time that grows with the list:
 * the first page alone (it says how many there are, when the helpdesk tells), then the
 * others a few at a time. A helpdesk that answers 429 slows every reader down for as long
 * as it asks (`Retry-After`), then the page is asked again. A helpdesk that gives no total
 * (Zammad's walk, Freshdesk's links) is read one page after another, as each says whether
 * more follow.
 */
import { isHelpdeskError } from '../core/errors.js';
import { retryDelay } from '../core/retry.js';
import type { TicketPage, TicketPageQuery, TicketScope } from '../core/ticket.js';
import type { CallOptions } from '../backends/types.js';

export interface ReadPagesOptions {
  scope: TicketScope;
  /** Rows asked per page (`tickets.pageSize`). */
  limit: number;
  signal: AbortSignal;
  /** Pages asked at once once the total is known. */
  concurrency?: number;
  /** Pages read at most; past that the read stops and says so (`cut`). */
  maxPages?: number;
  /** Each page as it arrives, with its rank in the list (0 for the newest); not in rank order. */
  onPage(page: TicketPage, rank: number): void;
}

/** Pages asked at once by default: enough to hide each answer's latency, few enough for a shared helpdesk. */
export const PAGES_AT_ONCE = 4;
/** Times one page is asked again after a 429, before the read fails with it. */
const RATE_LIMIT_RETRIES = 5;

type ListTickets = (query: TicketPageQuery, options?: CallOptions) => Promise<TicketPage>;

/** Resolves when every page is read: `cut` when pages remained past `maxPages`. Rejects with the first failure. */
export async function readTicketPages(list: ListTickets, options: ReadPagesOptions): Promise<{ cut: boolean }> {
  const { scope, limit, signal, concurrency = PAGES_AT_ONCE, maxPages = 1000, onPage } = options;
  /** Until when every reader waits: the helpdesk asked to slow down. */
  let pausedUntil = 0;

  const page = async (start: number): Promise<TicketPage> => {
    for (let attempt = 1; ; attempt++) {
      const wait = pausedUntil - Date.now();
      if (wait > 0) await sleep(wait, signal);
      try {
        return await list({ scope, start, limit }, { signal });
      } catch (error) {
        if (!isHelpdeskError(error) || error.kind !== 'rate-limited' || attempt > RATE_LIMIT_RETRIES || signal.aborted) throw error;
        pausedUntil = Math.max(pausedUntil, Date.now() + retryDelay(attempt, { base: 1000, cap: 30_000, retryAfter: error.retryAfter }));
      }
    }
  };

  const first = await page(0);
  onPage(first, 0);
  if (!first.more || !first.tickets.length) return { cut: false };
  const size = first.tickets.length;

  // The total is known: every page's start is too, so several can be asked at once.
  let rank = 1;
  if (first.total !== undefined) {
    const planned = Math.min(Math.ceil(first.total / size), maxPages);
    let next = 1;
    let last: TicketPage = first;
    const reader = async () => {
      while (next < planned) {
        const mine = next++;
        const answer = await page(mine * size);
        if (signal.aborted) return;
        onPage(answer, mine);
        if (mine === planned - 1) last = answer;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, planned - 1)) }, reader));
    // Tickets opened while it was read make the list longer than planned: go on one page at a time.
    if (!last.more || !last.tickets.length) return { cut: false };
    rank = planned;
  }

  // One page after the other, each saying whether more follow.
  for (let start = rank * size; ; rank++) {
    if (rank >= maxPages) return { cut: true };
    const answer = await page(start);
    if (signal.aborted) return { cut: false };
    onPage(answer, rank);
    if (!answer.more || !answer.tickets.length) return { cut: false };
    start += answer.tickets.length;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
