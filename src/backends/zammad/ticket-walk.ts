/**
 * Reading Zammad's ticket list newest first, one page at a time, reading only the pages
 * asked for.
 *
 * What Zammad gives (6.6.x, develop at bfa96f03, `VERSION` 6.6.x):
 * `app/controllers/tickets_controller.rb#index` answers what `TicketPolicy::ReadScope` lets
 * the person see, `reorder(id: :asc)`, with no sort parameter and no total;
 * `app/controllers/concerns/can_paginate/pagination.rb` reads `page` (from 1) and `per_page`
 * (or `limit`), capped at 100 here (`paginate_with(max: 100)`), as `offset((page - 1) * limit)`.
 * Zammad itself sets no last page: the 20 000 rows this adapter used to stop at silently were
 * its own bound (200 pages of 100), not Zammad's.
 *
 * Ids grow with each new ticket, so the newest tickets are on the last page. The walk finds
 * that page without reading the ones before it: page 1 (read in full, as a short first page
 * is the whole list for most people), page 2 likewise, then pages 4, 8, 16… asked for one row
 * each (`per_page=1`, `page=(p - 1) × 100 + 1` is the first row of page p) until one is empty,
 * and a bisection between the last page found and the first missing. Then it reads back from
 * there, a page each time the caller needs more. Tickets opened after the walk began (ids
 * above the newest it saw) wait for the next walk; a ticket removed meanwhile shifts rows
 * towards page 1, where they are met again and skipped as already seen.
 */
import * as z from 'zod/mini';
import { HelpdeskError } from '../../core/errors.js';
import type { ZammadTicket } from './answers.js';

/** TicketsController#index gives at most 100 tickets a page. */
export const ZAMMAD_PAGE = 100;
/** 2^20 pages of 100 (a hundred million tickets): a list still going past that never ends. */
const MAX_PAGE = 2 ** 20;

/** A row of `GET /tickets` without `expand`: its id is all a probe needs. */
export const ticketProbe = z.array(z.looseObject({ id: z.number() }));

export interface TicketPages {
  /** One page of 100, with the names of what ids point to. */
  page(number: number): Promise<ZammadTicket[]>;
  /** The ids of `per_page` rows of page `number` (probes ask for one). */
  probe(number: number, perPage: number): Promise<{ id: number }[]>;
}

export class TicketWalk {
  /** What was read, newest first (by id), each ticket once. */
  readonly tickets: ZammadTicket[] = [];
  /** Rows the list had when the walk began (up to the newest ticket it saw). */
  count = 0;
  /** The next page to read, going back; 0 once page 1 was read. */
  next = 0;
  #newest = 0;
  #seen = new Set<number>();
  /** Pages read while finding the end, kept for when the walk comes back to them. */
  #read = new Map<number, ZammadTicket[]>();
  #reading?: Promise<void>;

  constructor(private readonly pages: TicketPages) {}

  get done(): boolean {
    return this.next === 0;
  }

  /** Finds the last page and takes its tickets. */
  async open(): Promise<void> {
    const first = await this.#page(1);
    if (first.length < ZAMMAD_PAGE) return this.#start(1, first);
    const second = await this.#page(2);
    this.#check(second, first, 2);
    if (second.length < ZAMMAD_PAGE) return this.#start(2, second);
    // Pages 1 and 2 are full: double until a page is empty, then bisect.
    let found = 2;
    let missing = 0;
    for (let page = 4; !missing; page *= 2) {
      if (page > MAX_PAGE) throw new HelpdeskError('bad-response', { detail: `GET /tickets still answers rows on page ${MAX_PAGE} of ${ZAMMAD_PAGE}: its pages never end` });
      if (await this.#exists(page, first)) found = page;
      else missing = page;
    }
    while (missing - found > 1) {
      const middle = Math.floor((found + missing) / 2);
      if (await this.#exists(middle, first)) found = middle;
      else missing = middle;
    }
    let last = await this.#page(found);
    this.#check(last, first, found);
    // Emptied since it was probed (tickets removed): the page before it is full.
    if (!last.length) last = await this.#page(--found);
    this.#start(found, last);
  }

  /** Reads the next page back; nothing once page 1 was read. Two callers at once share one read. */
  more(): Promise<void> {
    return (this.#reading ??= this.#readNext().finally(() => (this.#reading = undefined)));
  }

  async #readNext(): Promise<void> {
    if (this.done) return;
    const number = this.next;
    const rows = await this.#page(number);
    this.next = number - 1;
    this.#take(rows);
  }

  async #page(number: number): Promise<ZammadTicket[]> {
    const kept = this.#read.get(number);
    if (kept) {
      this.#read.delete(number);
      return kept;
    }
    const rows = await this.pages.page(number);
    if (number <= 2) this.#read.set(number, rows);
    return rows;
  }

  #start(last: number, rows: ZammadTicket[]): void {
    this.count = (last - 1) * ZAMMAD_PAGE + rows.length;
    this.#newest = Math.max(0, ...rows.map((row) => row.id));
    this.next = last - 1;
    this.#take(rows);
  }

  #take(rows: readonly ZammadTicket[]): void {
    const fresh = rows.filter((row) => row.id <= this.#newest && !this.#seen.has(row.id)).sort((a, b) => b.id - a.id);
    for (const row of fresh) this.#seen.add(row.id);
    this.tickets.push(...fresh);
  }

  /** Whether page `number` of 100 has a row, asked as one row. */
  async #exists(number: number, first: readonly ZammadTicket[]): Promise<boolean> {
    const rows = await this.pages.probe((number - 1) * ZAMMAD_PAGE + 1, 1);
    if (rows.length > 1) throw new HelpdeskError('bad-response', { detail: `GET /tickets answered ${rows.length} rows for per_page=1: paging is not passed on to Zammad` });
    this.#check(rows, first, number);
    return rows.length === 1;
  }

  /** A page that starts with page 1's first row means `page` did not reach Zammad (a proxy, a cache). */
  #check(rows: readonly { id: number }[], first: readonly ZammadTicket[], number: number): void {
    if (number > 1 && rows.length && rows[0].id === first[0]?.id) {
      throw new HelpdeskError('bad-response', { detail: `GET /tickets answered page ${number} with page 1's rows: paging is not passed on to Zammad` });
    }
  }
}
