/**
 * GLPI's legacy REST API (`apirest.php`, BACKENDS.md §1) behind HelpdeskBackend.
 *
 * Auth: `initSession` with a user token or a login/password gives a session
 * token; only that token is kept (TokenStore, per API URL) and the password is
 * dropped as soon as it has served. Every call carries `Session-Token` (and
 * `App-Token` when configured). When GLPI says the session is invalid, the
 * session is re-opened once if credentials are still at hand (user token or
 * provider); otherwise the person has to sign in again ('auth').
 *
 * Tickets (BACKENDS.md §1.5–1.9): `search/Ticket` for the list, `Ticket/:id` with its
 * follow-ups and solutions for the thread (answers read in `answers.ts`), follow-ups
 * with `add_close` / `add_reopen` to approve, refuse and reopen, `PUT` to close. Cc: the
 * ticket's observers by address (`observers.ts`). Articles: the FAQ, a piece of its own
 * (`articles.ts`).
 */
import * as z from 'zod/mini';
import type { ArticleSource } from '../../core/articles.js';
import type { GlpiBackendConfig } from './config.js';
import { HelpdeskError, toHelpdeskError } from '../../core/errors.js';
import {
  TICKET_TYPES,
  type Category,
  type CreatedTicket,
  type EquipmentItem,
  type NewTicket,
  type PostedReply,
  type TicketDetail,
  type TicketDocument,
  type TicketPage,
  type TicketPageQuery,
  type TicketReply,
  type TicketType,
} from '../../core/ticket.js';
import { urgencyRank } from './urgency.js';
import { sessionTokenStore, type TokenStore } from '../../store/session-token.js';
import { forCaller, requestBlob, requestJson, type HttpRequest } from '../http.js';
import type { CallOptions, CreateTicketOptions, Credentials, CredentialsProvider, HelpdeskBackend } from '../types.js';
import { decodeEntities } from './html.js';
import { glpiError } from './errors.js';
import { glpiId, initSessionAnswer, meOf, name, notEmpty, personOf, session, type Me } from './session.js';
import { GLPI_CAPABILITIES, glpiPersonOf, glpiSessionKey } from './capabilities.js';
import { buildTicketContent, textToHtml } from '../message.js';
import { actorRows, ccOf, mayAddPeople, observerInput, observersAtCreation, uniqueAddresses } from './observers.js';
import {
  documentsOf,
  followupRows,
  type GlpiReading,
  nameOf,
  plain,
  requesterOf,
  rowSummaryOf,
  searchAnswer,
  solutionRows,
  summaryOf,
  threadOf,
  ticketAnswer,
  zonedDate,
} from './answers.js';

export interface GlpiBackendOptions {
  /** Where the session token is kept; sessionStorage (memory when refused) by default. */
  tokenStore?: TokenStore;
}

// ---- GLPI's answers ----
// Only the fields used are checked; GLPI adds many more, and versions disagree on
// whether ids and flags are numbers or numeric strings, so both are accepted.

// Checks are refines: the other check kinds would each add zod code to the script-tag bundle.
/** GLPI flags come as 1/0, "1"/"0" or true/false. */
const flag = z.union([z.boolean(), z.number(), z.string()]);
// `==` on purpose: true, 1 and "1" all equal 1.
const isOn = (value: unknown) => value == 1;
const categoryRows = z.array(
  z.looseObject({ id: glpiId, name, completename: name, is_helpdeskvisible: flag, is_incident: flag, is_request: flag }),
);
const itemRows = z.array(z.looseObject({ id: glpiId, name }));
const userAnswer = z.looseObject({ name, realname: name, firstname: name });
/** `PUT` answers one `{"<id>": true, "message": ""}` per item. */
const updatedAnswer = z.array(z.looseObject({}));
const created = z.looseObject({ id: glpiId });
/** A single add answers `{id, message}`; some versions wrap it in a one-element array. */
const createdAnswer = z.union([created, z.array(created).check(notEmpty)]);
/** `search/Ticket` with `uid_cols`, asked for the ids only. */
const foundAnswer = z.looseObject({ data: z.optional(z.array(z.looseObject({ 'Ticket.id': glpiId }))) });
/**
 * `Ticket::rawSearchOptions` of GLPI 11: 87 is `glpi_tickets.externalid`, "External ID", declared
 * right after getSearchOptionsMain() and so in the 'common' section that a helpdesk (Self-Service)
 * session keeps searchable (the "Filter search fields for helpdesk" block of `src/Ticket.php`).
 * GLPI 10 has neither the column nor the option.
 */
const EXTERNAL_ID_OPTION = 87;
/**
 * 21 is the ticket's description (`glpi_tickets.content`), in the 'common' section of
 * `CommonITILObject::getSearchOptionsMain` (`src/CommonITILObject.php` lines 3993-4000 of 10.0.11),
 * which the helpdesk filter keeps searchable (`src/Ticket.php` lines 3657-3685 of 10.0.11).
 */
const DESCRIPTION_OPTION = 21;
/** `getGlpiConfig`: `cfg_glpi.version` ("10.0.11", "11.0.2") and the server's zone when the admin set one. */
const configAnswer = z.looseObject({
  cfg_glpi: z.looseObject({ version: z.optional(z.string()), timezone: z.optional(z.union([z.string(), z.literal(null)])) }),
});

/** Parses an answer; a wrong shape is a 'bad-response' saying where. */
function parseAnswer<T extends z.ZodMiniType>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = z.safeParse(schema, body);
  if (result.success) return result.data;
  const { path, message } = result.error.issues[0];
  throw new HelpdeskError('bad-response', { detail: `${what} answer: ${message} at /${path.join('/')}` });
}

/** GLPI ids are integers; anything else would be silently dropped by GLPI. */
function glpiNumber(value: string, field: string): number {
  if (!/^\d+$/.test(value)) throw new HelpdeskError('validation', { fields: [field], detail: `${field} is not a GLPI id` });
  return Number(value);
}

/** The reference line that carries the submission id in a GLPI 10 ticket's description. */
const REFERENCE_LABEL = 'Ref.';

// ---- the adapter ----

type Held = Credentials | CredentialsProvider | undefined;
/** What a POST (or, with `method`, a PUT) sends: JSON or a multipart form. */
type Body = { json?: unknown; form?: FormData; method?: 'PUT' };
/** What the server is, asked once per adapter: its major version (undefined when it would not say) and zone. */
interface Server {
  major?: number;
  timeZone?: string;
}

/** A ticket or document id from the model, refused as 'not-found' before any call when GLPI could not have made it. */
function glpiIdOf(value: string): number {
  if (!/^\d+$/.test(value)) throw new HelpdeskError('not-found', { detail: `${value} is not a GLPI id` });
  return Number(value);
}

export class GlpiBackend implements HelpdeskBackend {
  readonly type = 'glpi';
  readonly capabilities = GLPI_CAPABILITIES;

  #config: GlpiBackendConfig;
  #base: string;
  #tokens: TokenStore;
  /** Whose session this is (a personKey of their user token or login); undefined before any is known. */
  #person?: string;
  /** A user token or a provider is kept to re-open expired sessions; a password only until its session exists. */
  #held: Held;
  #me?: Me;
  #opening?: Promise<string>;
  #server?: Promise<Server>;
  #categories?: Category[];
  /** People's names by user id, for the organisation's list; undefined when GLPI would not tell. */
  #names = new Map<string, Promise<string | undefined>>();
  /** The FAQ, loaded once per person (what they may read is theirs). */
  #articles?: Promise<ArticleSource>;

  constructor(config: GlpiBackendConfig, options: GlpiBackendOptions = {}) {
    this.#config = config;
    this.#base = config.url.replace(/\/+$/, '');
    this.#tokens = options.tokenStore ?? sessionTokenStore();
    this.#hold(config.auth);
    // A configured user token names its person; otherwise the session kept in the tab is the last one opened.
    this.#person = glpiPersonOf(config, this.#tokens);
  }

  hasCredentials(): boolean {
    return Boolean(this.#token() || this.#held);
  }

  setCredentials(credentials: Held): void {
    // Hosts set `undefined` before they know better: that must not end a session restored after a reload.
    const held = this.#held as { userToken?: string } | undefined;
    if (credentials === held || (credentials && 'userToken' in credentials && credentials.userToken === held?.userToken)) return;
    // A session belongs to the credentials that opened it: another person (an admin panel switching
    // users without a reload) must not go on in it, so it is ended, on the server too.
    void this.#end();
    this.#hold(credentials);
    if (credentials && typeof credentials !== 'function') this.#person = personOf(credentials);
  }

  async signIn(credentials?: Credentials, { signal }: CallOptions = {}): Promise<void> {
    if (credentials) {
      void this.#end();
      // A password signs in now and is not kept; a user token is kept to re-open expired sessions.
      this.#hold('userToken' in credentials ? credentials : undefined);
    }
    if (credentials || !this.#token()) await this.#open(credentials, signal);
  }

  async signOut(): Promise<void> {
    this.#hold(undefined);
    await this.#end();
  }

  /** Ends the current session: forgotten at once; killed on the server, which would otherwise let it expire on its own. */
  async #end(): Promise<void> {
    const token = this.#token();
    this.#forget();
    if (token) await this.#fetch(z.unknown(), 'killSession', { 'Session-Token': token }).catch(() => undefined);
  }

  async listCategories(type: TicketType, { signal }: CallOptions = {}): Promise<Category[]> {
    // One list serves both types; kept until the credentials change, since the profile decides what it holds.
    this.#categories ??= this.#config.categories
      ? this.#config.categories.map(({ id, name, types }) => ({
          id: String(id),
          name: typeof name === 'string' ? name : (name.fr ?? name.en ?? String(id)),
          label: name,
          types: types ?? [...TICKET_TYPES],
        }))
      : await this.#readCategories(signal);
    return this.#categories.filter((category) => category.types.includes(type));
  }

  /**
   * GLPI's own list, where the profile may read it; none, never a failure, where it may not (a
   * Self-Service session: see Me.helpdesk), so the form simply offers no category.
   */
  async #readCategories(signal?: AbortSignal): Promise<Category[]> {
    const me = await this.#whoAmI(signal);
    if (me.helpdesk || me.readsCategories === false) return [];
    let rows: z.infer<typeof categoryRows>;
    try {
      rows = await this.#list(categoryRows, 'ITILCategory?expand_dropdowns=true&', signal);
    } catch (error) {
      if ((error as HelpdeskError | undefined)?.kind === 'forbidden') return [];
      throw error;
    }
    return rows
      .filter((row) => isOn(row.is_helpdeskvisible))
      .map((row) => ({
        id: String(row.id),
        name: decodeEntities(row.completename || row.name || ''),
        types: TICKET_TYPES.filter((kind) => isOn(row[`is_${kind}` as const])),
      }))
      .filter((category) => category.types.length && category.name)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async listEquipment({ signal }: CallOptions = {}): Promise<EquipmentItem[]> {
    const me = await this.#whoAmI(signal);
    // A Self-Service session may read no asset type (see Me.helpdesk): nothing to offer, and nothing to ask.
    if (me.helpdesk) return [];
    const lists = 'Computer Monitor Printer Phone Peripheral'.split(' ').map(async (kind) => {
      try {
        return (await this.#list(itemRows, `User/${me.id}/${kind}?`, signal)).map((row) => ({
          kind,
          id: String(row.id),
          name: decodeEntities(row.name ?? '') || `${kind} ${row.id}`,
        }));
      } catch (error) {
        // Profiles often may not read some asset types; the others are still worth offering.
        if (/forbidden|not-found/.test((error as HelpdeskError | undefined)?.kind ?? '')) return [];
        throw error;
      }
    });
    return (await Promise.all(lists)).flat();
  }

  async createTicket(ticket: NewTicket, { signal, submissionId, mayExist }: CreateTicketOptions = {}): Promise<CreatedTicket> {
    const [server, me] = await Promise.all([this.#serverInfo(signal), this.#whoAmI(signal)]);
    // GLPI 11 keeps the submission id in `externalid`; GLPI 10 has no such column and drops the key
    // (see EXTERNAL_ID_OPTION), so there, and on a server that would not say its version, the id
    // goes in a reference line of the description, which a Self-Service search can find again.
    const inContent = server.major !== 11;
    if (submissionId && mayExist) {
      const found = await this.#findSubmission(submissionId, inContent, signal);
      if (found) return this.#created(found, await this.#missingFiles(found, ticket.attachments, signal), signal);
    }
    const { categoryId, equipment, followUp } = ticket;
    const input: Record<string, unknown> = {
      name: ticket.title,
      content: buildTicketContent(ticket) + (submissionId && inContent ? `<p>${REFERENCE_LABEL} ${submissionId}</p>` : ''),
      type: ticket.type === 'incident' ? 1 : 2,
      urgency: urgencyRank(ticket.urgency),
      // The person is the requester: an API-created ticket gets none by default, in 10 and 11 alike
      // (`CommonITILObject::updateActors`, `src/CommonITILObject.php` line 8416 of 10.0.11, adds only
      // the ids given here; `Ticket::getDefaultValues`, which names the session's user, serves the web
      // form only). Without it "my tickets", email follow-up and reopening on reply (`needReopen`) fail.
      _users_id_requester: [Number(me.id)],
      // Index-matched with `_users_id_requester` (updateActors, lines 8478-8500 of 10.0.11). Without a
      // choice, 1: the default of `glpi_tickets_users.use_notification` (`install/mysql/glpi-empty.sql`).
      _users_id_requester_notif: {
        use_notification: [followUp?.byEmail === false ? 0 : 1],
        alternative_email: [followUp?.email ?? ''],
      },
      // The people to keep informed, as observers by address (observers.ts).
      ...observersAtCreation(ticket.cc ?? []),
    };
    // What finds this ticket again after an answer lost on the way back (GLPI 11).
    if (submissionId && !inContent) input.externalid = submissionId;
    if (categoryId) input.itilcategories_id = glpiNumber(categoryId, 'categoryId');
    if (equipment) input.items_id = { [equipment.kind]: [glpiNumber(equipment.id, 'equipment')] };
    let created: z.infer<typeof createdAnswer>;
    try {
      // Sent once: a rejected session is refused before GLPI adds anything, so the retry after re-init is safe.
      [created] = await this.#call(createdAnswer, 'Ticket', signal, { json: { input } });
    } catch (error) {
      // A GLPI too slow to answer may still be adding the ticket: the next attempt, which looks for it
      // first, must come after GLPI is done, so not before twice the time given up on.
      if ((error as HelpdeskError | undefined)?.kind !== 'timeout') throw error;
      const retryAfter = Math.ceil((2 * this.#config.timeout) / 1000);
      throw new HelpdeskError('timeout', { detail: (error as HelpdeskError).detail, retryAfter, cause: error });
    }
    // After this point nothing may throw: the ticket exists and must not be sent again.
    return this.#created(+(Array.isArray(created) ? created[0] : created).id, ticket.attachments, signal);
  }

  /**
   * The ticket an earlier attempt created with this submission id, creating nothing (for an outbox
   * that must wait while that attempt may still be at work): by `externalid` on GLPI 11, by the
   * description's reference line elsewhere, as createTicket looks for it.
   */
  async findSubmission(submissionId: string, _ticket?: NewTicket, { signal }: CallOptions = {}): Promise<{ id: string } | undefined> {
    const server = await this.#serverInfo(signal);
    const found = await this.#findSubmission(submissionId, server.major !== 11, signal);
    return found === undefined ? undefined : { id: String(found) };
  }

  async #created(id: number, attachments: readonly File[], signal?: AbortSignal): Promise<CreatedTicket> {
    return { id: String(id), url: this.#ticketUrl(String(id)), failedAttachments: await this.#upload(id, attachments, signal) };
  }

  /**
   * The ticket an earlier attempt created with this submission id, if any: by `externalid` on GLPI 11,
   * by the reference line of the description elsewhere (`inContent`).
   */
  async #findSubmission(submissionId: string, inContent: boolean, signal?: AbortSignal): Promise<number | undefined> {
    // `contains` anchored at both ends is an exact match; unanchored, a match anywhere in the text
    // (`Search::makeTextSearch`). `equals` is meant for dropdowns.
    const [field, value] = inContent ? [DESCRIPTION_OPTION, submissionId] : [EXTERNAL_ID_OPTION, `^${submissionId}$`];
    const criteria = `criteria[0][field]=${field}&criteria[0][searchtype]=contains&criteria[0][value]=${encodeURIComponent(value)}`;
    const [answer] = await this.#call(foundAnswer, `search/Ticket?${criteria}&forcedisplay[0]=2&uid_cols=true&range=0-0`, signal);
    const row = answer.data?.[0];
    return row && Number(row['Ticket.id']);
  }

  /** The files not yet on the ticket: an attempt may have stopped between two uploads. */
  async #missingFiles(id: number, files: readonly File[], signal?: AbortSignal): Promise<File[]> {
    if (!files.length) return [];
    const [ticket] = await this.#call(ticketAnswer, `Ticket/${id}?with_documents=true`, signal);
    const attached = new Set(documentsOf(ticket, await this.#reading(signal)).map((document) => document.name));
    return files.filter((file) => !attached.has(file.name));
  }

  async listTickets({ scope, start, limit }: TicketPageQuery, { signal }: CallOptions = {}): Promise<TicketPage> {
    const mine = scope === 'mine';
    // First: it asks who the person is and the server's settings at once, and the person is then known.
    const reading = await this.#reading(signal);
    const criteria = mine ? `criteria[0][field]=4&criteria[0][searchtype]=equals&criteria[0][value]=${(await this.#whoAmI(signal)).id}&` : '';
    // Name, id, status, urgency, type, opening and last update; the requester for the organisation's list.
    const columns = [1, 2, 12, 10, 14, 15, 19, ...(mine ? [] : [4])].map((option, index) => `forcedisplay[${index}]=${option}`).join('&');
    let answer: z.infer<typeof searchAnswer>;
    try {
      [answer] = await this.#call(
        searchAnswer,
        `search/Ticket?${criteria}${columns}&sort=19&order=DESC&range=${start}-${start + Math.max(limit, 1) - 1}&uid_cols=true`,
        signal,
      );
    } catch (error) {
      // A page past the end (the list shrank): empty, with the total GLPI gave in its message.
      const { code, detail = '' } = error as HelpdeskError;
      if (code !== 'ERROR_RANGE_EXCEED_TOTAL') throw error;
      return { tickets: [], total: Number(/\d+$/.exec(detail)?.[0]) || undefined, more: false };
    }
    const rows = answer.data ?? [];
    const tickets = rows.map((row) => rowSummaryOf(row, reading));
    if (!mine) {
      const names = await Promise.all(rows.map((row) => this.#nameOf(requesterOf(row), signal)));
      names.forEach((name, index) => (tickets[index].requester = name));
    }
    const total = Number(answer.totalcount);
    return { tickets, total, more: start + rows.length < total };
  }

  async getTicket(ticketId: string, { signal }: CallOptions = {}): Promise<TicketDetail> {
    const id = glpiIdOf(ticketId);
    const [[ticket], followups, solutions, actors, me, reading] = await Promise.all([
      this.#call(ticketAnswer, `Ticket/${id}?expand_dropdowns=true&with_documents=true`, signal),
      this.#list(followupRows, `Ticket/${id}/ITILFollowup?expand_dropdowns=true&`, signal),
      this.#list(solutionRows, `Ticket/${id}/ITILSolution?expand_dropdowns=true&`, signal),
      this.#actors(id, signal).catch((error: unknown) => {
        // The ticket's actors are listed to whoever reads the ticket; a GLPI that refuses them leaves the Cc unsaid.
        if ((error as HelpdeskError | undefined)?.kind === 'forbidden') return undefined;
        throw error;
      }),
      this.#whoAmI(signal),
      this.#reading(signal),
    ]);
    const code = Number(ticket.status);
    const summary = summaryOf(ticket, reading);
    const { group } = summary.status;
    // Unknown rights (an older GLPI's session) leave closing to GLPI, which refuses as 'forbidden'.
    const mayUpdate = me.ticketRights === undefined || (me.ticketRights & 2) > 0;
    return {
      ...summary,
      category: nameOf(ticket.itilcategories_id),
      entries: threadOf(ticket, followups, solutions, reading),
      documents: documentsOf(ticket, reading),
      solvedAt: ticket.solvedate ? reading.date(ticket.solvedate) : undefined,
      actions: {
        reply: group !== 'closed',
        approve: code === 5 && solutions.some((solution) => Number(solution.status) === 2),
        // Open or waiting, Approval (10) and statuses the widget does not know included.
        close: (group === 'open' || group === 'waiting') && mayUpdate,
        // Offered where the profile allows it; unknown rights leave it to GLPI.
        reopen: code === 6 && me.mayReopen !== false,
        // GLPI lets whoever sees the ticket add an observer, whatever its status (observers.ts); a closed
        // ticket tells no one anything more, so it is not offered there.
        addPeople: group !== 'closed' && mayAddPeople(me.ticketRights, me.helpdesk),
      },
      url: this.#ticketUrl(String(id)),
      cc: actors && ccOf(actors),
    };
  }

  /**
   * Adds the addresses not yet observers of the ticket, one `POST Ticket_User` each (observers.ts), and
   * answers the Cc after. GLPI's refusal of a profile is 'forbidden' (400 ERROR_GLPI_ADD with its
   * permission sentence, see errors.ts); an address it refuses, 'validation' with its message. Those
   * already there are not sent again: GLPI would refuse them (its unique key), or on a server without
   * it, list them twice.
   */
  async addPeople(ticketId: string, emails: readonly string[], { signal }: CallOptions = {}): Promise<string[]> {
    const id = glpiIdOf(ticketId);
    const present = new Set(ccOf(await this.#actors(id, signal)).map((one) => one.toLowerCase()));
    const missing = uniqueAddresses(emails).filter((email) => !present.has(email.toLowerCase()));
    if (!missing.length) return ccOf(await this.#actors(id, signal));
    // One by one: GLPI answers a list with 207 and per-item messages, which would hide which address failed.
    // A rejected session is refused before GLPI adds anything, so the retry after re-init is safe.
    for (const email of missing) await this.#call(createdAnswer, 'Ticket_User', signal, { json: observerInput(id, email) });
    return ccOf(await this.#actors(id, signal));
  }

  /** The ticket's actors (requesters, technicians, observers), names expanded. */
  #actors(id: number, signal?: AbortSignal): Promise<z.infer<typeof actorRows>> {
    return this.#list(actorRows, `Ticket/${id}/Ticket_User?expand_dropdowns=true&`, signal);
  }

  /**
   * The FAQ (articles.ts), loaded with the first call and kept for this person: the piece gets the
   * adapter's calls, its reading of GLPI's text and dates, and the article's page.
   */
  articles(): Promise<ArticleSource> {
    this.#articles ??= import('./articles.js').then(
      ({ glpiArticles }) =>
        glpiArticles({
          get: async (schema, path, signal) => (await this.#call(schema, path, signal))[0],
          reading: (signal) => this.#reading(signal),
          url: (id) => this.#root()?.concat(`/front/helpdesk.faq.php?id=${id}`),
        }),
      (error: unknown) => {
        this.#articles = undefined;
        throw error;
      },
    );
    return this.#articles;
  }

  async downloadDocument(_ticketId: string, document: TicketDocument, { signal }: CallOptions = {}): Promise<Blob> {
    const path = `Document/${glpiIdOf(document.id)}?alt=media`;
    const blob = await this.#withSession((headers) => requestBlob(this.#request(path, headers, signal)));
    // GLPI's JSON row or a login page instead of the file: alt=media was ignored, or the URL does not reach the API.
    const type = blob.type.split(';')[0];
    if (/^(text\/html|application\/json)$/.test(type) && type !== document.mime) {
      throw new HelpdeskError('bad-response', { detail: `${path}: ${type} instead of the file` });
    }
    return blob;
  }

  async reply(ticketId: string, { text, attachments }: TicketReply, { signal }: CallOptions = {}): Promise<PostedReply> {
    const id = glpiIdOf(ticketId);
    const content = textToHtml(text);
    if (!content && !attachments.length) throw new HelpdeskError('validation', { fields: ['text'], detail: 'an empty reply' });
    // Files alone need no follow-up: GLPI refuses empty ones.
    if (content) await this.#followup(id, { content, is_private: 0 }, signal);
    return { failedAttachments: await this.#upload(id, attachments, signal) };
  }

  async approveSolution(ticketId: string, { signal }: CallOptions = {}): Promise<void> {
    // GLPI writes its own "Solution approved", in the server's language.
    await this.#followup(glpiIdOf(ticketId), { add_close: 1, content: '' }, signal);
  }

  async refuseSolution(ticketId: string, reason: string, options?: CallOptions): Promise<void> {
    await this.#reopen(ticketId, reason, options);
  }

  async closeTicket(ticketId: string, { signal }: CallOptions = {}): Promise<void> {
    const id = glpiIdOf(ticketId);
    await this.#call(updatedAnswer, `Ticket/${id}`, signal, { json: { input: { id, status: 6 } }, method: 'PUT' });
  }

  async reopenTicket(ticketId: string, reason: string, options?: CallOptions): Promise<void> {
    await this.#reopen(ticketId, reason, options);
  }

  /** Refusing a solution and reopening a closed ticket are the same follow-up: `add_reopen` with the reason. */
  async #reopen(ticketId: string, reason: string, { signal }: CallOptions = {}): Promise<void> {
    const content = textToHtml(reason);
    if (!content) throw new HelpdeskError('validation', { fields: ['reason'], detail: 'GLPI needs a reason' });
    await this.#followup(glpiIdOf(ticketId), { add_reopen: 1, content }, signal);
  }

  /** A public follow-up on the ticket. A rejected session is refused before GLPI adds anything, so the retry is safe. */
  async #followup(id: number, input: Record<string, unknown>, signal?: AbortSignal): Promise<void> {
    await this.#call(createdAnswer, 'ITILFollowup', signal, { json: { input: { itemtype: 'Ticket', items_id: id, ...input } } });
  }

  /** Each file as a Document linked to the ticket; failures are collected, never thrown (the ticket or reply exists). */
  async #upload(ticketId: number, files: readonly File[], signal?: AbortSignal): Promise<PostedReply['failedAttachments']> {
    const failed: PostedReply['failedAttachments'] = [];
    for (const file of files) {
      const form = new FormData();
      form.append('uploadManifest', JSON.stringify({ input: { name: file.name, itemtype: 'Ticket', items_id: ticketId } }));
      form.append('filename[0]', file, file.name);
      await this.#call(createdAnswer, 'Document', signal, { form }).catch((error: unknown) =>
        failed.push({ name: file.name, reason: toHelpdeskError(error).message }),
      );
    }
    return failed;
  }

  /** GLPI's root URL, before `apirest.php`; undefined when the API URL does not end so. */
  #root(): string | undefined {
    return /(.*)\/apirest\.php$/.exec(this.#base)?.[1];
  }

  #ticketUrl(id: string): string | undefined {
    const root = this.#root();
    // Ids are digits: nothing to encode.
    return this.#config.ticketUrl?.replaceAll('{id}', id) ?? (root === undefined ? undefined : `${root}/front/ticket.form.php?id=${id}`);
  }

  /**
   * The server's version and zone from `getGlpiConfig` (`cfg_glpi.version`, `cfg_glpi.timezone`), asked
   * once. Any session may ask (`src/Api/APIRest.php` line 198 of 10.0.11 checks no right); a server that
   * refuses or answers oddly is taken as of unknown version, which the adapter treats as GLPI 10.
   */
  #serverInfo(signal?: AbortSignal): Promise<Server> {
    this.#server ??= this.#call(configAnswer, 'getGlpiConfig').then(
      ([{ cfg_glpi: config }]) => ({ major: parseInt(config.version ?? '', 10) || undefined, timeZone: config.timezone || undefined }),
      (error: unknown) => {
        // GLPI's "no" is kept; after network trouble or an abort, ask again next time.
        if (/forbidden|bad-response/.test((error as HelpdeskError | undefined)?.kind ?? '')) return {};
        this.#server = undefined;
        throw error;
      },
    );
    return forCaller(this.#server, signal);
  }

  /**
   * How this GLPI's answers are read. Bodies: raw HTML from GLPI 11, entity-encoded from 10 and
   * from a server of unknown version (see answers.ts). Dates' zone, never the browser's while
   * GLPI gives any clue: the configuration's `timeZone` (the admin knows best); the person's
   * `glpi_tz`, which GLPI sets as PHP's and MySQL's zone for their session (`DBmysql::setTimezone`,
   * `src/DBmysql.php` line 1874 of 10.0.11); the server's `timezone` setting (`DBmysql::guessTimezone`,
   * line 289); else the offset measured from the session's `glpi_currenttime`, exact today but
   * blind to summer time for older dates.
   */
  async #reading(signal?: AbortSignal): Promise<GlpiReading> {
    const [server, me] = await Promise.all([this.#serverInfo(signal), this.#whoAmI(signal)]);
    const zone = { name: this.#config.timeZone ?? me.timeZone ?? server.timeZone, offset: me.offset };
    return { date: (value) => zonedDate(value, zone), rawBodies: server.major === 11 };
  }

  /** Who the session belongs to: learnt when it opens, asked with getFullSession for one restored after a reload. */
  async #whoAmI(signal?: AbortSignal): Promise<Me> {
    await this.#session();
    return (this.#me ??= meOf((await this.#call(z.looseObject({ session }), 'getFullSession', signal))[0].session));
  }

  /**
   * A requester's name, asked once per person: GLPI's search gives user ids only. The
   * person's own name comes with the session; others' need the User READ right, and
   * without it the list simply shows no name.
   */
  #nameOf(userId: string | undefined, signal?: AbortSignal): Promise<string | undefined> {
    if (userId === undefined) return Promise.resolve(undefined);
    if (String(this.#me?.id) === userId && this.#me?.name) return Promise.resolve(this.#me.name);
    let name = this.#names.get(userId);
    if (!name) {
      name = this.#call(userAnswer, `User/${userId}`).then(
        ([user]) => plain(`${user.realname ?? ''} ${user.firstname ?? ''}`) || plain(user.name) || undefined,
        (error: unknown) => {
          // Only GLPI's "no" is kept: after network trouble, an abort or an expired session, ask again next time.
          if (!/forbidden|not-found/.test((error as HelpdeskError).kind)) this.#names.delete(userId);
          return undefined;
        },
      );
      this.#names.set(userId, name);
    }
    return forCaller(name, signal);
  }

  /** Every row of a list (`path` ends in `?` or `&`), page after page while `Content-Range` says more remain. */
  async #list<T extends z.ZodMiniArray>(schema: T, path: string, signal?: AbortSignal): Promise<z.infer<T>> {
    const rows: unknown[] = [];
    // 50 pages at most, against a server whose Content-Range never ends.
    for (let start = 0; start < 5e4; ) {
      let data: unknown[], headers: Headers;
      try {
        [data, headers] = await this.#call(schema, `${path}range=${start}-${start + 999}`, signal);
      } catch (error) {
        // The list shrank while being walked: what was read is the whole of it.
        if (start && (error as HelpdeskError | undefined)?.code === 'ERROR_RANGE_EXCEED_TOTAL') break;
        throw error;
      }
      rows.push(...data);
      // `Content-Range: 0-999/1200`
      const [, end, total] = /-(\d+)\/(\d+)/.exec(headers.get('Content-Range') ?? '')?.map(Number) ?? [];
      if (!data.length || !(end >= start && end + 1 < total)) break;
      start = end + 1;
    }
    return rows as z.infer<T>;
  }

  /** One JSON call with the session (see #withSession), its answer checked against `schema`. */
  #call<T extends z.ZodMiniType>(schema: T, path: string, signal?: AbortSignal, body?: Body): Promise<[z.infer<T>, Headers]> {
    return this.#withSession((headers) => this.#fetch(schema, path, headers, signal, body));
  }

  /** Runs `send` with the session's headers, re-opening an invalid session once when credentials allow. */
  async #withSession<T>(send: (headers: Record<string, string>) => Promise<T>): Promise<T> {
    for (let retried = false; ; retried = true) {
      const token = await this.#session();
      try {
        return await send({ 'Session-Token': token });
      } catch (error) {
        if ((error as HelpdeskError | undefined)?.code !== 'ERROR_SESSION_TOKEN_INVALID') throw error;
        // Forgotten unless another call already replaced it.
        if (this.#token() === token) this.#forget();
        if (retried || !this.#held) throw error;
      }
    }
  }

  /** Every request goes here: the parsed answer and its headers. */
  async #fetch<T extends z.ZodMiniType>(
    schema: T,
    path: string,
    headers: Record<string, string>,
    signal?: AbortSignal,
    body?: Body,
  ): Promise<[z.infer<T>, Headers]> {
    const response = await requestJson({ ...this.#request(path, headers, signal), ...body, method: body && (body.method ?? 'POST') });
    return [parseAnswer(schema, response.body, path), response.headers];
  }

  /** What every request to GLPI shares: the URL, the App-Token, the timeout, GLPI's error bodies. */
  #request(path: string, headers: Record<string, string>, signal?: AbortSignal): HttpRequest {
    const { appToken, timeout } = this.#config;
    if (appToken) headers['App-Token'] = appToken;
    return { url: `${this.#base}/${path}`, headers, timeout, signal, endpointName: 'apirest.php', toError: glpiError };
  }

  #token(): string | undefined {
    return this.#person === undefined ? undefined : this.#tokens.get(glpiSessionKey(this.#config, this.#person));
  }

  /** The stored session token, or a new session; concurrent callers share one `initSession`. */
  async #session(): Promise<string> {
    return this.#token() ?? (this.#opening ??= this.#open().finally(() => (this.#opening = undefined)));
  }

  async #open(given?: Credentials, signal?: AbortSignal): Promise<string> {
    const held = this.#held;
    const credentials = given ?? (typeof held === 'function' ? await held() : held);
    if (!credentials) throw new HelpdeskError('auth', { detail: 'no credentials' });
    let refused = true;
    try {
      const [answer] = await this.#fetch(
        initSessionAnswer,
        'initSession?get_full_session=true',
        {
          Authorization:
            'userToken' in credentials
              ? `user_token ${credentials.userToken}`
              : // Basic auth of UTF-8 text (btoa alone only takes Latin-1).
                `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${credentials.login}:${credentials.password}`)))}`,
        },
        signal,
      );
      // Kept under its person's key, and that key as the tab's last session (see glpiSessionKey).
      this.#person = personOf(credentials);
      this.#tokens.set(glpiSessionKey(this.#config, this.#person), answer.session_token);
      this.#tokens.set(glpiSessionKey(this.#config), this.#person);
      this.#me = answer.session && meOf(answer.session);
      return answer.session_token;
    } catch (error) {
      // After a network failure the password may still serve.
      refused = (error as HelpdeskError | undefined)?.kind === 'auth';
      throw error;
    } finally {
      // A password is dropped once it opened a session or was refused.
      if (refused && credentials === this.#held && 'password' in credentials) this.#held = undefined;
    }
  }

  #forget(): void {
    if (this.#person !== undefined) {
      this.#tokens.delete(glpiSessionKey(this.#config, this.#person));
      if (this.#tokens.get(glpiSessionKey(this.#config)) === this.#person) this.#tokens.delete(glpiSessionKey(this.#config));
    }
    this.#me = undefined;
  }

  #hold(credentials: Held): void {
    this.#held = credentials;
    // Other credentials may mean another profile, which sees other categories, people and articles.
    this.#categories = undefined;
    this.#names.clear();
    this.#articles = undefined;
  }
}
