/**
 * Finding tickets in the list as the person types: by number ("4312", "#4312") or by
 * words of the title, accents and case ignored, every word required. Each ticket's
 * searchable text is prepared once, so a keystroke over 10,000 tickets is one pass of
 * `includes` calls.
 */
import type { StatusGroup, TicketSummary } from './ticket.js';
import { fold } from './text.js';

export interface SearchableTicket {
  ticket: TicketSummary;
  /** Title, folded: lower case without accents. */
  text: string;
}

export interface TicketFilter {
  /** Only this status group; every group when undefined. */
  group?: StatusGroup;
  /** What the person typed in the search box. */
  query?: string;
}

export { fold } from './text.js';

/** The list's order: newest activity first, then highest number. */
const newestFirst = (a: SearchableTicket, b: SearchableTicket) =>
  b.ticket.updatedAt.getTime() - a.ticket.updatedAt.getTime() || Number(b.ticket.id) - Number(a.ticket.id);

/** Newest activity first, then highest number; prepared for `filterTickets`. */
export function indexTickets(tickets: readonly TicketSummary[]): SearchableTicket[] {
  return tickets.map((ticket) => ({ ticket, text: fold(ticket.title) })).sort(newestFirst);
}

/**
 * The list being read, page by page, in the list's order and each ticket once: only the
 * new page is prepared and merged in one pass, so reading a list costs in proportion to
 * its length. A ticket met twice (updated while the pages were read, it moved up) keeps
 * its newer copy.
 */
export class TicketIndex {
  /** Every ticket read, newest activity first; a new array after each `add`. */
  entries: SearchableTicket[] = [];
  readonly #updatedAt = new Map<string, number>();

  /** Adds tickets — one page, or several that came in the same frame. */
  add(tickets: readonly TicketSummary[]): SearchableTicket[] {
    const newest = new Map<string, TicketSummary>();
    for (const ticket of tickets) {
      const met = newest.get(ticket.id);
      if (!met || ticket.updatedAt > met.updatedAt) newest.set(ticket.id, ticket);
    }
    const moved = new Set<string>();
    const fresh: TicketSummary[] = [];
    for (const ticket of newest.values()) {
      const known = this.#updatedAt.get(ticket.id);
      const time = ticket.updatedAt.getTime();
      if (known !== undefined && time <= known) continue;
      if (known !== undefined) moved.add(ticket.id);
      this.#updatedAt.set(ticket.id, time);
      fresh.push(ticket);
    }
    const page = indexTickets(fresh);
    const kept = moved.size ? this.entries.filter((entry) => !moved.has(entry.ticket.id)) : this.entries;
    // Pages come newest first: usually the whole page goes after what is there.
    if (!kept.length || !page.length || newestFirst(kept[kept.length - 1]!, page[0]!) <= 0) return (this.entries = kept.concat(page));
    const merged: SearchableTicket[] = [];
    let i = 0;
    let j = 0;
    while (i < kept.length && j < page.length) merged.push(newestFirst(kept[i]!, page[j]!) <= 0 ? kept[i++]! : page[j++]!);
    return (this.entries = merged.concat(kept.slice(i), page.slice(j)));
  }
}

/** The ticket number a query names, if it is one: "4312", "#4312", "n° 4312". */
export function ticketNumberIn(query: string): string | undefined {
  return /^\s*(?:#|n°\s*|no\.?\s*)?(\d+)\s*$/i.exec(query)?.[1];
}

/**
 * The tickets of `index` that match, in the index's order. A number matches tickets
 * whose id starts with it (the person may still be typing it) and titles containing it.
 */
export function filterTickets(index: readonly SearchableTicket[], filter: TicketFilter): TicketSummary[] {
  return matching(index, filter).map((entry) => entry.ticket);
}

function matching(entries: readonly SearchableTicket[], { group, query = '' }: TicketFilter): SearchableTicket[] {
  // "#" or "n°" alone: a number is being typed, nothing to look for yet.
  const words = fold(query)
    .split(/[\s,;]+/)
    .filter((word) => word && !/^(#|n°|no\.)$/.test(word));
  const number = ticketNumberIn(query);
  return entries.filter(
    ({ ticket, text }) => (!group || ticket.status.group === group) && ((number && ticket.id.startsWith(number)) || words.every((word) => text.includes(word))),
  );
}

/** Searches remembered per index and group: those a person erases back to, and those a longer one narrows. */
const REMEMBERED = 12;

/**
 * `filterTickets` for a person typing: a search that only adds to an earlier one ("imp" →
 * "impr", "ticket" → "ticket 9") looks among what that one found, not the whole list, and
 * a search erased back to is not done again. Results are the same as `filterTickets`.
 */
export class TicketFinder {
  #index?: readonly SearchableTicket[];
  #group?: StatusGroup;
  /** By search, as typed and folded: what it found. */
  readonly #found = new Map<string, { entries: SearchableTicket[]; tickets: TicketSummary[] }>();

  find(index: readonly SearchableTicket[], { group, query = '' }: TicketFilter): TicketSummary[] {
    if (index !== this.#index || group !== this.#group) {
      this.#index = index;
      this.#group = group;
      this.#found.clear();
    }
    const key = fold(query).replace(/\s+/g, ' ').trim();
    let found = this.#found.get(key);
    if (found) {
      this.#found.delete(key);
    } else {
      let among: readonly SearchableTicket[] = index;
      let longest = -1;
      for (const [earlier, result] of this.#found) {
        if (earlier.length > longest && narrows(earlier, key)) [among, longest] = [result.entries, earlier.length];
      }
      const entries = matching(among, { group, query });
      found = { entries, tickets: entries.map((entry) => entry.ticket) };
      if (this.#found.size >= REMEMBERED) this.#found.delete(this.#found.keys().next().value!);
    }
    this.#found.set(key, found);
    return found.tickets;
  }
}

/**
 * Whether every ticket `later` finds is among those `earlier` found: it only adds to it,
 * and does not turn into a ticket number ("no" → "no 4" finds ticket 4 whatever its title).
 */
function narrows(earlier: string, later: string): boolean {
  return later.startsWith(earlier) && (ticketNumberIn(later) === undefined || ticketNumberIn(earlier) !== undefined);
}

/** How many tickets of `index` fall in each group, for the filter's labels. */
export function countByGroup(index: readonly SearchableTicket[]): Record<StatusGroup, number> {
  const counts: Record<StatusGroup, number> = { open: 0, waiting: 0, solved: 0, closed: 0 };
  for (const { ticket } of index) counts[ticket.status.group]++;
  return counts;
}
