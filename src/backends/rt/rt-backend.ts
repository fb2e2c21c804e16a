/**
 * Request Tracker 5's REST2 API (`/REST/2.0`, BACKENDS.md §3) behind HelpdeskBackend.
 *
 * Auth: every call carries the person's RT auth token (`Authorization: token …`) or their
 * login and password (Basic): REST2 has no session to open, so a password stays in memory
 * (never stored) for as long as the adapter lives, and is dropped as soon as RT refuses it.
 * RT answers a browser's refused credentials with a 302 to its login page, never a 401
 * (REST2's Auth middleware treats any "Mozilla" User-Agent as a browser): calls are made
 * with `redirect: 'manual'`, and the opaque redirect is an 'auth' failure.
 *
 * Tickets: the person's are those they are Requestor of (TicketSQL `Requestor.id =
 * '__CurrentUser__'`); the thread is the ticket's history, of which only the creation and
 * the correspondence are shown (comments are internal), each with its MIME parts: the text
 * part is read with `attachment/:id`, the others are its files. Closing is a status change
 * to `resolved`, which RT allows only with the lifecycle's right (ModifyTicket by default):
 * each ticket says whether the person may, from RT's own `lifecycle` links. Reopening is
 * the person's answer: RT's "On Correspond Open Inactive Tickets" scrip reopens the ticket.
 *
 * People kept informed: RT's Cc role, named at creation and added to later (`addPeople`),
 * which a PUT of the whole list does; RT asks ModifyTicket for adding anyone else.
 *
 * Articles: the articles of the classes the person may read, in a piece of their own
 * (`articles.ts`, loaded by `articles()`).
 *
 * Exactly once: the submission id goes into the ticket custom field the configuration
 * names (`submissionField`), and a ticket sent again after a lost answer is first looked
 * for with `CF.{field} = 'id'`. Without that field RT keeps no trace of a submission, and a
 * ticket whose answer was lost may be created twice.
 */
import * as z from 'zod/mini';
import type { RtBackendConfig } from './config.js';
import type { ArticleSource } from '../../core/articles.js';
import { HelpdeskError, type HelpdeskErrorKind } from '../../core/errors.js';
import type {
  Category,
  CreatedTicket,
  EquipmentItem,
  NewTicket,
  PostedReply,
  RichText,
  TicketDetail,
  TicketDocument,
  TicketPage,
  TicketPageQuery,
  TicketReply,
} from '../../core/ticket.js';
import { isEmail } from '../../core/validation.js';
import { kindForStatus, requestJson, type HttpResponse } from '../http.js';
import { buildTicketContent, buildTicketText, textToHtml } from '../message.js';
import type { CallOptions, CreateTicketOptions, Credentials, CredentialsProvider, HelpdeskBackend } from '../types.js';
import {
  attachmentItem,
  attachmentRecord,
  bodyPartOf,
  ccOf,
  collection,
  createdAnswer,
  errorAnswer,
  isPublic,
  messagesAnswer,
  partsByTransaction,
  prioritiesOf,
  rtDate,
  statusOf,
  summaryOf,
  threadOf,
  ticketItem,
  ticketRecord,
  transactionItem,
  userRecord,
  type RtTicket,
} from './answers.js';
import { base64ToBytes, decodeText, fileToBase64 } from './base64.js';
import { RT_CAPABILITIES } from './capabilities.js';

type Held = Credentials | CredentialsProvider | undefined;

/** Parses an answer; a wrong shape is a 'bad-response' saying where. */
function parseAnswer<T extends z.ZodMiniType>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = z.safeParse(schema, body);
  if (result.success) return result.data;
  const { path, message } = result.error.issues[0];
  throw new HelpdeskError('bad-response', { detail: `${what} answer: ${message} at /${path.join('/')}` });
}

/**
 * RT's `{"message": …}` error as a HelpdeskError. Statuses say most of it; RT answers a
 * reply refused for want of ReplyToTicket (or on a ticket that does not exist) with a 400
 * "Permission Denied" rather than a 403.
 */
function rtError({ status, body }: HttpResponse): HelpdeskError | undefined {
  const parsed = z.safeParse(errorAnswer, body);
  if (!parsed.success) return undefined;
  const { message } = parsed.data;
  const kind: HelpdeskErrorKind = status === 400 && /permission denied/i.test(message) ? 'forbidden' : kindForStatus(status);
  return new HelpdeskError(kind, { status, detail: message });
}

/** A ticket or attachment id from the model, refused before any call when RT could not have made it. */
function rtIdOf(value: string): string {
  if (!/^\d+$/.test(value)) throw new HelpdeskError('not-found', { detail: `${value} is not an RT id` });
  return value;
}

/** A TicketSQL string literal. */
const quoted = (value: string) => `'${value.replace(/[\\']/g, '\\$&')}'`;

/** RT's auth string is "<version>-<user id>-<secret>" (RT::AuthToken::_BuildAuthString). */
const tokenUserId = (token: string) => /^\d+-(\d+)-\S+$/.exec(token)?.[1];

/** Basic auth of UTF-8 text (btoa alone only takes Latin-1). */
const basic = (login: string, password: string) => `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${login}:${password}`)))}`;

/** Collections are read 100 rows a page (RT's maximum); a runaway one stops after this many pages. */
const PAGE = 100;
const MAX_PAGES = 50;

/** The person as RT knows them: what `Requestor` takes is the user id. */
interface Me {
  id: string;
}

/**
 * Whether the person holds ModifyTicket on the ticket, as far as RT shows it: RT makes a `lifecycle` link only for a
 * move the person may make (lib/RT/REST2/Resource/Ticket.pm:193-198), and the default lifecycle asks ModifyTicket
 * for every move but deleting, which asks DeleteTicket (etc/RT_Config.pm:4475-4478).
 */
const mayModify = (ticket: RtTicket) => ticket._hyperlinks.some((one) => one.ref === 'lifecycle' && one.to !== 'deleted');

/** Being handled or waiting for the person: RT's active statuses, as opposed to resolved, rejected, deleted. */
const isActive = (ticket: RtTicket, config: RtBackendConfig) => ['open', 'waiting'].includes(statusOf(ticket.Status ?? '', config).group);

export class RtBackend implements HelpdeskBackend {
  readonly type = 'rt';
  readonly capabilities = RT_CAPABILITIES;

  #config: RtBackendConfig;
  #base: string;
  /** The token or password given, or the host's provider. */
  #held: Held;
  /** What the provider last gave, until RT refuses it. */
  #provided?: Promise<Credentials | undefined>;
  #me?: Promise<Me>;
  /** Replaced whenever the person may have changed: what was read for another person is not kept. */
  #session = {};
  #articles?: Promise<ArticleSource>;

  constructor(config: RtBackendConfig) {
    this.#config = config;
    this.#base = config.url.replace(/\/+$/, '');
    this.#held = config.auth;
  }

  hasCredentials(): boolean {
    return Boolean(this.#held);
  }

  setCredentials(credentials: Held): void {
    const held = this.#held as { userToken?: string; login?: string; password?: string } | undefined;
    const given = credentials as typeof held;
    const same =
      credentials === this.#held ||
      (given && held && typeof given === 'object' && given.userToken === held.userToken && given.login === held.login && given.password === held.password);
    if (same) return;
    this.#held = credentials;
    this.#forget();
  }

  async signIn(credentials?: Credentials, { signal }: CallOptions = {}): Promise<void> {
    if (credentials) this.setCredentials(credentials);
    // REST2 has nothing to open: asking RT who the person is checks the credentials now.
    this.#me = undefined;
    await this.#whoAmI(signal);
  }

  async signOut(): Promise<void> {
    // Nothing lives on RT's side: forgetting the credentials is signing out.
    this.#held = undefined;
    this.#forget();
  }

  async listCategories(): Promise<Category[]> {
    return [];
  }

  async listEquipment(): Promise<EquipmentItem[]> {
    return [];
  }

  /** Without `submissionField` nothing can be found: the outbox then waits until an earlier attempt cannot be running. */
  async findSubmission(submissionId: string, _ticket: NewTicket, { signal }: CallOptions = {}): Promise<{ id: string } | undefined> {
    const { submissionField } = this.#config;
    const found = submissionField === undefined ? undefined : await this.#findSubmission(submissionField, submissionId, signal);
    return found === undefined ? undefined : { id: found };
  }

  async createTicket(ticket: NewTicket, { signal, submissionId, mayExist }: CreateTicketOptions = {}): Promise<CreatedTicket> {
    const { submissionField, customFields, contentType, queue } = this.#config;
    if (submissionId && mayExist && submissionField !== undefined) {
      // Files travel in the same request as the ticket: a ticket found has them all.
      const found = await this.#findSubmission(submissionField, submissionId, signal);
      if (found) return { id: found, url: this.#ticketUrl(found), failedAttachments: [] };
    }
    const fields: Record<string, string> = {};
    for (const answer of ticket.answers) {
      const field = customFields[answer.id];
      if (field !== undefined && answer.value.trim()) fields[String(field)] = answer.value.trim();
    }
    // What finds this ticket again after an answer lost on the way back.
    if (submissionId && submissionField !== undefined) fields[String(submissionField)] = submissionId;
    const body = {
      Queue: queue,
      Subject: ticket.title,
      // RT makes no one the requester of a ticket created through REST2 unless told: without
      // it the person could not see their own ticket.
      Requestor: Number((await this.#whoAmI(signal)).id),
      // People kept informed: RT's Cc role takes addresses separated by commas, and makes users of unknown
      // ones (RT 5.0.3, `_ResolveRoles` → `ParseInputPrincipals`); any creator may fill it (`Create`'s %acls).
      ...(ticket.cc?.length ? { Cc: ticket.cc.join(', ') } : {}),
      Content: contentType === 'text/html' ? buildTicketContent(ticket) : buildTicketText(ticket),
      ContentType: contentType,
      Priority: prioritiesOf(this.#config)[ticket.urgency],
      ...(Object.keys(fields).length ? { CustomFields: fields } : {}),
      ...(ticket.attachments.length ? { Attachments: await this.#attachments(ticket.attachments) } : {}),
    };
    let created: z.infer<typeof createdAnswer>;
    try {
      // Sent once: never again here, whatever happens (see CreateTicketOptions).
      created = await this.#call(createdAnswer, 'ticket', signal, { json: body, method: 'POST' });
    } catch (error) {
      // An RT too slow to answer may still be creating the ticket: the next attempt, which looks for
      // it first, must come after RT is done, so not before twice the time given up on.
      if ((error as HelpdeskError | undefined)?.kind !== 'timeout') throw error;
      const retryAfter = Math.ceil((2 * this.#config.timeout) / 1000);
      throw new HelpdeskError('timeout', { detail: (error as HelpdeskError).detail, retryAfter, cause: error });
    }
    const id = String(created.id);
    // The files went with the ticket, in its creation transaction: all of them or no ticket.
    return { id, url: this.#ticketUrl(id), failedAttachments: [] };
  }

  /** The person's ticket an earlier attempt created with this submission id, if any. */
  async #findSubmission(field: string | number, submissionId: string, signal?: AbortSignal): Promise<string | undefined> {
    const name = typeof field === 'number' ? field : `{${field}}`;
    const query = `Requestor.id = '__CurrentUser__' AND CF.${name} = ${quoted(submissionId)}`;
    const answer = await this.#call(collection(ticketItem), `tickets?query=${encodeURIComponent(query)}&orderby=id&order=ASC&per_page=1`, signal);
    const first = answer.items[0];
    return first && String(first.id);
  }

  async listTickets({ start, limit }: TicketPageQuery, { signal }: CallOptions = {}): Promise<TicketPage> {
    // RT has no organisation: a requester's list is the tickets they are Requestor of, whatever the scope.
    // Its pages are numbered, 100 rows at most: the page holding `start` is read, from `start` on.
    const perPage = Math.min(Math.max(limit, 1), PAGE);
    const page = Math.floor(start / perPage) + 1;
    const query = encodeURIComponent("Requestor.id = '__CurrentUser__'");
    const answer = await this.#call(
      collection(ticketItem),
      // Newest activity first; RT dates to the second, so the id decides between equals.
      `tickets?query=${query}&orderby=LastUpdated&order=DESC&orderby=id&order=DESC&fields=Subject,Status,Created,LastUpdated,Priority&page=${page}&per_page=${perPage}`,
      signal,
    );
    const tickets = answer.items.slice(start - (page - 1) * perPage).map((item) => summaryOf(item, this.#config));
    // RT counts what the person may see, unless its admin turned $UseSQLForACLChecks off: then RT drops the rows
    // the person may not see from each page it read, and only a full page says that more may follow.
    const total = answer.total ?? undefined;
    const more = total === undefined ? answer.count === perPage : (page - 1) * perPage + answer.count < total;
    return { tickets, total, more };
  }

  async getTicket(ticketId: string, { signal }: CallOptions = {}): Promise<TicketDetail> {
    const id = rtIdOf(ticketId);
    // History and attachments answer an empty list for a ticket the person may not see: the ticket's own answer says why.
    const [ticket, history, attachments] = await Promise.all([
      this.#ticket(id, signal),
      this.#all(transactionItem, `ticket/${id}/history?fields=Type,Created,Creator&${encodeURIComponent('fields[Creator]')}=Name,RealName`, signal),
      this.#all(attachmentItem, `ticket/${id}/attachments?fields=TransactionId,ContentType,Filename,ContentLength,Created`, signal),
    ]);
    const parts = partsByTransaction(attachments);
    const bodies = new Map<string, RichText>();
    await Promise.all(
      history.filter(isPublic).map(async (transaction) => {
        const body = bodyPartOf(parts.get(String(transaction.id)) ?? []);
        if (body) bodies.set(String(body.id), await this.#text(String(body.id), signal));
      }),
    );
    const summary = summaryOf(ticket, this.#config);
    return {
      ...summary,
      entries: threadOf(history, parts, bodies),
      // RT attaches files to messages, never to the ticket itself.
      documents: [],
      solvedAt: ticket.Status === 'resolved' ? rtDate(ticket.Resolved) : undefined,
      actions: this.#actions(ticket, summary.status.group),
      url: this.#ticketUrl(id),
      cc: ccOf(ticket),
    };
  }

  /** What RT lets the person do now, read from the ticket's own links (RT checks the rights when it makes them). */
  #actions(ticket: RtTicket, group: string): TicketDetail['actions'] {
    const links = ticket._hyperlinks;
    const mayAnswer = links.some((one) => one.ref === 'correspond');
    const mayMoveTo = (status: string) => links.some((one) => one.ref === 'lifecycle' && one.to === status);
    const active = group === 'open' || group === 'waiting';
    return {
      // An answer on a resolved ticket reopens it, as RT's scrip does with any correspondence.
      reply: mayAnswer && group !== 'closed',
      approve: false,
      close: active && mayMoveTo('resolved'),
      reopen: !active && ticket.Status !== 'deleted' && (mayAnswer || mayMoveTo('open')),
      // Adding someone else to the Cc role takes ModifyTicket (RT 5.0.3 lib/RT/Ticket.pm:623-639, _HasModifyWatcherRight;
      // Watch only lets a person add themselves). RT says nothing of that right directly: a move its lifecycle offers
      // says the person holds it (`mayModify`). A custom lifecycle asking other rights for its moves may offer none
      // though the person holds ModifyTicket: no add is offered then.
      addPeople: active && mayModify(ticket),
    };
  }

  async downloadDocument(_ticketId: string, document: TicketDocument, { signal }: CallOptions = {}): Promise<Blob> {
    const attachment = await this.#call(attachmentRecord, `attachment/${rtIdOf(document.id)}`, signal);
    const bytes = base64ToBytes(attachment.Content ?? '');
    if (!bytes) throw new HelpdeskError('bad-response', { detail: `attachment/${document.id}: its content is not base64` });
    return new Blob([bytes], { type: attachment.ContentType || document.mime || 'application/octet-stream' });
  }

  async reply(ticketId: string, { text, attachments }: TicketReply, { signal }: CallOptions = {}): Promise<PostedReply> {
    const id = rtIdOf(ticketId);
    if (!text.trim() && !attachments.length) throw new HelpdeskError('validation', { fields: ['text'], detail: 'an empty reply' });
    // Text and files are one correspondence: all of it or nothing.
    await this.#correspond(id, text, attachments, signal);
    return { failedAttachments: [] };
  }

  async approveSolution(): Promise<void> {
    throw new HelpdeskError('forbidden', { detail: 'RT has no solution to approve' });
  }

  async refuseSolution(): Promise<void> {
    throw new HelpdeskError('forbidden', { detail: 'RT has no solution to refuse' });
  }

  async closeTicket(ticketId: string, { signal }: CallOptions = {}): Promise<void> {
    const id = rtIdOf(ticketId);
    // RT answers 200 with its sentences even when it refused (“Permission Denied”): the ticket says what happened.
    const said = await this.#call(messagesAnswer, `ticket/${id}`, signal, { json: { Status: 'resolved' }, method: 'PUT' });
    const ticket = await this.#ticket(id, signal);
    if (isActive(ticket, this.#config)) {
      throw new HelpdeskError('forbidden', { detail: said.join(' ') || `ticket ${id} is still ${ticket.Status}` });
    }
  }

  async reopenTicket(ticketId: string, reason: string, { signal }: CallOptions = {}): Promise<void> {
    const id = rtIdOf(ticketId);
    if (!reason.trim()) throw new HelpdeskError('validation', { fields: ['reason'], detail: 'the technician needs the reason' });
    // The reason is an answer to the technician; RT's default scrip reopens the ticket on it.
    await this.#correspond(id, reason, [], signal);
    let ticket = await this.#ticket(id, signal);
    // An RT without that scrip: the lifecycle's own "Re-open", when the person may.
    if (!isActive(ticket, this.#config) && ticket._hyperlinks.some((one) => one.ref === 'lifecycle' && one.to === 'open')) {
      await this.#call(messagesAnswer, `ticket/${id}`, signal, { json: { Status: 'open' }, method: 'PUT' });
      ticket = await this.#ticket(id, signal);
    }
    if (!isActive(ticket, this.#config)) throw new HelpdeskError('forbidden', { detail: `the answer was added, but RT keeps ticket ${id} ${ticket.Status}` });
  }

  /**
   * Adds people to the Cc role. REST2 has no "add" for a role: a role key replaces the whole
   * list (RT 5.0.3 lib/RT/REST2/Util.pm:488-589 adds the new members and removes those not
   * listed), so the list sent is the one RT holds plus the new addresses. It goes as a JSON
   * array, one entry per person: a string is not split at commas on an update (unlike at
   * creation), RT would keep its first address and drop everyone else (Util.pm:522;
   * User.pm:703-704). Members are sent as RT names them: a user's Name, a group's number.
   * RT makes users of unknown addresses (Record/Role/Roles.pm:428-441), even when it then
   * refuses to add them.
   *
   * RT answers 200 with one sentence per member it added, removed or did not (Util.pm:563-586),
   * in the person's language, so their words are not read: the list read again says what
   * happened. An address is there when the list holds it; one that is not may belong to a
   * user RT names by their login (added as "julien", or already there as "julien": RT's
   * "already Cc", Roles.pm:523-524). More sentences than changes mean RT did not add
   * someone: a refusal when the person lacks ModifyTicket, the only right that lets them add
   * others ("Permission denied", Roles.pm:514-516; the right is read from the lifecycle
   * links, see `#actions`), and the addresses not there are named. An address RT cannot make
   * a user of fails the whole request instead (an empty 500: Util.pm:528-530).
   */
  async addPeople(ticketId: string, emails: readonly string[], { signal }: CallOptions = {}): Promise<string[]> {
    const id = rtIdOf(ticketId);
    const seen = new Set<string>();
    // Each address once (RT would refuse the second as "already Cc"), as first given.
    const asked = emails.map((email) => email.trim()).filter((email) => email && !seen.has(email.toLowerCase()) && seen.add(email.toLowerCase()));
    // One address per entry: a comma or a semicolon would be read by RT as part of one address.
    const wrong = asked.filter((email) => !isEmail(email) || /[,;<>"]/.test(email));
    if (!asked.length || wrong.length) {
      throw new HelpdeskError('validation', { fields: ['cc'], detail: asked.length ? `not an email address: ${wrong.join(', ')}` : 'no address given' });
    }
    const before = await this.#ticket(id, signal);
    const members = (before.Cc ?? []).map((one) => String(one.id));
    const lower = (values: readonly string[]) => new Set(values.map((value) => value.toLowerCase()));
    const fresh = asked.filter((email) => !lower(members).has(email.toLowerCase()));
    if (!fresh.length) return ccOf(before);
    const said = await this.#call(messagesAnswer, `ticket/${id}`, signal, { json: { Cc: [...members, ...fresh] }, method: 'PUT' });
    const after = await this.#ticket(id, signal);
    const now = (after.Cc ?? []).map((one) => String(one.id));
    const changes = now.filter((one) => !members.includes(one)).length + members.filter((one) => !now.includes(one)).length;
    const missing = fresh.filter((email) => !lower(now).has(email.toLowerCase()));
    if (missing.length && said.length > changes && !mayModify(after)) {
      throw new HelpdeskError('forbidden', { fields: ['cc'], detail: `RT did not add ${missing.join(', ')}: ${said.join(' ')}` });
    }
    return ccOf(after);
  }

  articles(): Promise<ArticleSource> {
    const source = (this.#articles ??= import('./articles.js').then(({ rtArticles }) =>
      rtArticles({
        call: (schema, path, signal) => this.#call(schema, path, signal),
        all: (item, path, signal) => this.#all(item, path, signal),
        session: () => this.#session,
        url: (id) => this.#webUrl(`SelfService/Article/Display.html?id=${id}`),
      }),
    ));
    // A piece that failed to load is asked for again next time.
    source.catch(() => {
      if (this.#articles === source) this.#articles = undefined;
    });
    return source;
  }

  // ---- calls ----

  async #correspond(id: string, text: string, files: readonly File[], signal?: AbortSignal): Promise<void> {
    const html = this.#config.contentType === 'text/html';
    const content = html ? textToHtml(text) : text.trim();
    const body = {
      // RT takes files alone, without Content.
      ...(content ? { Content: content, ContentType: this.#config.contentType } : {}),
      ...(files.length ? { Attachments: await this.#attachments(files) } : {}),
    };
    await this.#call(messagesAnswer, `ticket/${id}/correspond`, signal, { json: body, method: 'POST' });
  }

  #attachments(files: readonly File[]) {
    return Promise.all(
      files.map(async (file) => ({ FileName: file.name, FileType: file.type || 'application/octet-stream', FileContent: await fileToBase64(file) })),
    );
  }

  #ticket(id: string, signal?: AbortSignal): Promise<RtTicket> {
    return this.#call(ticketRecord, `ticket/${id}`, signal);
  }

  /** A message's text part, as HTML or plain text. */
  async #text(attachmentId: string, signal?: AbortSignal): Promise<RichText> {
    const part = await this.#call(attachmentRecord, `attachment/${attachmentId}`, signal);
    const value = decodeText(base64ToBytes(part.Content ?? '') ?? new Uint8Array());
    return { format: /html/i.test(part.ContentType ?? '') ? 'html' : 'text', value };
  }

  /**
   * Every row of a collection. RT counts rows only for those who may see them all (`total` null
   * otherwise) and drops the rows the person may not see from each page after reading it (a
   * ticket's comments), so a short page proves nothing: without a count, pages are read until
   * an empty one.
   */
  async #all<T extends z.ZodMiniType>(item: T, path: string, signal?: AbortSignal): Promise<z.infer<T>[]> {
    const rows: z.infer<T>[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const answer = await this.#call(collection(item), `${path}&per_page=${PAGE}&page=${page}`, signal);
      rows.push(...answer.items);
      if (!answer.next_page && (typeof answer.pages === 'number' || !answer.count)) break;
    }
    return rows;
  }

  /** Who the person is: the user id from an auth token, or their record for a login (which also proves the password). */
  #whoAmI(signal?: AbortSignal): Promise<Me> {
    if (this.#me) return this.#me;
    const me = (async () => {
      const credentials = await this.#credentials();
      const who = 'userToken' in credentials ? tokenUserId(credentials.userToken) : credentials.login;
      if (who === undefined) throw new HelpdeskError('setup', { detail: "the RT auth token is not of RT's form <version>-<user id>-<secret>" });
      const user = await this.#call(userRecord, `user/${encodeURIComponent(who)}`, signal);
      return { id: String(user.id) };
    })();
    // A failure is not kept: the next call asks again.
    me.catch(() => {
      if (this.#me === me) this.#me = undefined;
    });
    return (this.#me = me);
  }

  /** The credentials to send: those given, or what the host's provider gives. */
  async #credentials(): Promise<Credentials> {
    const held = this.#held;
    const credentials = typeof held === 'function' ? await (this.#provided ??= Promise.resolve(held())) : held;
    if (!credentials) {
      this.#provided = undefined;
      throw new HelpdeskError('auth', { detail: 'no credentials' });
    }
    return credentials;
  }

  /** One JSON call to RT, its answer checked against `schema`. */
  async #call<T extends z.ZodMiniType>(schema: T, path: string, signal?: AbortSignal, body?: { json: unknown; method: 'POST' | 'PUT' }): Promise<z.infer<T>> {
    const credentials = await this.#credentials();
    try {
      const response = await requestJson({
        url: `${this.#base}/${path}`,
        method: body?.method,
        json: body?.json,
        headers: { Authorization: 'userToken' in credentials ? `token ${credentials.userToken}` : basic(credentials.login, credentials.password) },
        timeout: this.#config.timeout,
        signal,
        endpointName: 'REST/2.0',
        toError: rtError,
        // RT's answer to refused credentials is a redirect to its login page.
        redirect: 'manual',
        // RT 5.0 answers 500 to the If-Modified-Since of a browser revalidating what it cached.
        cache: 'no-store',
      });
      return parseAnswer(schema, response.body, path.split('?')[0]);
    } catch (error) {
      if ((error as HelpdeskError | undefined)?.kind === 'auth') this.#refused(credentials);
      throw error;
    }
  }

  /** RT refused these credentials: a password or what a provider gave is not tried again. */
  #refused(credentials: Credentials): void {
    if (this.#held === credentials && 'password' in credentials) this.#held = undefined;
    this.#provided = undefined;
    this.#me = undefined;
    this.#session = {};
  }

  #forget(): void {
    this.#provided = undefined;
    this.#me = undefined;
    this.#session = {};
  }

  /** A page of RT's web interface beside the REST2 root; none when the URL is not a REST2 root (a proxy's own path). */
  #webUrl(page: string): string | undefined {
    const root = /(.*)\/REST\/2\.0$/.exec(this.#base)?.[1];
    return root === undefined ? undefined : `${root}/${page}`;
  }

  #ticketUrl(id: string): string | undefined {
    // Ids are digits: nothing to encode. Requesters see their tickets on RT's self-service pages.
    return this.#config.ticketUrl?.replaceAll('{id}', id) ?? this.#webUrl(`SelfService/Display.html?id=${id}`);
  }
}
