/**
 * Items as the API answers them (`getItem` / `getItems`): the table's fields, text
 * entity-encoded as GLPI ≤ 10 stores it, and with `expand_dropdowns` every foreign
 * key turned into the name it points to (`parseDropdowns`; `items_id` follows
 * `itemtype`, so a follow-up's `items_id` becomes its ticket's title). Keys whose
 * value is 0 stay 0, as GLPI leaves empty keys alone.
 */
import { displayName } from './itil.js';
import { asAnswered, type GlpiApi } from './protocol.js';
import type { FakeArticle, FakeDocument, FakeDocumentItem, FakeFollowup, FakeSolution, FakeTicket, GlpiFakeState } from './state.js';

/** The one entity of the fake. */
export const ENTITY_NAME = 'Entité racine';

export interface RowOptions {
  expand: boolean;
  /** `get_hateoas` (true by default): links to the items foreign keys point to. */
  hateoas: boolean;
}

/** The options a request asks for; GLPI reads "true", "1" and the like. */
export function rowOptions(query: URLSearchParams): RowOptions {
  const on = (name: string, fallback: boolean) => {
    const value = query.get(name);
    return value === null ? fallback : ['true', '1'].includes(value);
  };
  return { expand: on('expand_dropdowns', false), hateoas: on('get_hateoas', true) };
}

type Row = Record<string, unknown>;
/** A foreign key: its itemtype (for the HATEOAS link) and the name it expands to. */
type Key = [itemtype: string, name: (id: number) => string | undefined];

function keys(state: GlpiFakeState): Record<string, Key> {
  const user: Key = ['User', (id) => {
    const found = state.user(id);
    return found ? asAnswered(state.version, displayName(found)) : '';
  }];
  return {
    users_id: user,
    users_id_recipient: user,
    users_id_lastupdater: user,
    users_id_approval: user,
    users_id_editor: user,
    entities_id: ['Entity', () => ENTITY_NAME],
    tickets_id: ['Ticket', (id) => asAnswered(state.version, state.ticket(id)?.name ?? '')],
    itilcategories_id: ['ITILCategory', (id) => state.categories.find((category) => category.id === id)?.completename ?? ''],
    requesttypes_id: ['RequestType', (id) => (id === 1 ? 'Helpdesk' : 'E-Mail')],
    documents_id: ['Document', (id) => asAnswered(state.version, state.documents.find((document) => document.id === id)?.name ?? '')],
  };
}

/** `parseDropdowns`: expands (and links) the foreign keys of `row`, in place; `entities_id` 0 is a real entity. */
function dropdowns(state: GlpiFakeState, api: GlpiApi, row: Row, { expand, hateoas }: RowOptions): Row {
  const known = keys(state);
  const links: { rel: string; href: string }[] = [];
  for (const [field, value] of Object.entries(row)) {
    const key = field === 'items_id' && row.itemtype === 'Ticket' ? 'tickets_id' : field;
    const target = known[key];
    if (!target || typeof value !== 'number' || (value === 0 && key !== 'entities_id')) continue;
    if (hateoas) links.push({ rel: target[0], href: `${api.url}/${target[0]}/${value}` });
    if (expand) row[field] = target[1](value);
  }
  if (hateoas) row.links = links;
  return row;
}

export function ticketRow(state: GlpiFakeState, api: GlpiApi, ticket: FakeTicket, options: RowOptions): Row {
  const row: Row = {
    id: ticket.id,
    entities_id: ticket.entities_id,
    name: asAnswered(state.version, ticket.name),
    date: ticket.date,
    closedate: ticket.closedate,
    solvedate: ticket.solvedate,
    takeintoaccountdate: ticket.technician ? ticket.date : null,
    date_mod: ticket.date_mod,
    users_id_lastupdater: ticket.users_id_lastupdater,
    status: ticket.status,
    users_id_recipient: ticket.users_id_recipient,
    requesttypes_id: 1,
    content: asAnswered(state.version, ticket.content),
    urgency: ticket.urgency,
    impact: 3,
    priority: ticket.urgency,
    itilcategories_id: ticket.itilcategories_id,
    type: ticket.type,
    global_validation: 1,
    time_to_resolve: null,
    begin_waiting_date: null,
    waiting_duration: 0,
    actiontime: 0,
    is_deleted: 0,
    locations_id: 0,
    validation_percent: 0,
    date_creation: ticket.date,
  };
  // `glpi_tickets.externalid` exists from 11 on (install/migrations/update_10.0.x_to_11.0.0/ticket.php);
  // 10.0.11's `install/mysql/glpi-empty.sql` has no such column.
  if (state.version === 11) row.externalid = ticket.externalid;
  dropdowns(state, api, row, options);
  if (options.hateoas) {
    for (const rel of ['Document_Item', 'ITILFollowup', 'ITILSolution', 'TicketTask', 'Ticket_User']) {
      (row.links as unknown[]).push({ rel, href: `${api.url}/Ticket/${ticket.id}/${rel}/` });
    }
  }
  return row;
}

export function followupRow(state: GlpiFakeState, api: GlpiApi, followup: FakeFollowup, options: RowOptions): Row {
  return dropdowns(
    state,
    api,
    {
      id: followup.id,
      itemtype: followup.itemtype,
      items_id: followup.items_id,
      date: followup.date,
      users_id: followup.users_id,
      users_id_editor: 0,
      content: asAnswered(state.version, followup.content),
      is_private: followup.is_private,
      requesttypes_id: followup.requesttypes_id,
      date_mod: followup.date_mod,
      date_creation: followup.date_creation,
      timeline_position: 1,
      sourceitems_id: 0,
      sourceof_items_id: 0,
    },
    options,
  );
}

export function solutionRow(state: GlpiFakeState, api: GlpiApi, solution: FakeSolution, options: RowOptions): Row {
  return dropdowns(
    state,
    api,
    {
      id: solution.id,
      itemtype: solution.itemtype,
      items_id: solution.items_id,
      solutiontypes_id: solution.solutiontypes_id,
      solutiontype_name: null,
      content: asAnswered(state.version, solution.content),
      date_creation: solution.date_creation,
      date_mod: solution.date_mod,
      date_approval: solution.date_approval,
      users_id: solution.users_id,
      user_name: null,
      users_id_editor: 0,
      users_id_approval: solution.users_id_approval,
      user_name_approval: null,
      status: solution.status,
      itilfollowups_id: null,
    },
    options,
  );
}

/** The `glpi_documents` row. */
function documentFields(state: GlpiFakeState, document: FakeDocument): Row {
  const extension = /\.(\w+)$/.exec(document.filename)?.[1].toUpperCase() ?? 'BIN';
  return {
    id: document.id,
    entities_id: document.entities_id,
    is_recursive: 0,
    name: asAnswered(state.version, document.name),
    filename: asAnswered(state.version, document.filename),
    filepath: `${extension}/${String(document.id).padStart(2, '0')}/${document.id}.${extension.toLowerCase()}`,
    documentcategories_id: 0,
    mime: document.mime,
    date_mod: document.date_mod,
    comment: null,
    is_deleted: 0,
    link: null,
    users_id: document.users_id,
    tickets_id: document.tickets_id,
    sha1sum: null,
    is_blacklisted: 0,
    tag: `fake-${document.id}`,
    date_creation: document.date_creation,
  };
}

export function documentRow(state: GlpiFakeState, api: GlpiApi, document: FakeDocument, options: RowOptions): Row {
  return dropdowns(state, api, documentFields(state, document), options);
}

/** A row of `with_documents`' `_documents`: the document with its link (`assocID`, `assocdate`) and entity. */
export function linkedDocumentRow(state: GlpiFakeState, api: GlpiApi, link: FakeDocumentItem, options: RowOptions): Row | undefined {
  const document = state.documents.find((candidate) => candidate.id === link.documents_id);
  if (!document) return undefined;
  const row = { assocID: link.id, assocdate: link.date_creation, entityID: 0, entity: ENTITY_NAME, headings: null, ...documentFields(state, document) };
  // Nested rows are expanded, not linked.
  return dropdowns(state, api, row, { ...options, hateoas: false });
}

export function documentItemRow(state: GlpiFakeState, api: GlpiApi, link: FakeDocumentItem, options: RowOptions): Row {
  return dropdowns(
    state,
    api,
    {
      id: link.id,
      documents_id: link.documents_id,
      items_id: link.items_id,
      itemtype: link.itemtype,
      entities_id: 0,
      is_recursive: 0,
      date_mod: link.date_creation,
      users_id: link.users_id,
      timeline_position: 1,
      date_creation: link.date_creation,
      date: link.date_creation,
    },
    options,
  );
}

/**
 * Ticket_User: the requester (type 1), the technician (type 2) and the observers (type 3). Every row is
 * listed to whoever may read the ticket (`API::getItems` with a parent checks the parent's READ only,
 * `src/Api/API.php` lines 1167-1173 of 10.0.17); addresses are text, answered encoded by GLPI 10.
 */
export function actorRows(state: GlpiFakeState, api: GlpiApi, ticket: FakeTicket, options: RowOptions): Row[] {
  const actors = [
    ...(ticket.requester ? [{ id: ticket.id * 10, type: 1, users_id: ticket.requester, use_notification: 1, alternative_email: '' }] : []),
    ...(ticket.technician ? [{ id: ticket.id * 10 + 1, type: 2, users_id: ticket.technician, use_notification: 1, alternative_email: '' }] : []),
    ...ticket.observers.map((observer) => ({ ...observer, type: 3 })),
  ];
  return actors.map(({ id, type, users_id, use_notification, alternative_email }) =>
    dropdowns(
      state,
      api,
      { id, tickets_id: ticket.id, users_id, type, use_notification, alternative_email: asAnswered(state.version, alternative_email) },
      options,
    ),
  );
}

/**
 * `GET KnowbaseItem/:id`: the `glpi_knowbaseitems` row (`install/mysql/glpi-empty.sql` lines 3898-3919
 * of 10.0.17), text encoded by GLPI 10. GLPI 11 adds the service catalog's columns (`description`,
 * `illustration`, `is_pinned`, `show_in_service_catalog`); their defaults here are the fake's guess.
 */
export function articleRow(state: GlpiFakeState, api: GlpiApi, article: FakeArticle, options: RowOptions): Row {
  const row: Row = {
    id: article.id,
    name: asAnswered(state.version, article.name),
    answer: asAnswered(state.version, article.answer),
    is_faq: article.is_faq,
    users_id: article.users_id,
    view: article.view,
    date_creation: article.date_creation,
    date_mod: article.date_mod,
    begin_date: article.begin_date,
    end_date: article.end_date,
  };
  if (state.version === 11) Object.assign(row, { description: null, illustration: null, is_pinned: 0, show_in_service_catalog: 0 });
  return dropdowns(state, api, row, options);
}
