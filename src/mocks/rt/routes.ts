/**
 * The fake RT's resources, matched as RT's REST2 dispatcher matches them (one regex per
 * path under `/REST/2.0/`), each answering what RT 5.0's resource answers: statuses,
 * bodies and RT's oddities alike (a reply refused is a 400 "Permission Denied", the
 * history of a ticket one may not see is an empty list, an unknown attachment is a 500).
 */
import { fromBase64, mimeBase64, rtDate, userFields, type RtApi, type RtJson } from './protocol.js';
import type { RtFakeUser } from './seed.js';
import { RT_STATUSES, type RtFakeArticle, type RtFakeAttachment, type RtFakeFile, type RtFakeState, type RtFakeTicket, type RtStatus } from './state.js';
import { ticketSql, TicketSqlError } from './tql.js';

export interface RtCall {
  request: Request;
  api: RtApi;
  state: RtFakeState;
  user: RtFakeUser;
  /** The path's regex groups. */
  params: string[];
  /** The request's body as text. */
  body: string;
}

export interface RtRoute {
  pattern: RegExp;
  methods: readonly string[];
  handle(call: RtCall): Response | Promise<Response>;
}

type Parsed = { ok: true; value: RtJson } | { ok: false; response: Response };

/** A JSON body (or a multipart one with its `JSON` part and `Attachments` files), as Writable.pm and Message.pm read them. */
async function parseBody(call: RtCall, what: 'record' | 'message'): Promise<Parsed> {
  const type = (call.request.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'multipart/form-data') {
    const form = await call.request.clone().formData();
    const json = form.get('JSON');
    if (typeof json !== 'string') return { ok: false, response: call.api.error(400, `${what === 'record' ? 'Json' : 'JSON'} is a required field for multipart/form-data`) };
    const parsed = parseJson(call, json);
    if (!parsed.ok) return parsed;
    const files = form.getAll('Attachments').filter((one): one is File => one instanceof File);
    if (files.length) {
      parsed.value.Attachments = await Promise.all(
        files.map(async (file) => ({ FileName: file.name, FileType: file.type, FileContent: mimeBase64(new Uint8Array(await file.arrayBuffer())) })),
      );
    }
    return parsed;
  }
  if (what === 'message' && (type === 'text/plain' || type === 'text/html')) return { ok: true, value: { Content: call.body, ContentType: type } };
  if (type !== 'application/json') return { ok: false, response: call.api.error(415, 'Unsupported Media Type') };
  return call.body.trim() ? parseJson(call, call.body) : { ok: true, value: {} };
}

function parseJson(call: RtCall, text: string): Parsed {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return { ok: true, value: value as RtJson };
    return { ok: false, response: call.api.error(400, 'JSON object must be a HASH') };
  } catch (error) {
    return { ok: false, response: call.api.error(400, `JSON parse error: ${(error as Error).message}\n`) };
  }
}

/** `Attachments` as RT checks them; the files, or the 400 RT answers. */
function filesOf(call: RtCall, attachments: unknown, message: (field: string) => string): RtFakeFile[] | Response {
  if (attachments === undefined) return [];
  if (!Array.isArray(attachments)) return call.api.error(400, 'Attachments must be an array');
  const files: RtFakeFile[] = [];
  for (const attachment of attachments) {
    if (!attachment || typeof attachment !== 'object') return call.api.error(400, 'Each element of Attachments must be a hash');
    for (const field of ['FileName', 'FileType', 'FileContent']) {
      if (!(attachment as RtJson)[field]) return call.api.error(400, message(field));
    }
    const { FileName, FileType, FileContent } = attachment as Record<string, string>;
    files.push({ name: String(FileName), type: String(FileType), content: fromBase64(String(FileContent)) });
  }
  return files;
}

/** The ticket of the path, when the caller may see it; RT's 404 or 403 otherwise. */
function visibleTicket(call: RtCall): RtFakeTicket | Response {
  const ticket = call.state.ticket(Number(call.params[0]));
  if (!ticket) return call.api.error(404, 'Not Found');
  if (!call.state.canSee(call.user, ticket)) return call.api.error(403, 'Forbidden');
  return ticket;
}

/** `orderby`/`order` pairs, as Collection.pm reads them. */
function ordered(call: RtCall, tickets: RtFakeTicket[]): RtFakeTicket[] {
  const orders = call.api.query.getAll('order');
  const keys = call.api.query.getAll('orderby').map((field, index) => ({ field, descending: (orders[index] ?? 'ASC').toUpperCase() === 'DESC' }));
  const value = (ticket: RtFakeTicket, field: string): number | string => {
    switch (field) {
      case 'LastUpdated':
        return ticket.lastUpdated.getTime();
      case 'Created':
        return ticket.created.getTime();
      case 'Priority':
        return ticket.priority;
      case 'Subject':
        return ticket.subject;
      case 'Status':
        return ticket.status;
      default:
        return ticket.id;
    }
  };
  return [...tickets].sort((a, b) => {
    for (const { field, descending } of [...keys, { field: 'id', descending: false }]) {
      const [x, y] = [value(a, field), value(b, field)];
      if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
    }
    return 0;
  });
}

/** A collection row: its reference and the asked `fields=`; unknown fields are empty strings, as RT gives them. */
function row(call: RtCall, type: string, id: number, fields: RtJson): RtJson {
  const item: RtJson = { type, id: String(id), _url: call.api.url(`${type}/${id}`) };
  for (const field of call.api.fields()) item[field] = fields[field] ?? '';
  return item;
}

/** Changes RT's Update makes from a PUT, each with RT's sentence ("Ticket 3: Status changed from 'new' to 'resolved'"). */
function update(call: RtCall, ticket: RtFakeTicket, data: RtJson): string[] {
  const { state, user } = call;
  const said: string[] = [];
  const say = (text: string) => said.push(`Ticket ${ticket.id}: ${text}`);
  if (data.Status !== undefined && String(data.Status) !== ticket.status) {
    const status = String(data.Status).toLowerCase();
    if (!(RT_STATUSES as readonly string[]).includes(status)) say(`Status '${data.Status}' isn't a valid status for this ticket.`);
    else if (!state.canModify(user, ticket) || status === 'deleted') say('Permission Denied');
    else {
      const old = ticket.status;
      state.changeStatus(ticket, status as RtStatus, user.id);
      say(`Status changed from '${old}' to '${status}'`);
    }
  }
  for (const [field, key] of [
    ['Subject', 'subject'],
    ['Priority', 'priority'],
  ] as const) {
    if (data[field] === undefined || String(data[field]) === String(ticket[key])) continue;
    if (!state.canModify(user, ticket)) {
      say('Permission Denied');
      continue;
    }
    const old = ticket[key];
    if (key === 'priority') ticket.priority = Number(data[field]) || 0;
    else ticket.subject = String(data[field]);
    ticket.lastUpdated = state.clock();
    say(`${field} changed from '${old}' to '${data[field]}'`);
  }
  return said;
}

/**
 * A role key of a PUT (RT 5.0.3 lib/RT/REST2/Util.pm:480-589, update_role_members): the
 * list given replaces the role's members. Each entry is made a principal first, in order —
 * a number is a principal id, a string with "@" a user found or made by address (only its
 * first address: lib/RT/User.pm:703-704, a comma string is not split here), another string a
 * login; a `{type, id, _url}` reference is read as its id (Util.pm:233-246). An entry that
 * names no one stops the whole request with an empty 500 (CanonicalizePrincipal answers 0,
 * whose `->Id` dies at Util.pm:530), after the users made so far. Then those missing are
 * added and those not listed removed, each with RT's sentence, or "Permission denied" when
 * the person may not (lib/RT/Ticket.pm:623-639: ModifyTicket; Watch, which would let a person
 * add themselves, is not modelled). Unknown addresses are made users before any right is
 * checked (Record/Role/Roles.pm:428-441), so even when the add is refused. Only Cc is
 * modelled: the fake has no AdminCc, and Requestor is left as it is.
 */
function updateCc(call: RtCall, ticket: RtFakeTicket, value: unknown): string[] | Response {
  const { state, user } = call;
  const entries = Array.isArray(value) ? value : [value];
  const wanted: number[] = [];
  for (const entry of entries) {
    const reference = entry && typeof entry === 'object' && !Array.isArray(entry) ? (entry as RtJson) : undefined;
    const text = reference ? (reference.type && reference.id && reference._url ? String(reference.id) : undefined) : String(entry);
    let found: number | undefined;
    if (text !== undefined && /^\d+$/.test(text)) found = Number(text);
    else if (text !== undefined && text.includes('@')) found = state.userByEmail(text.split(',')[0].trim(), { create: true })?.id;
    else if (text !== undefined) found = state.user(text)?.id;
    if (found === undefined) return new Response('', { status: 500, headers: { 'Content-Type': 'application/json; charset="utf-8"' } });
    wanted.push(found);
  }
  const count = new Map<number, number>();
  for (const id of wanted) count.set(id, (count.get(id) ?? 0) + 1);
  for (const id of ticket.cc) count.set(id, (count.get(id) ?? 0) - 1);
  const name = (id: number) => state.user(id)?.name ?? String(id);
  const said: string[] = [];
  // The entries' order first, then those to remove, sorted as Perl sorts hash keys here (as strings).
  const order = [...new Set([...wanted, ...[...count.keys()].sort((a, b) => (String(a) < String(b) ? -1 : 1))])];
  for (const id of order) {
    let left = count.get(id) ?? 0;
    for (; left > 0; left--) {
      if (!state.canModify(user, ticket)) said.push('Permission denied');
      else if (ticket.cc.includes(id)) said.push(`${name(id)} is already Cc`);
      else {
        ticket.cc.push(id);
        said.push(`Added ${name(id)} as Cc for this ticket`);
      }
    }
    for (; left < 0; left++) {
      if (!state.canModify(user, ticket)) said.push('Permission denied');
      else {
        ticket.cc = ticket.cc.filter((one) => one !== id);
        said.push(`${name(id)} is no longer Cc for this ticket`);
      }
    }
  }
  return said;
}

/**
 * An article query (REST2/Resource/Collection/QueryByJSON.pm): `[{field, operator, value,
 * entry_aggregator}]`, from `query` for a GET and the body for a POST. Clauses on different
 * fields are ANDed; clauses on one field are joined by their `entry_aggregator`, OR by default
 * (DBIx/SearchBuilder.pm:970-975). `LIKE` looks for the value anywhere (SearchBuilder.pm:
 * 983-985, its own % and _ are wildcards), and text compares without case (QueryByJSON.pm:137).
 * Readable columns the fake does not hold (Parent, URI, Disabled, Creator, Created,
 * LastUpdated…) and unknown fields are skipped, as RT skips unknown ones (129). A
 * `CF.{Name}` condition matches the article's Content, and is dropped for whoever may not
 * see the field (109-118); RT also matches other fields' values and other objects' values
 * of the same number there (Articles.pm:244-275), which the fake does not copy.
 */
function articleTest(call: RtCall, clauses: RtJson[]): ((article: RtFakeArticle) => boolean) | undefined {
  const { state } = call;
  const groups = new Map<string, { test: (article: RtFakeArticle) => boolean; and: boolean }[]>();
  for (const clause of clauses) {
    if (!clause || typeof clause !== 'object' || !clause.field || clause.value === undefined || clause.value === null) continue;
    const field = String(clause.field);
    const cf = /(?:CF|CustomField)\.\{(.*)\}/i.exec(field)?.[1];
    let read: ((article: RtFakeArticle) => string | number | undefined) | undefined;
    if (cf !== undefined) {
      if (!cf || cf.toLowerCase() !== state.articleField.name.toLowerCase() || !state.canSeeArticleContent()) continue;
      read = (article) => article.content;
    } else if (field === 'id' || field === 'Class' || field === 'SortOrder') {
      read = (article) => (field === 'id' ? article.id : field === 'Class' ? article.classId : article.sortOrder);
    } else if (field === 'Name' || field === 'Summary') {
      read = (article) => (field === 'Name' ? article.name : article.summary);
    } else continue;
    const operator = String(clause.operator ?? '=').toUpperCase().replace(/\s+/g, ' ');
    const value = String(clause.value);
    const test = (article: RtFakeArticle) => compare(read!(article), operator, value);
    const key = cf === undefined ? field : 'CF';
    groups.set(key, [...(groups.get(key) ?? []), { test, and: String(clause.entry_aggregator ?? '').toUpperCase() === 'AND' }]);
  }
  // Nothing applied: the collection is not limited, and DBIx answers nothing (DBIx/SearchBuilder.pm:613).
  if (!groups.size) return undefined;
  return (article) =>
    [...groups.values()].every((tests) => tests.slice(1).reduce((met, { test, and }) => (and ? met && test(article) : met || test(article)), tests[0].test(article)));
}

/** A column against a value as SQLite compares them: numbers as numbers, text without case, a number before any text. */
function compare(actual: string | number | undefined, operator: string, value: string): boolean {
  // No value (a Content left empty): the left join finds none, and nothing compares.
  if (actual === undefined) return false;
  if (operator === 'LIKE' || operator === 'NOT LIKE') {
    // `%value%`, the value's own % and _ wildcards too.
    const pattern = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
    const like = new RegExp(`^.*${pattern}.*$`, 'is').test(String(actual));
    return operator === 'LIKE' ? like : !like;
  }
  let order: number;
  if (typeof actual === 'number') order = /^-?\d+(\.\d+)?$/.test(value) ? Math.sign(actual - Number(value)) : -1;
  else order = actual.toLowerCase() < value.toLowerCase() ? -1 : actual.toLowerCase() > value.toLowerCase() ? 1 : 0;
  switch (operator) {
    case '=':
      return order === 0;
    case '!=':
    case '<>':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    default:
      // RT replaces an operator it does not know by "id < 0" (lib/RT/SearchBuilder.pm:959-974).
      return false;
  }
}

const rtPath = (api: RtApi, path: string) => `${new URL(api.root).pathname}/${path}`;

export const rtRoutes: RtRoute[] = [
  {
    pattern: /^rt$/,
    methods: ['GET'],
    handle: ({ api }) => api.json({ Version: '5.0.3' }),
  },
  {
    // Resource/Tickets.pm: TicketSQL in `query`, with POST taken as GET.
    pattern: /^tickets\/?$/,
    methods: ['GET', 'POST'],
    handle(call) {
      const { api, state, user } = call;
      let test;
      try {
        test = ticketSql(api.query.get('query') ?? '', state, user);
      } catch (error) {
        if (error instanceof TicketSqlError) return api.error(400, error.message);
        throw error;
      }
      const counted = state.settings.aclChecksInSql || user.privileged;
      const matching = ordered(call, state.tickets.filter((ticket) => test(ticket) && (!counted || state.canSee(user, ticket))));
      return api.collection(call.request, matching, (ticket) => row(call, 'ticket', ticket.id, api.ticketFields(ticket)), {
        counted,
        visible: (ticket) => state.canSee(user, ticket),
      });
    },
  },
  {
    pattern: /^ticket\/?$/,
    methods: ['POST'],
    async handle(call) {
      const { api, state, user } = call;
      const parsed = await parseBody(call, 'record');
      if (!parsed.ok) return parsed.response;
      const data = parsed.value;
      if (!data.Queue) return api.error(400, 'Could not create ticket. Queue not set');
      const queue = state.queue(String(data.Queue));
      if (!queue || !state.canCreateIn(user, queue)) return api.error(403, `No permission to create tickets in the queue '${data.Queue}'`);
      const files = filesOf(call, data.Attachments, (field) => `Field ${field} is required for each attachment in Attachments`);
      if (files instanceof Response) return files;
      const status = data.Status === undefined ? 'new' : String(data.Status).toLowerCase();
      if (!(RT_STATUSES as readonly string[]).includes(status)) return api.error(400, `Status '${data.Status}' isn't a valid status for tickets in this queue.`);
      // Role members: a number is a principal id; a name or an address is looked up (RT creates users for unknown
      // addresses); a string may list several, separated by commas. RT 5.0.3's `_ResolveRoles`
      // (lib/RT/Record/Role/Roles.pm) reads a role's value as an array or one value, and a value that is not a
      // number through `ParseInputPrincipals`, which splits a comma-separated list and creates users by email.
      // Any creator may fill Requestor and Cc (`Create`'s %acls in lib/RT/Ticket.pm: the queue's roles always ok).
      const members = (role: unknown) =>
        (role === undefined ? [] : Array.isArray(role) ? role : [role])
          .flatMap((value) => (typeof value === 'number' || /^\d+$/.test(String(value)) ? [String(value)] : String(value).split(',')))
          .map((value) => value.trim())
          .filter(Boolean)
          .map((value) => (/^\d+$/.test(value) || !/@/.test(value) ? state.user(value)?.id : state.userByEmail(value, { create: true })?.id))
          .filter((id): id is number => id !== undefined);
      const requestors = members(data.Requestor);
      const cc = members(data.Cc);
      const customFields: Record<string, string> = {};
      for (const [key, value] of Object.entries((data.CustomFields as RtJson | undefined) ?? {})) {
        // A field the queue does not have is logged by RT and ignored.
        const field = state.customField(key, queue.id);
        if (field) customFields[field.name] = String(Array.isArray(value) ? value[0] : value);
      }
      const content = data.Content === undefined ? undefined : String(data.Content);
      const ticket = state.createTicket({
        subject: data.Subject === undefined ? '' : String(data.Subject),
        queue: queue.id,
        requestors,
        cc,
        creator: user.id,
        priority: Number(data.Priority) || 0,
        status: status as RtStatus,
        customFields,
        content,
        contentType: String(data.ContentType ?? 'text/plain') === 'text/html' ? 'text/html' : 'text/plain',
        files,
      });
      return api.json({ id: String(ticket.id), type: 'ticket', _url: api.url(`ticket/${ticket.id}`) }, 201, { Location: rtPath(api, `ticket/${ticket.id}`) });
    },
  },
  {
    pattern: /^ticket\/(\d+)\/?$/,
    methods: ['GET', 'PUT'],
    async handle(call) {
      const { api, request } = call;
      const ticket = visibleTicket(call);
      if (request.method === 'PUT') {
        if (ticket instanceof Response) return ticket.status === 404 ? api.error(404, 'Resource does not exist; use POST to create') : ticket;
        const parsed = await parseBody(call, 'record');
        if (!parsed.ok) return parsed.response;
        // RT's Update first, then the custom fields, then the roles (Record/Writable.pm:179-186).
        const said = update(call, ticket, parsed.value);
        if (parsed.value.Cc !== undefined) {
          const cc = updateCc(call, ticket, parsed.value.Cc);
          if (cc instanceof Response) return cc;
          said.push(...cc);
        }
        return api.json(said);
      }
      if (ticket instanceof Response) return ticket;
      // Web::Machine compares If-Modified-Since with RT's Last-Modified, which RT 5.0 gives in its own
      // format and cannot compare: RT 5.0.3 answers 500 (a browser revalidating its cache sends it).
      if (request.headers.has('If-Modified-Since')) return new Response('', { status: 500, headers: { 'Content-Type': 'application/json; charset="utf-8"' } });
      const last = call.state.transactions.filter((one) => one.ticket === ticket.id).at(-1)?.id ?? 0;
      return api.json(api.ticketRecord(ticket), 200, { ETag: `"${last}"`, 'Last-Modified': rtDate(ticket.lastUpdated) });
    },
  },
  {
    // Transactions.pm: the ticket's own collection, empty when it cannot be loaded.
    pattern: /^ticket\/(\d+)\/history\/?$/,
    methods: ['GET'],
    handle(call) {
      const { api, state, user } = call;
      const ticket = state.ticket(Number(call.params[0]));
      const rows = ticket && state.canSee(user, ticket) ? state.transactions.filter((one) => one.ticket === ticket.id) : [];
      // Only a SuperUser's collections are counted; the others lose the rows they may not see, page by page.
      return api.collection(call.request, rows, (one) => row(call, 'transaction', one.id, api.transactionFields(one)), {
        counted: false,
        visible: (one) => state.canSeeTransaction(user, one),
      });
    },
  },
  {
    pattern: /^(ticket|transaction)\/(\d+)\/attachments\/?$/,
    methods: ['GET'],
    handle(call) {
      const { api, state, user } = call;
      const [kind, id] = call.params;
      const transactions = new Set(
        state.transactions.filter((one) => (kind === 'ticket' ? one.ticket === Number(id) : one.id === Number(id))).map((one) => one.id),
      );
      const ticket = kind === 'ticket' ? state.ticket(Number(id)) : undefined;
      const rows = kind === 'ticket' && (!ticket || !state.canSee(user, ticket)) ? [] : state.attachments.filter((one) => transactions.has(one.transaction));
      const visible = (one: RtFakeAttachment) => state.canSeeTransaction(user, state.transactions.find((txn) => txn.id === one.transaction)!);
      // RT 5.0's Resource.pm calls a method on the parent of a message's top part, which has none: asking for Parent fails.
      if (api.fields().includes('Parent') && rows.some((one) => visible(one) && !one.parent)) {
        return new Response('', { status: 500, headers: { 'Content-Type': 'application/json; charset="utf-8"' } });
      }
      return api.collection(call.request, rows, (one) => row(call, 'attachment', one.id, api.attachmentFields(one)), { counted: false, visible });
    },
  },
  {
    pattern: /^attachment\/(\d+)\/?$/,
    methods: ['GET'],
    handle(call) {
      const { api, state, user } = call;
      const attachment = state.attachments.find((one) => one.id === Number(call.params[0]));
      // RT 5.0 fails on an attachment that does not exist rather than answering 404.
      if (!attachment) return api.error(500, 'Internal Server Error');
      const transaction = state.transactions.find((one) => one.id === attachment.transaction)!;
      if (!state.canSeeTransaction(user, transaction)) return api.error(403, 'Forbidden');
      // The record has no ContentLength, and no Filename when the part has none.
      return api.json({
        id: attachment.id,
        TransactionId: api.ref('transaction', attachment.transaction),
        Parent: attachment.parent ? api.ref('attachment', attachment.parent) : '0',
        ContentType: attachment.contentType,
        ...(attachment.filename ? { Filename: attachment.filename } : {}),
        Subject: attachment.subject,
        Headers: attachment.headers,
        MessageId: '',
        Creator: api.userRef(attachment.creator),
        Created: rtDate(attachment.created),
        Content: mimeBase64(attachment.content),
        _hyperlinks: [{ ref: 'self', type: 'attachment', id: attachment.id, _url: api.url(`attachment/${attachment.id}`) }],
      });
    },
  },
  {
    pattern: /^transaction\/(\d+)\/?$/,
    methods: ['GET'],
    handle(call) {
      const { api, state, user } = call;
      const transaction = state.transactions.find((one) => one.id === Number(call.params[0]));
      if (!transaction) return api.error(404, 'Not Found');
      if (!state.canSeeTransaction(user, transaction)) return api.error(403, 'Forbidden');
      const parts = state.attachments.filter((one) => one.transaction === transaction.id);
      return api.json({
        ...api.transactionFields(transaction),
        _hyperlinks: [
          { ref: 'self', type: 'transaction', id: transaction.id, _url: api.url(`transaction/${transaction.id}`) },
          ...parts.map((one) => ({ ref: 'attachment', _url: api.url(`attachment/${one.id}`) })),
        ],
      });
    },
  },
  {
    // Message.pm: a reply (public) or a comment (internal), refused with a 400 "Permission Denied".
    pattern: /^ticket\/(\d+)\/(correspond|comment)$/,
    methods: ['POST'],
    async handle(call) {
      const { api, state, user } = call;
      const [id, type] = call.params;
      const parsed = await parseBody(call, 'message');
      if (!parsed.ok) return parsed.response;
      const data = parsed.value;
      const files = filesOf(call, data.Attachments, (field) => `${field} is a required field for each attachment in Attachments`);
      if (files instanceof Response) return files;
      if (data.Content && !data.ContentType) return api.error(400, 'ContentType is a required field for application/json');
      const ticket = state.ticket(Number(id));
      const allowed = ticket && (type === 'correspond' ? state.canReply(user, ticket) : state.canComment(user, ticket));
      if (!ticket || !allowed) return api.error(400, 'Permission Denied');
      const transaction = state.addMessage(ticket, type === 'correspond' ? 'Correspond' : 'Comment', user.id, {
        content: data.Content ? String(data.Content) : undefined,
        contentType: data.ContentType === 'text/html' ? 'text/html' : 'text/plain',
        files,
      });
      const said = [type === 'correspond' ? 'Correspondence added' : 'Comments added'];
      if (data.Status) said.push(...update(call, ticket, { Status: data.Status }).map((text) => text.replace(/^Ticket \d+: /, '')));
      return api.json(said, 201, { Location: rtPath(api, `transaction/${transaction.id}`) });
    },
  },
  {
    // Resource/Articles.pm with Collection/QueryByJSON.pm; POST is read as a GET (ProcessPOSTasGET.pm).
    pattern: /^articles\/?$/,
    methods: ['GET', 'POST'],
    handle(call) {
      const { api, state, user, request } = call;
      let content = request.method === 'GET' ? (api.query.get('query') ?? '') : call.body;
      if (request.method === 'POST' && /^application\/json/i.test(request.headers.get('Content-Type') ?? '') && content) {
        // Role/RequestBodyIsJSON.pm: a POST's JSON body must be an array.
        let parsed: unknown;
        try {
          parsed = JSON.parse(content);
        } catch (error) {
          return api.error(400, `JSON parse error: ${(error as Error).message}\n`);
        }
        if (!Array.isArray(parsed)) return api.error(400, 'JSON object must be a ARRAY');
      }
      // QueryByJSON.pm:73-79: no "[" is no query. A query that limits nothing (empty, or only fields skipped) leaves
      // the collection unlimited, and DBIx answers nothing for it (DBIx/SearchBuilder.pm:613): no article at all.
      if (!/\[/.test(content)) content = '[]';
      let clauses: RtJson[];
      try {
        clauses = JSON.parse(content) as RtJson[];
      } catch {
        return api.error(500, 'Internal Server Error');
      }
      const test = articleTest(call, Array.isArray(clauses) ? clauses : []);
      // SortOrder, then Name (Articles.pm:58-66).
      const rows = test ? state.articles.filter(test).sort((a, b) => a.sortOrder - b.sortOrder || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id)) : [];
      // RT reads a page of every article, then drops those of classes the person may not read (Articles.pm:75-81), and
      // counts only for whoever holds ShowArticle globally (Articles.pm:971-974), which no one does here: the fake grants
      // it per class, as the test RT does.
      return api.collection(request, rows, (article) => row(call, 'article', article.id, api.articleFields(article)), {
        counted: false,
        visible: (article) => state.canSeeArticle(user, article),
      });
    },
  },
  {
    // Resource/Article.pm:77-91 with Record/Writable.pm: CreateArticle on the class, RT's words.
    pattern: /^article\/?$/,
    methods: ['POST'],
    async handle(call) {
      const { api, state, user } = call;
      const parsed = await parseBody(call, 'record');
      if (!parsed.ok) return parsed.response;
      const data = parsed.value;
      if (!data.Class) return api.error(400, 'Invalid Class');
      const articleClass = state.articleClass(String(data.Class));
      if (!articleClass || !state.canCreateArticle(user, articleClass)) return api.error(403, 'Permission Denied');
      const fields = (data.CustomFields ?? {}) as RtJson;
      const content = Object.entries(fields).find(([key]) => key === String(state.articleField.id) || key.toLowerCase() === state.articleField.name.toLowerCase())?.[1];
      const article = state.createArticle({
        classId: articleClass.id,
        name: data.Name === undefined ? '' : String(data.Name),
        summary: data.Summary === undefined ? '' : String(data.Summary),
        content: content === undefined ? undefined : String(Array.isArray(content) ? content[0] : content),
        creator: user.id,
      });
      // A name missing or already in the class: RT's own reason is lost (Article.pm:89 unpacks three values from two).
      if (!article) return api.error(400, 'Create failed for unknown reason');
      return api.json({ type: 'article', id: String(article.id), _url: api.url(`article/${article.id}`) }, 201, { Location: rtPath(api, `article/${article.id}`) });
    },
  },
  {
    // Resource/Article.pm:93-97: 404 for no such article, 403 without ShowArticle on its class.
    pattern: /^article\/(\d+)\/?$/,
    methods: ['GET'],
    handle(call) {
      const { api, state, user } = call;
      const article = state.articles.find((one) => one.id === Number(call.params[0]));
      if (!article) return api.error(404, 'Not Found');
      if (!state.canSeeArticle(user, article)) return api.error(403, 'Forbidden');
      return api.json(api.articleRecord(article));
    },
  },
  {
    // Resource/CustomField.pm, Record.pm:101-119: SeeCustomField on the field itself, else 403 — for a field that does
    // not exist too, which no one may see.
    pattern: /^customfield\/(\d+)\/?$/,
    methods: ['GET'],
    handle(call) {
      const { api, state } = call;
      const id = Number(call.params[0]);
      const article = state.articleField.id === id ? state.articleField : undefined;
      const ticketField = state.customFields.find((field) => field.id === id);
      if (article ? !state.canSeeArticleContent() : !ticketField) return api.error(403, 'Forbidden');
      const [name, type, lookup, hint, description] = article
        ? [article.name, article.type, 'RT::Class-RT::Article', article.type === 'HTML' ? 'Fill in one HTML area' : 'Fill in one text area', 'Content']
        : [ticketField!.name, 'Freeform', 'RT::Queue-RT::Ticket', 'Enter one value', ''];
      return api.json({
        id,
        Name: name,
        Description: description,
        Type: type,
        LookupType: lookup,
        MaxValues: '1',
        EntryHint: hint,
        Pattern: '',
        SortOrder: '0',
        UniqueValues: '0',
        Disabled: '0',
        Creator: api.userRef(1),
        Created: rtDate(state.born),
        LastUpdatedBy: api.userRef(1),
        LastUpdated: rtDate(state.born),
        _hyperlinks: [{ ref: 'self', type: 'customfield', id, _url: api.url(`customfield/${id}`) }],
      });
    },
  },
  {
    pattern: /^user\/([^/]+)\/?$/,
    methods: ['GET'],
    handle(call) {
      const { api, state, user } = call;
      const found = state.user(decodeURIComponent(call.params[0]));
      // User.pm: an unprivileged user may read their own record only.
      if (!user.privileged && found?.id !== user.id) return api.error(403, 'Forbidden');
      if (!found) return api.error(404, 'Not Found');
      return api.json({
        ...userFields(found),
        Creator: api.userRef(1),
        LastUpdatedBy: api.userRef(1),
        Created: rtDate(state.born),
        LastUpdated: rtDate(state.born),
        Memberships: [],
        CustomFields: [],
        _hyperlinks: [
          { ref: 'self', type: 'user', id: found.id, _url: api.url(`user/${found.id}`) },
          { ref: 'history', _url: api.url(`user/${found.id}/history`) },
        ],
      });
    },
  },
  {
    pattern: /^queue\/([^/]+)\/?$/,
    methods: ['GET'],
    handle(call) {
      const { api, state, user } = call;
      const queue = state.queue(decodeURIComponent(call.params[0]));
      if (!queue) return api.error(404, 'Not Found');
      if (!state.canCreateIn(user, queue)) return api.error(403, 'Forbidden');
      return api.json({
        id: queue.id,
        Name: queue.name,
        Description: queue.description,
        Lifecycle: 'default',
        Disabled: '0',
        TicketCustomFields: state.customFields
          .filter((field) => field.queues.includes(queue.id))
          .map((field) => ({ ...api.ref('customfield', field.id), ref: 'customfield', name: field.name })),
        _hyperlinks: [
          { ref: 'self', type: 'queue', id: queue.id, _url: api.url(`queue/${queue.id}`) },
          { ref: 'history', _url: api.url(`queue/${queue.id}/history`) },
          { ref: 'create', type: 'ticket', _url: api.url(`ticket?Queue=${queue.id}`) },
        ],
      });
    },
  },
];
