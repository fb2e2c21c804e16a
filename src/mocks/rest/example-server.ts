/**
 * The example server of the REST protocol (docs/rest-protocol.md), written once as a
 * fetch-style handler, `(request) => Promise<Response>`, over an in-memory store:
 * the tests and the demo run it in the browser through msw (`createRestFake`), and
 * `examples/rest-server.mjs` serves it with node:http. It is meant to be read by
 * whoever implements the routes in a real application: every rule the widget relies
 * on is here, in the order a request meets it.
 */
import { REST_STATUS_LABELS, RestStore, type RestDocument, type RestEntry, type RestPerson, type RestTicket } from './store.js';

/** The protocol's optional parts, all on unless switched off (the widget's `features` must say the same). */
export interface RestFeatures {
  categories: boolean;
  attachments: boolean;
  approval: boolean;
  organisationTickets: boolean;
  articles: boolean;
}

export interface RestExampleServerOptions {
  /** The path the protocol is served under (the widget's `url`). Default `/api/support`. */
  basePath?: string;
  store?: RestStore;
  features?: Partial<RestFeatures>;
  /** Per file, in bytes: larger files are refused, the ticket or reply is still accepted (`rejectedFiles`). Default 10 MB. */
  maxFileSize?: number;
  /** Where the person sees a ticket in the host application; `{id}` is replaced. Default none. */
  ticketUrl?: string;
  /** Where the person reads a help page in the host application; `{id}` is replaced. Default none. */
  articleUrl?: string;
}

/** What the handler needs besides the request: the cookies, where the runtime hides them from the request (msw). */
export interface RestRequestContext {
  cookies?: Record<string, string>;
}

export type RestHandler = (request: Request, context?: RestRequestContext) => Promise<Response>;

export interface RestExampleServer {
  handle: RestHandler;
  store: RestStore;
  features: RestFeatures;
  basePath: string;
}

/** The name of the host's session cookie in the example. */
export const REST_SESSION_COOKIE = 'support_session';

const URGENCIES = ['very-low', 'low', 'medium', 'high', 'very-high'];
const TYPES = ['incident', 'request'];
const GROUP_OF = { new: 'open', 'in-progress': 'open', waiting: 'waiting', solved: 'solved', closed: 'closed' } as const;

/** A problem answer (RFC 9457): every 4xx and 5xx of the protocol has this shape. */
export function problem(status: number, code: string, title: string, extra: { detail?: string; fields?: string[]; headers?: Record<string, string> } = {}): Response {
  const { headers, ...members } = extra;
  return new Response(JSON.stringify({ type: 'about:blank', title, status, code, ...members }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** A request the route refuses: thrown inside the handler, answered as a problem. */
class Refusal extends Error {
  constructor(readonly response: Response) {
    super(`HTTP ${response.status}`);
  }
}

const invalid = (fields: string[], detail: string) => new Refusal(problem(422, 'invalid', 'The request is not valid', { fields, detail }));

export function createRestExampleServer(options: RestExampleServerOptions = {}): RestExampleServer {
  const basePath = (options.basePath ?? '/api/support').replace(/\/+$/, '');
  const store = options.store ?? new RestStore();
  const features: RestFeatures = { categories: true, attachments: true, approval: true, organisationTickets: true, articles: true, ...options.features };
  const maxFileSize = options.maxFileSize ?? 10 * 1024 * 1024;

  // ---- who is asking ----

  /**
   * The person: a bearer token, else the host's session cookie. A cookie-authenticated call
   * that changes something must carry `X-Requested-With`: a form on another site cannot set
   * it, so this is the CSRF check (with SameSite cookies, a second line of defence).
   */
  function personOf(request: Request, context: RestRequestContext): RestPerson {
    const authorization = request.headers.get('Authorization');
    if (authorization) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      const person = token && store.people.find((candidate) => candidate.token === token);
      if (!person) throw new Refusal(problem(401, 'unauthenticated', 'The token is not valid', { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } }));
      return person;
    }
    const session = (context.cookies ?? cookiesOf(request))[REST_SESSION_COOKIE];
    const person = session && store.people.find((candidate) => candidate.session === session);
    if (!person) throw new Refusal(problem(401, 'unauthenticated', 'Sign in to the application first', { headers: { 'WWW-Authenticate': 'Bearer' } }));
    if (request.method !== 'GET' && !request.headers.get('X-Requested-With')) {
      throw new Refusal(problem(403, 'forbidden', 'Missing X-Requested-With header', { detail: 'cookie-authenticated changes need it (CSRF)' }));
    }
    return person;
  }

  /** A ticket the person may see: their own, or their organisation's when that feature is on; else 404, which says nothing of its existence. */
  function visibleTicket(person: RestPerson, id: string): RestTicket {
    const ticket = store.ticket(id);
    const requester = ticket && store.person(ticket.requesterId);
    const visible = ticket && (ticket.requesterId === person.id || (features.organisationTickets && requester?.organisation === person.organisation));
    if (!visible) throw new Refusal(problem(404, 'not-found', 'No such ticket', { detail: `ticket ${id}` }));
    return ticket;
  }

  // ---- what the protocol answers ----

  const ticketUrl = (id: string) => options.ticketUrl?.replaceAll('{id}', encodeURIComponent(id));
  const at = (date: Date) => date.toISOString();

  function summaryOf(ticket: RestTicket, withRequester: boolean) {
    return {
      id: ticket.id,
      title: ticket.title,
      status: { group: GROUP_OF[ticket.status], code: ticket.status, label: REST_STATUS_LABELS[ticket.status] },
      urgency: ticket.urgency,
      type: ticket.type,
      openedAt: at(ticket.openedAt),
      updatedAt: at(ticket.updatedAt),
      ...(withRequester ? { requester: store.person(ticket.requesterId)?.name ?? ticket.requesterId } : {}),
    };
  }

  const documentOf = ({ id, file, date }: RestDocument) => ({ id, name: file.name, mime: file.type || 'application/octet-stream', size: file.size, date: at(date) });

  /** The last solution, when it waits for the person's answer. */
  const waitingSolution = (ticket: RestTicket) => {
    const last = [...ticket.entries].reverse().find((entry) => entry.kind === 'solution');
    return last?.approval === 'waiting' ? last : undefined;
  };

  /** The rules of the example's workflow; a real server says what its own allow. */
  function actionsOf(ticket: RestTicket) {
    const solved = ticket.status === 'solved';
    const awaitingApproval = features.approval && solved && Boolean(waitingSolution(ticket));
    return {
      reply: ticket.status !== 'closed',
      approve: awaitingApproval,
      // A solved ticket is closed by approving it when approval exists.
      close: !['closed', ...(awaitingApproval ? ['solved'] : [])].includes(ticket.status),
      reopen: ticket.status === 'closed' || (solved && !awaitingApproval),
    };
  }

  function detailOf(ticket: RestTicket, person: RestPerson) {
    const category = store.categories.find((candidate) => candidate.id === ticket.categoryId);
    return {
      ...summaryOf(ticket, ticket.requesterId !== person.id),
      ...(category ? { category: category.name } : {}),
      entries: ticket.entries.map((entry: RestEntry) => ({
        id: entry.id,
        kind: entry.kind,
        author: entry.authorName,
        date: at(entry.date),
        body: { format: entry.format, value: entry.body },
        ...(entry.approval && features.approval ? { approval: entry.approval } : {}),
        documents: entry.documents.map(documentOf),
      })),
      documents: [],
      ...(ticket.solvedAt && ['solved', 'closed'].includes(ticket.status) ? { solvedAt: at(ticket.solvedAt) } : {}),
      actions: actionsOf(ticket),
      ...(ticketUrl(ticket.id) ? { url: ticketUrl(ticket.id) } : {}),
    };
  }

  // ---- reading requests ----

  /** A JSON body, or the JSON field `field` and the `files` of a multipart form. */
  async function bodyOf(request: Request, field: string): Promise<{ body: unknown; files: File[] }> {
    const type = request.headers.get('Content-Type') ?? '';
    if (/^multipart\/form-data/i.test(type)) {
      const form = await request.formData().catch(() => undefined);
      if (!form) throw new Refusal(problem(400, 'invalid', 'The multipart body cannot be read'));
      const files = form.getAll('files').filter((part): part is File => typeof part !== 'string');
      if (files.length && !features.attachments) throw invalid(['files'], 'this server takes no files');
      const value = form.get(field);
      if (field === 'text') return { body: { text: typeof value === 'string' ? value : '' }, files };
      return { body: typeof value === 'string' ? parseJson(value) : undefined, files };
    }
    if (!/^application\/json/i.test(type)) throw new Refusal(problem(415, 'invalid', 'Send application/json or multipart/form-data'));
    return { body: parseJson(await request.text()), files: [] };
  }

  function parseJson(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      throw new Refusal(problem(400, 'invalid', 'The body is not valid JSON'));
    }
  }

  /** Files over the size limit or of an executable type are refused one by one; the rest is accepted. */
  function sortFiles(files: File[]): { accepted: File[]; rejectedFiles: { name: string; reason: string }[] } {
    const rejectedFiles: { name: string; reason: string }[] = [];
    const accepted = files.filter((file) => {
      const reason = file.size > maxFileSize ? `larger than ${maxFileSize} bytes` : /\.(exe|bat|cmd|com|js|msi|scr|vbs)$/i.test(file.name) ? 'executable files are not accepted' : '';
      if (reason) rejectedFiles.push({ name: file.name, reason });
      return !reason;
    });
    return { accepted, rejectedFiles };
  }

  const isText = (value: unknown, max = Infinity): value is string => typeof value === 'string' && value.trim() !== '' && value.length <= max;

  /** The fields of a new ticket that are missing or wrong. */
  function ticketProblems(body: Record<string, unknown>): string[] {
    const wrong: string[] = [];
    if (!TYPES.includes(body.type as string)) wrong.push('type');
    if (!URGENCIES.includes(body.urgency as string)) wrong.push('urgency');
    if (!isText(body.title, 255)) wrong.push('title');
    if (!isText(body.description)) wrong.push('description');
    const content = body.content as Record<string, unknown> | undefined;
    if (!content || !isText(content.text) || !isText(content.html)) wrong.push('content');
    const answers = body.answers;
    if (!Array.isArray(answers) || !answers.every((answer: Record<string, unknown>) => isText(answer?.id) && typeof answer?.label === 'string' && isText(answer?.value))) wrong.push('answers');
    if (body.categoryId !== undefined && !(features.categories && store.categories.some((category) => category.id === body.categoryId))) wrong.push('categoryId');
    if (body.callbackPhone !== undefined && !isText(body.callbackPhone)) wrong.push('callbackPhone');
    const followUp = body.followUp as Record<string, unknown> | undefined;
    if (followUp !== undefined && (typeof followUp?.byEmail !== 'boolean' || (followUp.email !== undefined && !isText(followUp.email)))) wrong.push('followUp');
    return wrong;
  }

  // ---- the routes ----

  /** POST /tickets: creates once per Idempotency-Key (the widget's submission id). */
  async function createTicket(request: Request, person: RestPerson): Promise<Response> {
    const key = request.headers.get('Idempotency-Key');
    if (key !== null && !/^[\w-]{1,200}$/.test(key)) throw invalid(['Idempotency-Key'], 'letters, digits, "-" and "_", 200 at most');
    const { body, files } = await bodyOf(request, 'ticket');
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid(['ticket'], 'a JSON object is expected');
    const input = body as Record<string, unknown>;
    const wrong = ticketProblems(input);
    if (wrong.length) throw invalid(wrong, `wrong or missing: ${wrong.join(', ')}`);

    const fingerprint = JSON.stringify([input.title, input.type, input.urgency, input.description]);
    const slot = key && `${person.id} ${key}`;
    const earlier = slot ? store.idempotency.get(slot) : undefined;
    if (earlier) {
      // The same request again (its answer was lost): the same ticket, 200 instead of 201.
      if (earlier.fingerprint !== fingerprint) throw new Refusal(problem(422, 'key-reused', 'This Idempotency-Key was used for another ticket', { fields: ['Idempotency-Key'] }));
      return created(earlier.ticketId, earlier.rejectedFiles, 200);
    }

    const { accepted, rejectedFiles } = sortFiles(files);
    const ticket = store.addTicket({
      title: (input.title as string).trim(),
      description: (input.content as { text: string }).text,
      requesterId: person.id,
      type: input.type as RestTicket['type'],
      urgency: input.urgency as RestTicket['urgency'],
      categoryId: input.categoryId as string | undefined,
    });
    ticket.answers = input.answers as RestTicket['answers'];
    ticket.callbackPhone = input.callbackPhone as string | undefined;
    ticket.followUp = input.followUp as RestTicket['followUp'];
    ticket.entries[0].documents = accepted.map((file) => ({ id: store.newId(), file, date: ticket.openedAt }));
    if (slot) store.idempotency.set(slot, { fingerprint, ticketId: ticket.id, rejectedFiles });
    return created(ticket.id, rejectedFiles, 201);
  }

  function created(id: string, rejectedFiles: { name: string; reason: string }[], status: 200 | 201): Response {
    const headers: Record<string, string> = { Location: `${basePath}/tickets/${encodeURIComponent(id)}` };
    if (status === 200) headers['Idempotent-Replayed'] = 'true';
    return json({ id, ...(ticketUrl(id) ? { url: ticketUrl(id) } : {}), ...(rejectedFiles.length ? { rejectedFiles } : {}) }, status, headers);
  }

  /** GET /tickets?scope=mine|organisation&start=&limit= */
  function listTickets(url: URL, person: RestPerson): Response {
    const scope = url.searchParams.get('scope') ?? 'mine';
    const start = Number(url.searchParams.get('start') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const wrong = [
      ...(scope === 'mine' || (scope === 'organisation' && features.organisationTickets) ? [] : ['scope']),
      ...(Number.isInteger(start) && start >= 0 ? [] : ['start']),
      ...(Number.isInteger(limit) && limit > 0 ? [] : ['limit']),
    ];
    if (wrong.length) throw new Refusal(problem(400, 'invalid', 'Wrong query parameters', { fields: wrong }));
    const rows = store.tickets
      .filter((ticket) => ticket.requesterId === person.id || (scope === 'organisation' && store.person(ticket.requesterId)?.organisation === person.organisation))
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || Number(b.id) - Number(a.id));
    // Never more than 100 rows per page, whatever was asked.
    const page = rows.slice(start, start + Math.min(limit, 100));
    return json({ tickets: page.map((ticket) => summaryOf(ticket, scope === 'organisation')), total: rows.length, more: start + page.length < rows.length });
  }

  /** POST /tickets/:id/replies */
  async function reply(request: Request, person: RestPerson, ticket: RestTicket): Promise<Response> {
    const { body, files } = await bodyOf(request, 'text');
    const text = (body as { text?: unknown } | undefined)?.text;
    if (typeof text !== 'string') throw invalid(['text'], 'text is expected');
    if (!text.trim() && !files.length) throw invalid(['text'], 'an empty reply');
    if (!actionsOf(ticket).reply) throw new Refusal(problem(409, 'not-allowed', 'This ticket is closed: reopen it to reply'));
    const { accepted, rejectedFiles } = sortFiles(files);
    const entry = store.addEntry(ticket, 'followup', text.trim(), { authorId: person.id, files: accepted });
    // The person answered the question the technician asked.
    if (ticket.status === 'waiting') ticket.status = 'in-progress';
    return json({ id: entry.id, ...(rejectedFiles.length ? { rejectedFiles } : {}) }, 201);
  }

  /** POST /tickets/:id/transitions */
  async function transition(request: Request, person: RestPerson, ticket: RestTicket): Promise<Response> {
    const { body } = await bodyOf(request, 'transition');
    const { action, reason } = (body ?? {}) as { action?: unknown; reason?: unknown };
    const needsReason = action === 'reopen' || action === 'refuse';
    const known = ['close', 'reopen', ...(features.approval ? ['approve', 'refuse'] : [])];
    if (typeof action !== 'string' || !known.includes(action)) throw invalid(['action'], `one of ${known.join(', ')}`);
    if (needsReason ? !isText(reason) : reason !== undefined && typeof reason !== 'string') throw invalid(['reason'], 'say why: the technician reads it');
    const allowed = actionsOf(ticket);
    const may = { close: allowed.close, reopen: allowed.reopen, approve: allowed.approve, refuse: allowed.approve }[action as 'close'];
    if (!may) throw new Refusal(problem(409, 'not-allowed', `This ticket cannot be ${action === 'close' ? 'closed' : action === 'reopen' ? 'reopened' : 'answered'} now`, { detail: `status ${ticket.status}` }));
    const now = store.clock();
    const solution = waitingSolution(ticket);
    if (action === 'approve' || action === 'refuse') solution!.approval = action === 'approve' ? 'accepted' : 'refused';
    if (needsReason) store.addEntry(ticket, 'followup', (reason as string).trim(), { authorId: person.id, date: now });
    ticket.status = action === 'close' || action === 'approve' ? 'closed' : 'in-progress';
    if (ticket.status === 'in-progress') ticket.solvedAt = undefined;
    ticket.updatedAt = now > ticket.updatedAt ? now : ticket.updatedAt;
    return json(summaryOf(ticket, ticket.requesterId !== person.id));
  }

  /** GET /tickets/:id/documents/:documentId: the bytes, typed and named. */
  function download(ticket: RestTicket, documentId: string): Response {
    const document = ticket.entries.flatMap((entry) => entry.documents).find((candidate) => candidate.id === documentId);
    if (!document) throw new Refusal(problem(404, 'not-found', 'No such document on this ticket'));
    const { file } = document;
    return new Response(file, {
      headers: {
        'Content-Type': file.type || 'application/octet-stream',
        'Content-Length': String(file.size),
        // RFC 6266: the name in UTF-8, and an ASCII fallback for old clients.
        'Content-Disposition': `attachment; filename="${file.name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      },
    });
  }

  /** GET /categories?type=incident|request */
  function listCategories(url: URL): Response {
    const type = url.searchParams.get('type');
    if (type !== null && !TYPES.includes(type)) throw new Refusal(problem(400, 'invalid', 'Unknown ticket type', { fields: ['type'] }));
    const categories = store.categories.filter((category) => type === null || category.types.includes(type as 'incident'));
    return json({ categories });
  }

  /**
   * GET /articles?q=words&limit=n: the help pages holding any of the words (case and accents
   * ignored), those holding the most first, each with a plain-text excerpt. At most 10.
   */
  function searchArticles(url: URL): Response {
    const words = fold(url.searchParams.get('q') ?? '').split(/\s+/).filter((word) => word.length >= 2);
    const limit = Math.min(Math.max(Number(url.searchParams.get('limit')) || 5, 1), 10);
    const found = store.articles
      .map((article) => ({ article, score: words.filter((word) => fold(`${article.title} ${textOf(article.html)}`).includes(word)).length }))
      .filter(({ score }) => score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map(({ article }) => ({ id: article.id, title: article.title, excerpt: textOf(article.html).slice(0, 200), url: articleUrl(article.id) }));
    return json({ articles: found });
  }

  /** GET /articles/{id}: one help page, its body as HTML. */
  function readArticle(id: string): Response {
    const article = store.articles.find((candidate) => candidate.id === id);
    if (!article) throw new Refusal(problem(404, 'not-found', 'No such article'));
    return json({ id: article.id, title: article.title, body: { format: 'html', value: article.html }, url: articleUrl(article.id) });
  }

  const articleUrl = (id: string) => (options.articleUrl ? options.articleUrl.replaceAll('{id}', encodeURIComponent(id)) : undefined);

  async function route(request: Request, context: RestRequestContext): Promise<Response> {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${basePath}/`)) throw new Refusal(problem(404, 'not-found', 'Not a route of this protocol'));
    const parts = url.pathname.slice(basePath.length + 1).split('/').map(decodeURIComponent);
    const method = request.method;
    const person = personOf(request, context);
    const [resource, id, sub, subId] = parts;
    const wrongMethod = (allowed: string) => new Refusal(problem(405, 'invalid', 'Method not allowed', { headers: { Allow: allowed } }));

    if (resource === 'categories' && parts.length === 1 && features.categories) {
      if (method !== 'GET') throw wrongMethod('GET');
      return listCategories(url);
    }
    if (resource === 'articles' && parts.length <= 2 && features.articles) {
      if (method !== 'GET') throw wrongMethod('GET');
      return parts.length === 1 ? searchArticles(url) : readArticle(id);
    }
    if (resource !== 'tickets') throw new Refusal(problem(404, 'not-found', 'Not a route of this protocol'));
    if (parts.length === 1) {
      if (method === 'GET') return listTickets(url, person);
      if (method === 'POST') return createTicket(request, person);
      throw wrongMethod('GET, POST');
    }
    const ticket = visibleTicket(person, id);
    if (parts.length === 2) {
      if (method !== 'GET') throw wrongMethod('GET');
      return json(detailOf(ticket, person));
    }
    if (parts.length === 3 && sub === 'replies') {
      if (method !== 'POST') throw wrongMethod('POST');
      return reply(request, person, ticket);
    }
    if (parts.length === 3 && sub === 'transitions') {
      if (method !== 'POST') throw wrongMethod('POST');
      return transition(request, person, ticket);
    }
    if (parts.length === 4 && sub === 'documents') {
      if (method !== 'GET') throw wrongMethod('GET');
      return download(ticket, subId);
    }
    throw new Refusal(problem(404, 'not-found', 'Not a route of this protocol'));
  }

  async function handle(request: Request, context: RestRequestContext = {}): Promise<Response> {
    try {
      return await route(request, context);
    } catch (error) {
      if (error instanceof Refusal) return error.response;
      // Never the stack trace: it helps an attacker more than the person.
      console.error(error);
      return problem(500, 'server-error', 'Internal error');
    }
  }

  return { handle, store, features, basePath };
}

/** Lower case without accents: "reseau" finds "Réseau". */
const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** An article's text without its tags, for searching and excerpts. */
const textOf = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();

/** `name=value` pairs of the request's Cookie header (Node; browsers hide it from the page). */
function cookiesOf(request: Request): Record<string, string> {
  const pairs = (request.headers.get('Cookie') ?? '').split(';').map((pair) => pair.trim().split('='));
  return Object.fromEntries(pairs.filter(([name, value]) => name && value !== undefined).map(([name, ...value]) => [name, decodeURIComponent(value.join('='))]));
}
