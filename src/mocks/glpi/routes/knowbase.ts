/**
 * The knowledge base as `apirest.php` gives it: `listSearchOptions/KnowbaseItem`, `search/KnowbaseItem`
 * (through search.ts, with the table below) and `GET KnowbaseItem/:id`. What differs between the
 * versions is what the widget has to cope with:
 * - the search option of the article's subject is 6 on GLPI 10 and 1 on 11, where 6 no longer exists
 *   (`KnowbaseItem::rawSearchOptions`, `src/KnowbaseItem.php` lines 2269-2368 of 10.0.17; GLPI 11's at
 *   glpi-project/glpi 0042059, an 11 code line whose exact tag is unconfirmed);
 * - GLPI 10's search applies no visibility at all to articles (no KnowbaseItem case in
 *   `Search::addDefaultWhere`, `src/Search.php` lines 4317-4650 of 10.0.17, nor anywhere in that
 *   file), so any profile that may read the FAQ finds every article, FAQ or not, whoever it targets;
 *   GLPI 11's search applies `KnowbaseItem::getVisibilityCriteria()` (`SQLProvider::getDefaultWhereCriteria`
 *   @0042059) and `getAdditionalSearchCriteria()` (FAQ only without knowbase READ);
 * - neither filters the visibility dates (`begin_date`, `end_date`), which only the web pages apply
 *   (`KnowbaseItem::getListRequest`, lines 1676-1687 and 1737-1749 of 10.0.17);
 * - text is answered entity-encoded by 10, raw by 11 (see protocol.ts, `asAnswered`).
 * `GET KnowbaseItem/:id` checks `canView() && canViewItem()` in both (`API::getItem`, `src/Api/API.php`
 * lines 611-616 of 10.0.17): 404 for an unknown id, then 403 for an article the person may not read.
 */
import { isTargeted, rightsOf, seesArticle } from '../itil.js';
import { asAnswered, type GlpiApi } from '../protocol.js';
import { param, type FakeCall, type Route } from '../route.js';
import { articleRow, rowOptions } from '../rows.js';
import type { FakeUser } from '../seed.js';
import type { FakeArticle, GlpiFakeState } from '../state.js';
import type { SearchOption, SearchTable } from './search.js';

export const knowbaseRoutes: Route[] = [
  // No right is checked: `APIRest::call` answers it for any session (`src/Api/APIRest.php` lines 201-204 of 10.0.17).
  { method: 'get', path: 'listSearchOptions/:itemtype', handle: listSearchOptions },
  { method: 'get', path: 'KnowbaseItem/:id', handle: readArticle },
];

/** One search option as the fake declares it: what `listSearchOptions` says of it, and how the fake reads it. */
interface KnowbaseOption {
  name: string;
  table: string;
  field: string;
  datatype: string;
  uid: string;
  nosearch?: boolean;
  /** How the fake's search reads it; absent for options the fake lists but does not search. */
  search?: SearchOption<FakeArticle>;
}

const TABLE = 'glpi_knowbaseitems';

const text = (uid: string, read: (article: FakeArticle) => string): SearchOption<FakeArticle> => ({
  uid,
  kind: 'text',
  folded: true,
  value: (article, state) => asAnswered(state.version, read(article)),
});
const number = (uid: string, read: (article: FakeArticle) => number): SearchOption<FakeArticle> => ({ uid, kind: 'number', value: read });
const date = (uid: string, read: (article: FakeArticle) => string | null): SearchOption<FakeArticle> => ({ uid, kind: 'date', value: read });

const own = (field: string, name: string, datatype: string, search?: SearchOption<FakeArticle>): KnowbaseOption => ({
  name,
  table: TABLE,
  field,
  datatype,
  uid: `KnowbaseItem.${field}`,
  search,
});

const SUBJECT = text('KnowbaseItem.name', (article) => article.name);

/** The options both versions share (ids unchanged from 10.0.17 to the 11 code). */
const COMMON: Record<number, KnowbaseOption> = {
  2: own('id', 'ID', 'number', number('KnowbaseItem.id', (article) => article.id)),
  7: own('answer', 'Content', 'text', text('KnowbaseItem.answer', (article) => article.answer)),
  8: own('is_faq', 'FAQ item', 'bool', number('KnowbaseItem.is_faq', (article) => article.is_faq)),
  9: own('view', 'Views', 'integer', number('KnowbaseItem.view', (article) => article.view)),
  10: own('begin_date', 'Visibility start date', 'datetime', date('KnowbaseItem.begin_date', (article) => article.begin_date)),
  11: own('end_date', 'Visibility end date', 'datetime', date('KnowbaseItem.end_date', (article) => article.end_date)),
  19: own('date_mod', 'Last update', 'datetime', date('KnowbaseItem.date_mod', (article) => article.date_mod)),
  121: own('date_creation', 'Creation date', 'datetime', date('KnowbaseItem.date_creation', (article) => article.date_creation)),
  70: {
    name: 'User',
    table: 'glpi_users',
    field: 'name',
    datatype: 'dropdown',
    uid: 'KnowbaseItem.User.name',
    search: { uid: 'KnowbaseItem.User.name', kind: 'text', folded: true, value: (article, state) => state.user(article.users_id)?.name ?? null },
  },
};

/** GLPI 10.0.17: the subject is 6 (`text`); there is no option 1. */
const OPTIONS_10: Record<number, KnowbaseOption> = { 6: own('name', 'Subject', 'text', SUBJECT), ...COMMON };

/** The 11 code: the subject is 1 (`itemlink`), 6 is gone; category (79), linked items (13, 131) and targets (80-83) are new, listed only. */
const OPTIONS_11: Record<number, KnowbaseOption> = {
  1: own('name', 'Subject', 'itemlink', SUBJECT),
  ...COMMON,
  79: { name: 'Category', table: 'glpi_knowbaseitemcategories', field: 'completename', datatype: 'dropdown', uid: 'KnowbaseItem.KnowbaseItemCategory.completename' },
  13: { name: 'Associated elements', table: 'glpi_knowbaseitems_items', field: 'items_id', datatype: 'specific', uid: 'KnowbaseItem.KnowbaseItem_Item.items_id', nosearch: true },
  131: { name: 'Associated item types', table: 'glpi_knowbaseitems_items', field: 'itemtype', datatype: 'itemtypename', uid: 'KnowbaseItem.KnowbaseItem_Item.itemtype' },
  80: { name: 'Target - Entity', table: 'glpi_entities', field: 'completename', datatype: 'dropdown', uid: 'KnowbaseItem.Entity.completename' },
  81: { name: 'Target - Profile', table: 'glpi_profiles', field: 'name', datatype: 'dropdown', uid: 'KnowbaseItem.Profile.name' },
  82: { name: 'Target - Group', table: 'glpi_groups', field: 'name', datatype: 'dropdown', uid: 'KnowbaseItem.Group.name' },
  83: { name: 'Target - User', table: 'glpi_users', field: 'name', datatype: 'dropdown', uid: 'KnowbaseItem.User.name' },
};

export const knowbaseOptions = (state: GlpiFakeState): Record<number, KnowbaseOption> => (state.version === 11 ? OPTIONS_11 : OPTIONS_10);

/** `KnowbaseItem::canView()`: knowbase READ or READFAQ (`src/KnowbaseItem.php` lines 141-148 of 10.0.17). */
const readsKnowbase = (user: FakeUser) => rightsOf(user).readFaq || rightsOf(user).readKnowbase;

/**
 * What GLPI 11's search leaves to the person: `getVisibilityCriteria` (FAQ for the helpdesk interface,
 * the knowledge base for the central one; everything for a KB admin, else the author's own and the
 * targeted ones), with `getAdditionalSearchCriteria`'s FAQ-only without knowbase READ.
 */
function foundOn11(user: FakeUser, article: FakeArticle): boolean {
  const rights = rightsOf(user);
  const faqOnly = !rights.central || !rights.readKnowbase;
  return (!faqOnly || article.is_faq === 1) && (rights.knowbaseAdmin || article.users_id === user.id || isTargeted(user, article));
}

/** The search table of KnowbaseItem (see search.ts): GLPI's right check first (403), then the version's visibility. */
export function knowbaseTable(state: GlpiFakeState, user: FakeUser, api: GlpiApi): SearchTable<FakeArticle> {
  const declared = knowbaseOptions(state);
  const options = Object.fromEntries(
    Object.entries(declared).flatMap(([id, option]) => (option.search ? [[Number(id), option.search]] : [])),
  ) as Record<number, SearchOption<FakeArticle>>;
  const subject = state.version === 11 ? 1 : 6;
  return {
    itemtype: 'KnowbaseItem',
    options,
    nosearch: (id) => Boolean(declared[id]?.nosearch),
    // `API::searchItems` checks `canView()` first (`src/Api/API.php` lines 1589-1591 of 10.0.17).
    rows: () => (!readsKnowbase(user) ? api.rightMissing() : state.articles.filter((article) => state.version === 10 || foundOn11(user, article))),
    // `Search::addDefaultToView` puts option 1 first, then the forced or preferred columns, the criteria's
    // and the sort's; options the itemtype does not have are dropped (`src/Search.php` lines 583-659 of 10.0.17).
    columns: (forced, criteriaFields, sort) => [1, ...(forced.length ? forced : [subject, 8, 19]), ...criteriaFields, sort],
    defaultSort: subject,
  };
}

/** `listSearchOptions/KnowbaseItem`: `{"common": {"name": …}, "<id>": {name, table, field, datatype, nosearch, nodisplay, available_searchtypes, uid}}` (`API::listSearchOptions`, `src/Api/API.php` lines 1416-1469 of 10.0.17). */
function listSearchOptions(call: FakeCall): Response {
  const { state, api } = call;
  if (param(call, 'itemtype') !== 'KnowbaseItem') {
    return api.error('ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM', 400, 'The fake GLPI lists the search options of KnowbaseItem only');
  }
  const body: Record<string, unknown> = { common: { name: 'Characteristics' } };
  for (const [id, option] of Object.entries(knowbaseOptions(state))) {
    body[id] = {
      name: option.name,
      table: option.table,
      field: option.field,
      datatype: option.datatype,
      nosearch: option.nosearch ?? false,
      nodisplay: false,
      // The fake's approximation of `Search::getActionsFor` per datatype.
      available_searchtypes: SEARCHTYPES[option.datatype] ?? ['contains', 'notcontains', 'equals', 'notequals'],
      uid: option.uid,
    };
  }
  return api.json(body);
}

const SEARCHTYPES: Record<string, string[]> = {
  text: ['contains', 'notcontains'],
  itemlink: ['contains', 'notcontains', 'equals', 'notequals'],
  bool: ['equals', 'notequals', 'contains', 'notcontains'],
  datetime: ['equals', 'notequals', 'lessthan', 'morethan', 'contains', 'notcontains'],
};

/** `GET KnowbaseItem/:id`: 404 when there is no such article, 403 when the person may not read it. */
function readArticle(call: FakeCall): Response {
  const { state, session, query, api } = call;
  const article = state.articles.find((candidate) => String(candidate.id) === param(call, 'id'));
  if (!article) return api.notFound();
  const user = state.userOf(session);
  if (!readsKnowbase(user) || !seesArticle(user, article)) return api.rightMissing();
  return api.json(articleRow(state, api, article, rowOptions(query)));
}
