/**
 * The fake RT's resources, matched as RT's REST2 dispatcher matches them (one regex per
 * path under `/REST/2.0/`), each answering what RT 5.0's resource answers: statuses,
 * bodies and RT's oddities alike (a reply refused is a 400 "Permission Denied", the
 * history of a ticket one may not see is an empty list, an unknown attachment is a 500).
 */
import { fromBase64, mimeBase64, rtDate, userFields, type RtApi, type RtJson } from './protocol.js';
import type { RtFakeUser } from './seed.js';
import { RT_STATUSES, type RtFakeAttachment, type RtFakeFile, type RtFakeState, type RtFakeTicket, type RtStatus } from './state.js';
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
          .map((value) => {
            const found = state.user(value);
            if (found || /^\d+$/.test(value) || !/@/.test(value)) return found?.id;
            const id = state.users.reduce((max, one) => Math.max(max, one.id + 1), 1);
            state.users.push({ id, name: value, realName: '', email: value, password: '', privileged: false });
            return id;
          })
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
        return api.json(update(call, ticket, parsed.value));
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
