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
import type * as z from 'zod/mini';
import type { GlpiBackendConfig } from '../../core/config.js';
import { HelpdeskError, toHelpdeskError } from '../../core/errors.js';
import type { Category, CreatedTicket, EquipmentItem, NewTicket, TicketType } from '../../core/ticket.js';
import { urgencyRank } from '../../core/urgency.js';
import { sessionTokenStore, type TokenStore } from '../../store/session-token.js';
import { parseContentRange, requestJson, type HttpResponse } from '../http.js';
import type { BackendCapabilities, CallOptions, Credentials, CredentialsProvider, HelpdeskBackend } from '../types.js';
import { glpiError, isSessionInvalid } from './glpi-errors.js';
import {
  categoryRows,
  createdAnswer,
  fullSessionAnswer,
  initSessionAnswer,
  isOn,
  itemRows,
  parseAnswer,
} from './glpi-schemas.js';
import { buildTicketContent, decodeEntities } from './html.js';

export interface GlpiBackendOptions {
  /** Where the session token is kept; sessionStorage (memory when refused) by default. */
  tokenStore?: TokenStore;
  /** Initial credentials, as `setCredentials` takes them; the configuration's user token otherwise. */
  credentials?: Credentials | CredentialsProvider;
}

/** The person's items a ticket can be about, in the order they are listed. */
export const EQUIPMENT_ITEMTYPES = ['Computer', 'Monitor', 'Printer', 'Phone', 'Peripheral'] as const;

const PAGE_SIZE = 1000;
/** Guards against a server whose Content-Range never ends. */
const MAX_PAGES = 50;

interface GlpiCall {
  method?: 'GET' | 'POST';
  /** Path under `apirest.php/`, e.g. `Ticket` or `User/7/Computer`. */
  path: string;
  query?: Record<string, string>;
  json?: unknown;
  form?: FormData;
}

export class GlpiBackend implements HelpdeskBackend {
  readonly type = 'glpi';
  readonly capabilities: BackendCapabilities = { categories: true, equipment: true, attachments: true, passwordSignIn: true };

  private readonly base: string;
  private readonly tokens: TokenStore;
  private readonly tokenKey: string;
  private userToken?: string;
  /** Held only until the session it opens exists. */
  private password?: { login: string; password: string };
  private provider?: CredentialsProvider;
  private userId?: string;
  private opening?: Promise<string>;
  private categories?: Category[];

  constructor(
    private readonly config: GlpiBackendConfig,
    options: GlpiBackendOptions = {},
  ) {
    this.base = config.url.replace(/\/+$/, '');
    this.tokens = options.tokenStore ?? sessionTokenStore();
    this.tokenKey = `glpi:${this.base}`;
    this.holdCredentials(options.credentials ?? config.auth);
  }

  hasCredentials(): boolean {
    return Boolean(this.tokens.get(this.tokenKey) || this.userToken || this.password || this.provider);
  }

  setCredentials(credentials: Credentials | CredentialsProvider | undefined): void {
    if (this.sameCredentials(credentials)) return;
    // A session belongs to the credentials that opened it.
    this.forgetSession();
    this.holdCredentials(credentials);
  }

  async signIn(credentials?: Credentials, options: CallOptions = {}): Promise<void> {
    if (!credentials) {
      if (!this.tokens.get(this.tokenKey)) await this.openSession(undefined, options.signal);
      return;
    }
    this.forgetSession();
    // A password signs in now and is not kept; a user token is kept to re-open expired sessions.
    this.holdCredentials('userToken' in credentials ? credentials : undefined);
    await this.openSession(credentials, options.signal);
  }

  async signOut(): Promise<void> {
    const token = this.tokens.get(this.tokenKey);
    this.forgetSession();
    this.holdCredentials(undefined);
    if (!token) return;
    try {
      await requestJson({ url: `${this.base}/killSession`, headers: this.headers(token), timeout: this.config.timeout });
    } catch {
      // The session dies on its own on the server; signing out locally is what matters.
    }
  }

  async listCategories(type: TicketType, options: CallOptions = {}): Promise<Category[]> {
    // One list serves both types; kept until the credentials change, since the profile decides what it holds.
    this.categories ??= await this.fetchCategories(options.signal);
    return this.categories.filter((category) => category.types.includes(type));
  }

  async listEquipment(options: CallOptions = {}): Promise<EquipmentItem[]> {
    const userId = await this.currentUserId(options.signal);
    const lists = await Promise.all(EQUIPMENT_ITEMTYPES.map((kind) => this.itemsOf(userId, kind, options.signal)));
    return lists.flat();
  }

  async createTicket(ticket: NewTicket, options: CallOptions = {}): Promise<CreatedTicket> {
    // Sent once: a rejected session is refused before GLPI adds anything, so the retry after re-init is safe.
    const response = await this.call({ method: 'POST', path: 'Ticket', json: { input: this.ticketInput(ticket) } }, options.signal);
    const id = String(createdId(parseAnswer(createdAnswer, response.body, 'ticket creation answer')));
    const failedAttachments: CreatedTicket['failedAttachments'] = [];
    // After this point nothing may throw: the ticket exists and must not be sent again.
    for (const file of ticket.attachments) {
      try {
        await this.attach(file, id, options.signal);
      } catch (error) {
        failedAttachments.push({ name: file.name, reason: toHelpdeskError(error).message });
      }
    }
    return { id, url: this.ticketUrl(id), failedAttachments };
  }

  // ---- tickets ----

  private ticketInput(ticket: NewTicket): Record<string, unknown> {
    const input: Record<string, unknown> = {
      name: ticket.title,
      content: buildTicketContent(ticket),
      type: ticket.type === 'incident' ? 1 : 2,
      urgency: urgencyRank(ticket.urgency),
    };
    if (ticket.categoryId) input.itilcategories_id = glpiNumber(ticket.categoryId, 'categoryId');
    if (ticket.equipment) input.items_id = { [ticket.equipment.kind]: [glpiNumber(ticket.equipment.id, 'equipment')] };
    if (ticket.followUp) {
      const { byEmail, email } = ticket.followUp;
      input._users_id_requester_notif = { use_notification: [byEmail ? 1 : 0], ...(email ? { alternative_email: [email] } : {}) };
    }
    return input;
  }

  private async attach(file: File, ticketId: string, signal?: AbortSignal): Promise<void> {
    const form = new FormData();
    form.append('uploadManifest', JSON.stringify({ input: { name: file.name, itemtype: 'Ticket', items_id: Number(ticketId) } }));
    form.append('filename[0]', file, file.name);
    const response = await this.call({ method: 'POST', path: 'Document', form }, signal);
    parseAnswer(createdAnswer, response.body, 'document upload answer');
  }

  private ticketUrl(id: string): string | undefined {
    if (this.config.ticketUrl) return this.config.ticketUrl.replaceAll('{id}', encodeURIComponent(id));
    const root = /^(.*?)\/apirest\.php(?:[/?#].*)?$/.exec(this.base)?.[1];
    return root === undefined ? undefined : `${root}/front/ticket.form.php?id=${encodeURIComponent(id)}`;
  }

  // ---- lists ----

  private async fetchCategories(signal?: AbortSignal): Promise<Category[]> {
    const rows = await this.listAll('ITILCategory', { expand_dropdowns: 'true' }, categoryRows, signal);
    return rows
      .filter((row) => isOn(row.is_helpdeskvisible))
      .map((row) => ({
        id: String(row.id),
        name: decodeEntities(row.completename || row.name || '').trim(),
        types: [...(isOn(row.is_incident) ? ['incident' as const] : []), ...(isOn(row.is_request) ? ['request' as const] : [])],
      }))
      .filter((category) => category.types.length > 0 && category.name)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  private async itemsOf(userId: string, kind: string, signal?: AbortSignal): Promise<EquipmentItem[]> {
    let rows: z.infer<typeof itemRows>;
    try {
      rows = await this.listAll(`User/${userId}/${kind}`, {}, itemRows, signal);
    } catch (error) {
      // Profiles often may not read some asset types; the others are still worth offering.
      if (error instanceof HelpdeskError && (error.kind === 'forbidden' || error.kind === 'not-found')) return [];
      throw error;
    }
    return rows.map((row) => ({
      kind,
      id: String(row.id),
      name: decodeEntities(row.name ?? '').trim() || `${kind} ${row.id}`,
    }));
  }

  /** Every row of a list, page after page while `Content-Range` says more remain. */
  private async listAll<T extends z.ZodMiniArray>(
    path: string,
    query: Record<string, string>,
    schema: T,
    signal?: AbortSignal,
  ): Promise<z.infer<T>> {
    const rows: unknown[] = [];
    let start = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      let response: HttpResponse;
      try {
        response = await this.call({ path, query: { ...query, range: `${start}-${start + PAGE_SIZE - 1}` } }, signal);
      } catch (error) {
        // The list shrank while being walked: what was read is the whole of it.
        if (page > 0 && error instanceof HelpdeskError && error.code === 'ERROR_RANGE_EXCEED_TOTAL') break;
        throw error;
      }
      const pageRows = parseAnswer(schema, response.body, `${path} list`) as unknown[];
      rows.push(...pageRows);
      const range = parseContentRange(response.headers.get('Content-Range'));
      if (!range || pageRows.length === 0 || range.end + 1 >= range.total || range.end < start) break;
      start = range.end + 1;
    }
    return rows as z.infer<T>;
  }

  private async currentUserId(signal?: AbortSignal): Promise<string> {
    // Opening a session says whose it is; one restored after a reload does not.
    await this.sessionToken();
    if (this.userId) return this.userId;
    const response = await this.call({ path: 'getFullSession' }, signal);
    this.userId = String(parseAnswer(fullSessionAnswer, response.body, 'session').session.glpiID);
    return this.userId;
  }

  // ---- session ----

  /** One call with the session token, re-opening an invalid session once when credentials allow. */
  private async call(call: GlpiCall, signal?: AbortSignal): Promise<HttpResponse> {
    const token = await this.sessionToken();
    try {
      return await this.send(call, token, signal);
    } catch (error) {
      if (!isSessionInvalid(error)) throw error;
      this.dropSession(token);
      if (!this.userToken && !this.password && !this.provider) throw error;
      const fresh = await this.sessionToken();
      try {
        return await this.send(call, fresh, signal);
      } catch (again) {
        if (isSessionInvalid(again)) this.dropSession(fresh);
        throw again;
      }
    }
  }

  private send(call: GlpiCall, token: string, signal?: AbortSignal): Promise<HttpResponse> {
    const query = call.query && Object.keys(call.query).length ? `?${new URLSearchParams(call.query)}` : '';
    return requestJson({
      url: `${this.base}/${call.path}${query}`,
      method: call.method,
      headers: this.headers(token),
      json: call.json,
      form: call.form,
      timeout: this.config.timeout,
      signal,
      endpointName: 'apirest.php',
      toError: glpiError,
    });
  }

  /** The stored session token, or a new session; concurrent callers share one `initSession`. */
  private sessionToken(): Promise<string> {
    const stored = this.tokens.get(this.tokenKey);
    if (stored) return Promise.resolve(stored);
    this.opening ??= this.openSession().finally(() => (this.opening = undefined));
    return this.opening;
  }

  private async openSession(given?: Credentials, signal?: AbortSignal): Promise<string> {
    const credentials =
      given ?? (this.userToken ? { userToken: this.userToken } : undefined) ?? this.password ?? (await this.provider?.());
    if (!credentials) throw new HelpdeskError('auth', { detail: 'no credentials: the person has to sign in' });
    const authorization =
      'userToken' in credentials ? `user_token ${credentials.userToken}` : `Basic ${base64(`${credentials.login}:${credentials.password}`)}`;
    let response: HttpResponse;
    try {
      response = await requestJson({
        url: `${this.base}/initSession?get_full_session=true`,
        headers: { ...this.headers(), Authorization: authorization },
        timeout: this.config.timeout,
        signal,
        endpointName: 'apirest.php',
        toError: glpiError,
      });
    } catch (error) {
      // A refused password is of no further use; after a network failure it may still serve.
      if (error instanceof HelpdeskError && error.kind === 'auth') this.password = undefined;
      throw error;
    }
    const answer = parseAnswer(initSessionAnswer, response.body, 'initSession answer');
    this.password = undefined;
    this.tokens.set(this.tokenKey, answer.session_token);
    this.userId = answer.session ? String(answer.session.glpiID) : undefined;
    return answer.session_token;
  }

  private headers(sessionToken?: string): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.config.appToken) headers['App-Token'] = this.config.appToken;
    if (sessionToken) headers['Session-Token'] = sessionToken;
    return headers;
  }

  /** Forgets a session GLPI refused, unless another call already replaced it. */
  private dropSession(token: string): void {
    if (this.tokens.get(this.tokenKey) === token) this.forgetSession();
  }

  private forgetSession(): void {
    this.tokens.delete(this.tokenKey);
    this.userId = undefined;
  }

  private holdCredentials(credentials: Credentials | CredentialsProvider | undefined): void {
    this.userToken = undefined;
    this.password = undefined;
    this.provider = undefined;
    // Other credentials may mean another profile, which sees other categories.
    this.categories = undefined;
    if (typeof credentials === 'function') this.provider = credentials;
    else if (credentials && 'userToken' in credentials) this.userToken = credentials.userToken;
    else if (credentials) this.password = { login: credentials.login, password: credentials.password };
  }

  private sameCredentials(credentials: Credentials | CredentialsProvider | undefined): boolean {
    // Hosts set `undefined` before they know better: that must not end a session restored after a reload.
    if (!credentials) return !this.userToken && !this.password && !this.provider;
    if (typeof credentials === 'function') return credentials === this.provider;
    if (credentials && 'userToken' in credentials) return credentials.userToken === this.userToken && !this.provider;
    return false;
  }
}

function createdId(answer: { id: string | number } | [{ id: string | number }]): string | number {
  return Array.isArray(answer) ? answer[0].id : answer.id;
}

/** GLPI ids are integers; anything else would be silently dropped by GLPI. */
function glpiNumber(value: string, field: string): number {
  if (!/^\d+$/.test(value)) throw new HelpdeskError('validation', { fields: [field], detail: `${field} "${value}" is not a GLPI id` });
  return Number(value);
}

/** Basic auth of UTF-8 text (btoa alone only takes Latin-1). */
function base64(text: string): string {
  return btoa(Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join(''));
}
