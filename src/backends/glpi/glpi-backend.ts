/**
 * GLPI's legacy REST API (`apirest.php`, BACKENDS.md §1) behind HelpdeskBackend.
 *
 * Auth: `initSession` with a user token or a login/password gives a session
 * token; only that token is kept (TokenStore, per API URL) and the password is
 * dropped as soon as it has served. Every call carries `Session-Token` (and
 * `App-Token` when configured). When GLPI says the session is invalid, the
 * session is re-opened once if credentials are still at hand (user token or
 * provider); otherwise the person has to sign in again ('auth').
 */
import * as z from 'zod/mini';
import type { GlpiBackendConfig } from '../../core/config.js';
import { HelpdeskError, toHelpdeskError, type HelpdeskErrorKind } from '../../core/errors.js';
import {
  TICKET_TYPES,
  type Category,
  type CreatedTicket,
  type EquipmentItem,
  type NewTicket,
  type PostedReply,
  type TicketDetail,
  type TicketPage,
  type TicketType,
} from '../../core/ticket.js';
import { urgencyRank } from '../../core/urgency.js';
import { sessionTokenStore, type TokenStore } from '../../store/session-token.js';
import { kindForStatus, requestJson, type HttpResponse } from '../http.js';
import type { CallOptions, Credentials, CredentialsProvider, HelpdeskBackend } from '../types.js';
import { buildTicketContent, decodeEntities } from './html.js';

export interface GlpiBackendOptions {
  /** Where the session token is kept; sessionStorage (memory when refused) by default. */
  tokenStore?: TokenStore;
}

// ---- GLPI's answers ----
// Only the fields used are checked; GLPI adds many more, and versions disagree on
// whether ids and flags are numbers or numeric strings, so both are accepted.

// Checks are refines: the other check kinds would each add zod code to the script-tag bundle.
const glpiId = z.union([z.number().check(z.refine((n) => Number.isInteger(n) && n > 0)), z.string().check(z.refine((s) => /^\d+$/.test(s)))]);
const notEmpty = z.refine<{ length: number }>((value) => value.length > 0);
/** GLPI flags come as 1/0, "1"/"0" or true/false. */
const flag = z.union([z.boolean(), z.number(), z.string()]);
// `==` on purpose: true, 1 and "1" all equal 1.
const isOn = (value: unknown) => value == 1;
const name = z.optional(z.union([z.string(), z.literal(null)]));
const session = z.looseObject({ glpiID: glpiId });
const initSessionAnswer = z.looseObject({ session_token: z.string().check(notEmpty), session: z.optional(session) });
const categoryRows = z.array(
  z.looseObject({ id: glpiId, name, completename: name, is_helpdeskvisible: flag, is_incident: flag, is_request: flag }),
);
const itemRows = z.array(z.looseObject({ id: glpiId, name }));
const created = z.looseObject({ id: glpiId });
/** A single add answers `{id, message}`; some versions wrap it in a one-element array. */
const createdAnswer = z.union([created, z.array(created).check(notEmpty)]);

/** Parses an answer; a wrong shape is a 'bad-response' saying where. */
function parseAnswer<T extends z.ZodMiniType>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = z.safeParse(schema, body);
  if (result.success) return result.data;
  const { path, message } = result.error.issues[0];
  throw new HelpdeskError('bad-response', { detail: `${what} answer: ${message} at /${path.join('/')}` });
}

/**
 * Error codes whose status alone would say the wrong thing (ERROR_RIGHT_MISSING
 * comes as 401, ERROR_SESSION_TOKEN_MISSING and the setup problems as 400), in the
 * order they are tried; other codes (ERROR_ITEM_NOT_FOUND as 404, ERROR_GLPI_ADD as
 * 400…) go by status.
 */
const KIND_BY_CODE: [RegExp, HelpdeskErrorKind][] = [
  // NOT_ALLOWED_IP, APP_TOKEN_*, LOGIN_WITH_CREDENTIALS_DISABLED, RESOURCE_*, ITEMTYPE_NOT_FOUND_NOR_COMMONDBTM
  [/_IP$|APP_TOKEN|DISABLED|RESOURCE|ITEMTYPE/, 'setup'],
  // SESSION_TOKEN_*, LOGIN_PARAMETERS_MISSING, GLPI_LOGIN*; the adapter re-opens an invalid session once first.
  [/SESSION|LOGIN/, 'auth'],
  [/RIGHT/, 'forbidden'],
  [/SQL|UNKNOWN/, 'server'],
];

/**
 * A single call's error body, `["ERROR_CODE", "message; view documentation in your
 * browser at …/#ERROR_CODE"]` (BACKENDS.md §1.11); bulk calls, which the adapter
 * does not make, send a list instead of the message.
 */
const errorBody = z.array(z.string()).check(z.refine((body) => /^ERROR_/.test(body[0])));

/** The HelpdeskError a GLPI error answer means, or undefined when the body is not GLPI's error shape. */
function glpiError({ status, body }: HttpResponse): HelpdeskError | undefined {
  const parsed = z.safeParse(errorBody, body);
  if (!parsed.success) return undefined;
  const [code, message = ''] = parsed.data;
  return new HelpdeskError(KIND_BY_CODE.find(([pattern]) => pattern.test(code))?.[1] ?? kindForStatus(status), {
    status,
    code,
    // Without the link to GLPI's documentation.
    detail: decodeEntities(message.replace(/\W*view documentation.*/s, '')) || undefined,
  });
}

/** GLPI ids are integers; anything else would be silently dropped by GLPI. */
function glpiNumber(value: string, field: string): number {
  if (!/^\d+$/.test(value)) throw new HelpdeskError('validation', { fields: [field], detail: `${field} is not a GLPI id` });
  return Number(value);
}

// ---- the adapter ----

type Held = Credentials | CredentialsProvider | undefined;
/** What a POST sends: JSON or a multipart form. */
type Body = { json: unknown } | { form: FormData };

export class GlpiBackend implements HelpdeskBackend {
  readonly type = 'glpi';
  readonly capabilities = {
    categories: true,
    equipment: true,
    attachments: true,
    passwordSignIn: true,
    tickets: true,
    organisationTickets: true,
    reply: true,
    approval: true,
    closeReopen: true,
  };

  #config: GlpiBackendConfig;
  #base: string;
  #tokens: TokenStore;
  #key: string;
  /** A user token or a provider is kept to re-open expired sessions; a password only until its session exists. */
  #held: Held;
  #userId?: string | number;
  #opening?: Promise<string>;
  #categories?: Category[];

  constructor(config: GlpiBackendConfig, options: GlpiBackendOptions = {}) {
    this.#config = config;
    this.#base = config.url.replace(/\/+$/, '');
    this.#tokens = options.tokenStore ?? sessionTokenStore();
    this.#key = `glpi:${this.#base}`;
    this.#hold(config.auth);
  }

  hasCredentials(): boolean {
    return Boolean(this.#token() || this.#held);
  }

  setCredentials(credentials: Held): void {
    // Hosts set `undefined` before they know better: that must not end a session restored after a reload.
    const held = this.#held as { userToken?: string } | undefined;
    if (credentials === held || (credentials && 'userToken' in credentials && credentials.userToken === held?.userToken)) return;
    // A session belongs to the credentials that opened it.
    this.#forget();
    this.#hold(credentials);
  }

  async signIn(credentials?: Credentials, { signal }: CallOptions = {}): Promise<void> {
    if (credentials) {
      this.#forget();
      // A password signs in now and is not kept; a user token is kept to re-open expired sessions.
      this.#hold('userToken' in credentials ? credentials : undefined);
    }
    if (credentials || !this.#token()) await this.#open(credentials, signal);
  }

  async signOut(): Promise<void> {
    const token = this.#token();
    this.#forget();
    this.#hold(undefined);
    // The session dies on its own on the server; signing out locally is what matters.
    if (token) await this.#fetch(z.unknown(), 'killSession', { 'Session-Token': token }).catch(() => undefined);
  }

  async listCategories(type: TicketType, { signal }: CallOptions = {}): Promise<Category[]> {
    // One list serves both types; kept until the credentials change, since the profile decides what it holds.
    this.#categories ??= (await this.#list(categoryRows, 'ITILCategory?expand_dropdowns=true&', signal))
      .filter((row) => isOn(row.is_helpdeskvisible))
      .map((row) => ({
        id: String(row.id),
        name: decodeEntities(row.completename || row.name || ''),
        types: TICKET_TYPES.filter((kind) => isOn(row[`is_${kind}` as const])),
      }))
      .filter((category) => category.types.length && category.name)
      .sort((a, b) => a.name.localeCompare(b.name));
    return this.#categories.filter((category) => category.types.includes(type));
  }

  async listEquipment({ signal }: CallOptions = {}): Promise<EquipmentItem[]> {
    // Opening a session says whose it is; one restored after a reload does not.
    await this.#session();
    const userId = (this.#userId ??= (await this.#call(z.looseObject({ session }), 'getFullSession', signal))[0].session.glpiID);
    const lists = 'Computer Monitor Printer Phone Peripheral'.split(' ').map(async (kind) => {
      try {
        return (await this.#list(itemRows, `User/${userId}/${kind}?`, signal)).map((row) => ({
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

  async createTicket(ticket: NewTicket, { signal }: CallOptions = {}): Promise<CreatedTicket> {
    const { categoryId, equipment, followUp } = ticket;
    const input: Record<string, unknown> = {
      name: ticket.title,
      content: buildTicketContent(ticket),
      type: ticket.type === 'incident' ? 1 : 2,
      urgency: urgencyRank(ticket.urgency),
    };
    if (categoryId) input.itilcategories_id = glpiNumber(categoryId, 'categoryId');
    if (equipment) input.items_id = { [equipment.kind]: [glpiNumber(equipment.id, 'equipment')] };
    if (followUp) {
      input._users_id_requester_notif = {
        use_notification: [followUp.byEmail ? 1 : 0],
        // Left out of the JSON when undefined.
        alternative_email: followUp.email ? [followUp.email] : undefined,
      };
    }
    // Sent once: a rejected session is refused before GLPI adds anything, so the retry after re-init is safe.
    const [created] = await this.#call(createdAnswer, 'Ticket', signal, { json: { input } });
    const id = String((Array.isArray(created) ? created[0] : created).id);
    const failedAttachments: CreatedTicket['failedAttachments'] = [];
    // After this point nothing may throw: the ticket exists and must not be sent again.
    for (const file of ticket.attachments) {
      const form = new FormData();
      form.append('uploadManifest', JSON.stringify({ input: { name: file.name, itemtype: 'Ticket', items_id: +id } }));
      form.append('filename[0]', file, file.name);
      await this.#call(createdAnswer, 'Document', signal, { form }).catch((error: unknown) =>
        failedAttachments.push({ name: file.name, reason: toHelpdeskError(error).message }),
      );
    }
    const root = /(.*)\/apirest\.php$/.exec(this.#base)?.[1];
    return {
      id,
      // Ids are digits: nothing to encode.
      url: this.#config.ticketUrl?.replaceAll('{id}', id) ?? (root === undefined ? undefined : `${root}/front/ticket.form.php?id=${id}`),
      failedAttachments,
    };
  }

  // TODO(issue 3): being written; placeholders so the interface compiles.
  listTickets(): Promise<TicketPage> {
    return Promise.reject(new HelpdeskError('setup', { detail: 'not implemented yet' }));
  }
  getTicket(): Promise<TicketDetail> {
    return Promise.reject(new HelpdeskError('setup', { detail: 'not implemented yet' }));
  }
  downloadDocument(): Promise<Blob> {
    return Promise.reject(new HelpdeskError('setup', { detail: 'not implemented yet' }));
  }
  reply(): Promise<PostedReply> {
    return Promise.reject(new HelpdeskError('setup', { detail: 'not implemented yet' }));
  }
  approveSolution(): Promise<void> {
    return Promise.reject(new HelpdeskError('setup', { detail: 'not implemented yet' }));
  }
  refuseSolution(): Promise<void> {
    return Promise.reject(new HelpdeskError('setup', { detail: 'not implemented yet' }));
  }
  closeTicket(): Promise<void> {
    return Promise.reject(new HelpdeskError('setup', { detail: 'not implemented yet' }));
  }
  reopenTicket(): Promise<void> {
    return Promise.reject(new HelpdeskError('setup', { detail: 'not implemented yet' }));
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

  /** One call with the session token, re-opening an invalid session once when credentials allow. */
  async #call<T extends z.ZodMiniType>(schema: T, path: string, signal?: AbortSignal, body?: Body): Promise<[z.infer<T>, Headers]> {
    for (let retried = false; ; retried = true) {
      const token = await this.#session();
      try {
        return await this.#fetch(schema, path, { 'Session-Token': token }, signal, body);
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
    const { appToken, timeout } = this.#config;
    if (appToken) headers['App-Token'] = appToken;
    const response = await requestJson({
      url: `${this.#base}/${path}`,
      method: body && 'POST',
      headers,
      ...body,
      timeout,
      signal,
      endpointName: 'apirest.php',
      toError: glpiError,
    });
    return [parseAnswer(schema, response.body, path), response.headers];
  }

  #token(): string | undefined {
    return this.#tokens.get(this.#key);
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
      this.#tokens.set(this.#key, answer.session_token);
      this.#userId = answer.session?.glpiID;
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
    this.#tokens.delete(this.#key);
    this.#userId = undefined;
  }

  #hold(credentials: Held): void {
    this.#held = credentials;
    // Other credentials may mean another profile, which sees other categories.
    this.#categories = undefined;
  }
}
