import { expect } from '@open-wc/testing';
import { HelpdeskError } from '../../src/core/errors.js';
import type { TicketPage, TicketPageQuery, TicketSummary } from '../../src/core/ticket.js';
import { readTicketPages } from '../../src/services/ticket-pages.js';

const summary = (n: number): TicketSummary => ({
  id: String(n),
  title: `Ticket ${n}`,
  status: { group: 'open', code: '1', label: 'New' },
  openedAt: new Date(2026, 0, 1),
  updatedAt: new Date(2026, 0, 1, 0, 0, 100_000 - n),
});

/**
 * A helpdesk of `count` tickets answering pages after `delay` ms, like GLPI's range:
 * at most `max` rows whatever is asked, the total when `withTotal`. Records what was asked
 * and how many requests were under way at most.
 */
function helpdesk(count: number, { withTotal = true, max = Infinity, delay = 5 } = {}) {
  let inFlight = 0;
  const seen = { starts: [] as number[], most: 0, count };
  const list = async ({ start, limit }: TicketPageQuery): Promise<TicketPage> => {
    seen.starts.push(start);
    seen.most = Math.max(seen.most, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, delay));
    inFlight--;
    const rows = Array.from({ length: Math.max(0, Math.min(limit, max, seen.count - start)) }, (_, i) => summary(start + i + 1));
    return { tickets: rows, total: withTotal ? seen.count : undefined, more: start + rows.length < seen.count };
  };
  return { list, seen };
}

async function readAll(list: (query: TicketPageQuery) => Promise<TicketPage>, options: { limit?: number; maxPages?: number; concurrency?: number } = {}) {
  const ranks: number[] = [];
  const ids: string[] = [];
  const result = await readTicketPages(list, {
    scope: 'mine',
    limit: options.limit ?? 100,
    maxPages: options.maxPages,
    concurrency: options.concurrency,
    signal: new AbortController().signal,
    onPage: (page, rank) => {
      ranks.push(rank);
      ids.push(...page.tickets.map((t) => t.id));
    },
  });
  return { ...result, ranks, ids };
}

describe('reading the ticket list', () => {
  it('asks the first page alone, then the others a few at a time once the total is known', async () => {
    const { list, seen } = helpdesk(1050);
    const { ranks, ids, cut } = await readAll(list);
    expect(seen.starts[0]).to.equal(0);
    expect([...seen.starts].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 11 }, (_, i) => i * 100));
    expect(seen.most).to.equal(4);
    expect(ranks[0]).to.equal(0);
    expect([...ranks].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 11 }, (_, i) => i));
    expect(new Set(ids).size).to.equal(1050);
    expect(cut).to.equal(false);
  });

  it('follows the page size the helpdesk gives, not the one asked', async () => {
    const { list, seen } = helpdesk(250, { max: 50 });
    const { ids } = await readAll(list);
    expect([...seen.starts].sort((a, b) => a - b)).to.deep.equal([0, 50, 100, 150, 200]);
    expect(new Set(ids).size).to.equal(250);
  });

  it('reads one page after the other when the helpdesk gives no total', async () => {
    const { list, seen } = helpdesk(250, { withTotal: false });
    const { ranks } = await readAll(list);
    expect(seen.starts).to.deep.equal([0, 100, 200]);
    expect(seen.most).to.equal(1);
    expect(ranks).to.deep.equal([0, 1, 2]);
  });

  it('goes on when tickets were opened while the list was read', async () => {
    const { list, seen } = helpdesk(200);
    const growing = async (query: TicketPageQuery) => {
      const page = await list(query);
      if (query.start === 0) seen.count = 330;
      return page;
    };
    const { ids } = await readAll(growing);
    expect(new Set(ids).size).to.equal(330);
  });

  it('stops at the most pages it reads and says the list is cut', async () => {
    const { list, seen } = helpdesk(1000);
    const { cut, ids } = await readAll(list, { limit: 10, maxPages: 20 });
    expect(cut).to.equal(true);
    expect(ids).to.have.length(200);
    expect(seen.starts).to.have.length(20);
  });

  it('slows down when the helpdesk answers 429, for as long as it asks, and asks the page again', async () => {
    const { list } = helpdesk(300);
    const times: number[] = [];
    let refused = false;
    const limited = async (query: TicketPageQuery) => {
      times.push(performance.now());
      if (query.start === 100 && !refused) {
        refused = true;
        throw new HelpdeskError('rate-limited', { status: 429, retryAfter: 1 });
      }
      return list(query);
    };
    const started = performance.now();
    const { ids } = await readAll(limited, { concurrency: 1 });
    expect(new Set(ids).size).to.equal(300);
    // The page refused, and the next one, waited the second asked.
    expect(times.slice(2).every((time) => time - started >= 1000)).to.equal(true);
  });

  it('fails with the first error that is not a rate limit', async () => {
    const { list } = helpdesk(300);
    const failing = async (query: TicketPageQuery) => {
      if (query.start === 200) throw new HelpdeskError('server', { status: 500 });
      return list(query);
    };
    let caught: unknown;
    await readAll(failing).catch((error: unknown) => (caught = error));
    expect((caught as HelpdeskError).kind).to.equal('server');
  });
});
