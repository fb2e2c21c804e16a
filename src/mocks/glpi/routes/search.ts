/**
 * `GET /search/Ticket` (BACKENDS.md §1.5 option B) and `GET /search/KnowbaseItem` (its table in
 * knowbase.ts), the search engine as `searchItems`
 * exposes it: `criteria[i][link|field|searchtype|value]` (nested `criteria` too, AND
 * binding tighter than OR as in SQL), `forcedisplay[]`, `sort`, `order`, `range`,
 * `uid_cols`, `withindexes`. Rows are limited to the tickets the person may see.
 *
 * Values are the engine's raw ones: a user column holds user *ids* (GROUP_CONCAT of
 * ids), several values make a list. With `uid_cols` the keys are search options' uids,
 * and options sharing one (4 requester, 5 technician: both `Ticket.Ticket_User.User.name`)
 * overwrite each other, the later column winning, as PHP's array_combine does. Without
 * `forcedisplay`, the columns are GLPI's default display preferences for tickets.
 */
import { rightsOf, seesTicket } from '../itil.js';
import { asAnswered, isRecord, isSet, parseRange, phpQuery, toInt } from '../protocol.js';
import { param, type FakeCall, type Route } from '../route.js';
import { ENTITY_NAME } from '../rows.js';
import type { FakeUser } from '../seed.js';
import type { FakeTicket, GlpiFakeState } from '../state.js';
import { knowbaseTable } from './knowbase.js';
import { compare } from './tickets.js';

export const searchRoutes: Route[] = [{ method: 'get', path: 'search/:itemtype', handle: search }];

type Kind = 'text' | 'number' | 'user' | 'status' | 'date';

export interface SearchOption<T> {
  uid: string;
  kind: Kind;
  value(item: T, state: GlpiFakeState): unknown;
  /**
   * Text compared as MySQL's `utf8mb4_unicode_ci` compares it, accents and case aside: the collation of
   * GLPI's tables (`install/mysql/glpi-empty.sql` of 10.0.17, e.g. line 3919). Ticket options keep the
   * fake's older case-only comparison.
   */
  folded?: boolean;
}

/** One itemtype the fake searches: its options, and what the person may find of it. */
export interface SearchTable<T extends { id: number }> {
  itemtype: string;
  /** The options of the fake's version, by id. */
  options: Record<number, SearchOption<T>>;
  /** Options the person may not search (400 "Forbidden field ID in search criteria"). */
  nosearch(id: number): boolean;
  /** The items the engine's default restriction leaves to the person, or GLPI's refusal. */
  rows(): T[] | Response;
  /** The columns of an answer, before those the fake does not know are dropped. */
  columns(forced: number[], criteriaFields: number[], sort: number): number[];
  /** The sort when none is asked. */
  defaultSort: number;
}

const OPTIONS: Record<number, SearchOption<FakeTicket>> = {
  1: { uid: 'Ticket.name', kind: 'text', value: (t, state) => asAnswered(state.version, t.name) },
  2: { uid: 'Ticket.id', kind: 'number', value: (t) => t.id },
  3: { uid: 'Ticket.priority', kind: 'number', value: (t) => t.urgency },
  4: { uid: 'Ticket.Ticket_User.User.name', kind: 'user', value: (t) => t.requester || null },
  5: { uid: 'Ticket.Ticket_User.User.name', kind: 'user', value: (t) => t.technician ?? null },
  7: {
    uid: 'Ticket.ITILCategory.completename',
    kind: 'text',
    value: (t, state) => state.categories.find((category) => category.id === t.itilcategories_id)?.completename ?? null,
  },
  10: { uid: 'Ticket.urgency', kind: 'number', value: (t) => t.urgency },
  12: { uid: 'Ticket.status', kind: 'status', value: (t) => t.status },
  14: { uid: 'Ticket.type', kind: 'number', value: (t) => t.type },
  15: { uid: 'Ticket.date', kind: 'date', value: (t) => t.date },
  16: { uid: 'Ticket.closedate', kind: 'date', value: (t) => t.closedate },
  17: { uid: 'Ticket.solvedate', kind: 'date', value: (t) => t.solvedate },
  19: { uid: 'Ticket.date_mod', kind: 'date', value: (t) => t.date_mod },
  21: { uid: 'Ticket.content', kind: 'text', value: (t, state) => asAnswered(state.version, t.content) },
  // The writer: a plain (not grouped) user column gives the login.
  22: { uid: 'Ticket.User.name', kind: 'text', value: (t, state) => asAnswered(state.version, state.user(t.users_id_recipient)?.name ?? '') },
  80: { uid: 'Ticket.Entity.completename', kind: 'text', value: () => ENTITY_NAME },
  // GLPI 11 only: `Ticket::rawSearchOptions` of 11 declares 87 "External ID" right after
  // getSearchOptionsMain(), hence in the 'common' section a helpdesk session keeps; 10.0.11's has no
  // option 87 (`src/Ticket.php` line 3060), and the API refuses it (see optionsOf).
  87: { uid: 'Ticket.externalid', kind: 'text', value: (t) => t.externalid },
};

/**
 * The options of the fake's version. On 10, `API::searchItems` answers an option that does not
 * exist with 400 "Bad field ID in search criteria" (`src/Api/API.php` lines 1609-1613 of 10.0.11).
 */
const optionsOf = (state: GlpiFakeState): Record<number, SearchOption<FakeTicket>> => {
  if (state.version === 11) return OPTIONS;
  return Object.fromEntries(Object.entries(OPTIONS).filter(([id]) => id !== '87'));
};

/**
 * Options a helpdesk (Self-Service) session may not search: `Ticket::rawSearchOptions` marks `nosearch`
 * every option outside the 'common', 'requester' and 'satisfaction' sections (`src/Ticket.php` lines
 * 3657-3685 of 10.0.11; the same block in 11), and `API::searchItems` refuses them (`src/Api/API.php`
 * lines 1616-1621). Of the fake's options, 5 (technician) is in the 'assign' section
 * (`CommonITILObject::getSearchOptionsActors`, `src/CommonITILObject.php` line 4520).
 */
const HELPDESK_NOSEARCH = [5];

/** GLPI's default display preferences for tickets, used when `forcedisplay` is absent. */
const DISPLAY_PREFERENCES = [12, 19, 15, 3, 4, 5, 7];

/** The status search's pseudo-values. */
const STATUS_SETS: Record<string, number[]> = {
  all: [1, 2, 3, 4, 5, 6, 10],
  notold: [1, 2, 3, 4, 10],
  notclosed: [1, 2, 3, 4, 5, 10],
  old: [5, 6],
  process: [2, 3],
};

type Test<T> = (item: T) => boolean;

/** Tickets: the ones the person may see (Ticket::canViewItem as the default restriction). */
function ticketTable(state: GlpiFakeState, user: FakeUser): SearchTable<FakeTicket> {
  return {
    itemtype: 'Ticket',
    options: optionsOf(state),
    nosearch: (id) => HELPDESK_NOSEARCH.includes(id) && !rightsOf(user).central,
    rows: () => state.tickets.filter((ticket) => seesTicket(user, ticket)),
    columns: (forced, criteriaFields) => [1, 80, ...(forced.length ? forced : [...DISPLAY_PREFERENCES, ...criteriaFields]), 2],
    defaultSort: 1,
  };
}

function search(call: FakeCall): Response {
  const { state, session, api } = call;
  const user = state.userOf(session);
  const itemtype = param(call, 'itemtype');
  if (itemtype === 'Ticket') return searchIn(call, ticketTable(state, user));
  if (itemtype === 'KnowbaseItem') return searchIn(call, knowbaseTable(state, user, api));
  return api.error('ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM', 400, 'The fake GLPI searches tickets and knowledge base articles only');
}

function searchIn<T extends { id: number }>(call: FakeCall, table: SearchTable<T>): Response {
  const { request, state, session, api } = call;
  const params = phpQuery(new URL(request.url).searchParams);
  const user = state.userOf(session);
  const { options } = table;
  const visible = table.rows();
  if (visible instanceof Response) return visible;

  const test = isSet(params.criteria) ? criteriaTest(params.criteria, user, state, table) : () => true;
  if (typeof test === 'string') return api.badRequest(test);
  const forced = listOf(params.forcedisplay).map(Number);
  const unknown = forced.find((id) => !options[id]);
  if (unknown !== undefined) return api.badRequest(`The fake GLPI has no search option ${unknown} to display`);
  const range = parseRange(typeof params.range === 'string' ? params.range : null);
  if (!range) return api.badRange();

  const sort = Number(listOf(params.sort)[0] ?? table.defaultSort);
  const order = String(listOf(params.order)[0] ?? 'ASC').toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
  const sign = order === 'ASC' ? 1 : -1;
  const sortOption = options[sort] ?? options[table.defaultSort] ?? options[2];
  const found = visible
    .filter((item) => test(item))
    .sort((a, b) => sign * (compare(sortOption.value(a, state), sortOption.value(b, state)) || a.id - b.id));

  const total = found.length;
  const [start, end] = range;
  if (start > total) return api.rangeExceeded(total);
  const page = found.slice(start, end + 1);
  const columns = [...new Set(table.columns(forced, fieldsOf(params.criteria), sort))].filter((id) => options[id]);
  const byUid = isSet(params.uid_cols);
  const rows = page.map((item) => {
    const row: Record<string, unknown> = {};
    for (const id of columns) row[byUid ? options[id].uid : id] = options[id].value(item, state);
    return row;
  });

  const body: Record<string, unknown> = { totalcount: total, count: rows.length, sort: [sort], order: [order] };
  if (rows.length) body.data = isSet(params.withindexes) ? Object.fromEntries(page.map((item, i) => [item.id, rows[i]])) : rows;
  const contentRange = `${start}-${Math.min(end, total - 1)}/${total}`;
  body['content-range'] = contentRange;
  const headers: Record<string, string> = { 'Accept-Range': `${table.itemtype} 1000` };
  if (total > 0) headers['Content-Range'] = contentRange;
  return api.json(body, rows.length >= total ? 200 : 206, headers);
}

/** A PHP parameter given once or as a list (`a=1`, `a[]=1`, `a[0]=1`). */
function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return isRecord(value) ? Object.values(value) : Array.isArray(value) ? value : [value];
}

/** The fields criteria search, nested ones included: GLPI displays them when nothing is forced. */
function fieldsOf(criteria: unknown): number[] {
  return listOf(criteria).flatMap((criterion) =>
    isRecord(criterion) ? (isSet(criterion.criteria) ? fieldsOf(criterion.criteria) : [Number(criterion.field)]) : [],
  );
}

/** One test for a list of criteria, or the message GLPI refuses them with. */
function criteriaTest<T extends { id: number }>(criteria: unknown, user: FakeUser, state: GlpiFakeState, table: SearchTable<T>): Test<T> | string {
  // OR groups of AND-ed terms.
  const groups: Test<T>[][] = [];
  for (const criterion of listOf(criteria)) {
    if (!isRecord(criterion)) return 'Malformed search criteria';
    const link = String(criterion.link ?? 'AND').toUpperCase();
    let term: Test<T> | string;
    if (isSet(criterion.criteria)) term = criteriaTest(criterion.criteria, user, state, table);
    else if (!isSet(criterion.field) || !isSet(criterion.searchtype) || !isSet(criterion.value)) return 'Malformed search criteria';
    else if (!/^\d+$/.test(String(criterion.field)) || !table.options[Number(criterion.field)]) return 'Bad field ID in search criteria';
    else if (table.nosearch(Number(criterion.field))) return 'Forbidden field ID in search criteria';
    else term = termTest(table.options[Number(criterion.field)], String(criterion.searchtype), String(criterion.value), user, state);
    if (typeof term === 'string') return term;
    const positive = term;
    const test: Test<T> = link.endsWith('NOT') ? (item) => !positive(item) : positive;
    if (!groups.length || link.startsWith('OR')) groups.push([test]);
    else groups[groups.length - 1].push(test);
  }
  return (item) => !groups.length || groups.some((group) => group.every((test) => test(item)));
}

/** Text as `utf8mb4_unicode_ci` compares it: without accents, in lower case. */
const collated = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function termTest<T>(option: SearchOption<T>, searchtype: string, value: string, user: FakeUser, state: GlpiFakeState): Test<T> | string {
  const of = (item: T) => option.value(item, state);
  const unsupported = `The fake GLPI does not support searchtype ${searchtype} on ${option.uid}`;
  switch (option.kind) {
    case 'status': {
      const set = STATUS_SETS[value] ?? (toInt(value) === undefined ? undefined : [Number(value)]);
      if (!set) return `Unknown status ${value}`;
      if (searchtype === 'equals') return (item) => set.includes(Number(of(item)));
      if (searchtype === 'notequals') return (item) => !set.includes(Number(of(item)));
      return unsupported;
    }
    case 'user': {
      // 'myself' is the session's person; 0 means nobody.
      const id = value === 'myself' ? user.id : toInt(value);
      if (id === undefined) return `Unknown user ${value}`;
      const matches = (item: T) => (of(item) ?? 0) === id;
      if (searchtype === 'equals') return matches;
      if (searchtype === 'notequals') return (item) => !matches(item);
      return unsupported;
    }
    case 'number':
    case 'date': {
      const wanted = option.kind === 'number' ? Number(value) : value;
      if (searchtype === 'equals') return (item) => compare(of(item), wanted) === 0;
      if (searchtype === 'notequals') return (item) => compare(of(item), wanted) !== 0;
      if (searchtype === 'lessthan') return (item) => of(item) !== null && compare(of(item), wanted) < 0;
      if (searchtype === 'morethan') return (item) => of(item) !== null && compare(of(item), wanted) > 0;
      if (searchtype === 'contains') return (item) => String(of(item) ?? '').includes(value);
      return unsupported;
    }
    default: {
      const fold = option.folded ? collated : (text: string) => text.toLowerCase();
      const text = (item: T) => fold(String(of(item) ?? ''));
      if (searchtype === 'equals') return (item) => text(item) === fold(value);
      if (searchtype === 'notequals') return (item) => text(item) !== fold(value);
      if (searchtype !== 'contains') return unsupported;
      // makeTextSearch: ^ and $ anchor, anything else is found anywhere; compared with the stored (encoded) text.
      const [, head, core, tail] = /^(\^?)(.*?)(\$?)$/s.exec(fold(asAnswered(state.version, value)))!;
      return (item) => {
        const stored = text(item);
        if (head && tail) return stored === core;
        if (head) return stored.startsWith(core);
        if (tail) return stored.endsWith(core);
        return stored.includes(core);
      };
    }
  }
}
