/**
 * The adapter for a backend configuration. Elements call `createBackend` and then
 * only see the HelpdeskBackend interface. The adapter's own code is imported on
 * first use, so an ES-module user downloads only the adapter of the configured
 * helpdesk (the script-tag bundle carries them all); what the elements must know
 * at once — capabilities, whether to ask the person to sign in — comes from the
 * backend's small descriptor (`<type>/capabilities.ts`), which the adapter imports too.
 */
import { HelpdeskError, toHelpdeskError } from '../core/errors.js';
import type { BackendConfig } from './config.js';
import type { Descriptors, LoadableBackend } from './descriptor.js';
import { email } from './email/capabilities.js';
import { freshdesk } from './freshdesk/capabilities.js';
import { glpi } from './glpi/capabilities.js';
import { rest } from './rest/capabilities.js';
import { rt } from './rt/capabilities.js';
import { zammad } from './zammad/capabilities.js';
import type { BackendCapabilities, CallOptions, Credentials, CredentialsProvider, HelpdeskBackend } from './types.js';

/**
 * Each helpdesk's descriptor, and its adapter's module behind an `import()` with a literal
 * specifier: a bundler makes each adapter a chunk of its own (`<type>/<type>-backend.ts`,
 * which the CDN build maps to its helpdesk), loaded by the pages that configure it.
 */
const DESCRIPTORS: Descriptors = {
  glpi: { ...glpi, load: () => import('./glpi/glpi-backend.js').then(({ GlpiBackend }) => (config) => new GlpiBackend(config)) },
  rt: { ...rt, load: () => import('./rt/rt-backend.js').then(({ RtBackend }) => (config) => new RtBackend(config)) },
  freshdesk: { ...freshdesk, load: () => import('./freshdesk/freshdesk-backend.js').then(({ FreshdeskBackend }) => (config) => new FreshdeskBackend(config)) },
  zammad: { ...zammad, load: () => import('./zammad/zammad-backend.js').then(({ ZammadBackend }) => (config) => new ZammadBackend(config)) },
  rest: { ...rest, load: () => import('./rest/rest-backend.js').then(({ RestBackend }) => (config) => new RestBackend(config)) },
  email: { ...email, load: () => import('./email/email-backend.js').then(({ EmailBackend }) => (config) => new EmailBackend(config)) },
};

export const descriptorOf = <C extends BackendConfig>(config: C) => DESCRIPTORS[config.type] as unknown as LoadableBackend<C>;

export const createBackend = (config: BackendConfig): HelpdeskBackend => new LazyBackend(config);

type Held = Credentials | CredentialsProvider | undefined;

/** After the work in hand — a first render — is done: when the browser is idle, at most a second later. */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 1000 });
  else setTimeout(task, 50);
}

/** Stands for the adapter until its module is loaded, then hands every call to it. */
export class LazyBackend implements HelpdeskBackend {
  readonly type: string;
  readonly capabilities: BackendCapabilities;
  #config: BackendConfig;
  #descriptor: LoadableBackend;
  #adapter?: HelpdeskBackend;
  #loading?: Promise<HelpdeskBackend>;
  /** Credentials set before the adapter existed: `[held]` once set, handed over on load. */
  #held?: [Held];

  constructor(config: BackendConfig, descriptor: LoadableBackend = descriptorOf(config)) {
    this.#config = config;
    this.#descriptor = descriptor;
    this.type = config.type;
    this.capabilities = descriptor.capabilities(config);
    // Loaded once the page is idle, while the person reads the form (it may be offline when it
    // submits), not before: running the adapter's code must not delay the element's first render.
    whenIdle(() => void this.#load().catch(() => undefined));
  }

  /** The adapter; a failed download (offline, a deploy that removed the chunk) is tried again on the next call. */
  #load(): Promise<HelpdeskBackend> {
    this.#loading ??= this.#descriptor
      .load()
      .then((create) => {
        const adapter = create(this.#config);
        if (this.#held) adapter.setCredentials(this.#held[0]);
        this.#adapter = adapter;
        return adapter;
      })
      .catch((error: unknown) => {
        this.#loading = undefined;
        throw error instanceof HelpdeskError ? error : new HelpdeskError('network', { detail: `the ${this.type} adapter could not be loaded`, cause: toHelpdeskError(error) });
      });
    return this.#loading;
  }

  hasCredentials(): boolean {
    if (this.#adapter) return this.#adapter.hasCredentials();
    return Boolean(this.#held?.[0]) || this.#descriptor.signedIn(this.#config);
  }

  setCredentials(credentials: Held): void {
    if (this.#adapter) this.#adapter.setCredentials(credentials);
    else this.#held = [credentials];
  }

  async signIn(credentials?: Credentials, options?: CallOptions) {
    return (await this.#load()).signIn(credentials, options);
  }

  async signOut() {
    // A session kept from before a reload (GLPI's, in sessionStorage) must end too, even if
    // this page never made a call: the adapter is loaded for that, unless it cannot be.
    const adapter = this.#adapter ?? (await this.#load().catch(() => undefined));
    this.#held = undefined;
    return adapter?.signOut();
  }

  async listCategories(...args: Parameters<HelpdeskBackend['listCategories']>) {
    return (await this.#load()).listCategories(...args);
  }

  async listEquipment(...args: Parameters<HelpdeskBackend['listEquipment']>) {
    return (await this.#load()).listEquipment(...args);
  }

  async createTicket(...args: Parameters<HelpdeskBackend['createTicket']>) {
    return (await this.#load()).createTicket(...args);
  }

  async findSubmission(...args: Parameters<NonNullable<HelpdeskBackend['findSubmission']>>) {
    const adapter = await this.#load();
    return adapter.findSubmission ? adapter.findSubmission(...args) : undefined;
  }

  /** Known once the adapter is loaded; until then an attempt waits for an earlier one, which is never wrong. */
  get recognisesSubmissions(): boolean {
    return this.#adapter?.recognisesSubmissions ?? false;
  }

  async listTickets(...args: Parameters<HelpdeskBackend['listTickets']>) {
    return (await this.#load()).listTickets(...args);
  }

  async getTicket(...args: Parameters<HelpdeskBackend['getTicket']>) {
    return (await this.#load()).getTicket(...args);
  }

  async downloadDocument(...args: Parameters<HelpdeskBackend['downloadDocument']>) {
    return (await this.#load()).downloadDocument(...args);
  }

  async reply(...args: Parameters<HelpdeskBackend['reply']>) {
    return (await this.#load()).reply(...args);
  }

  async approveSolution(...args: Parameters<HelpdeskBackend['approveSolution']>) {
    return (await this.#load()).approveSolution(...args);
  }

  async refuseSolution(...args: Parameters<HelpdeskBackend['refuseSolution']>) {
    return (await this.#load()).refuseSolution(...args);
  }

  async closeTicket(...args: Parameters<HelpdeskBackend['closeTicket']>) {
    return (await this.#load()).closeTicket(...args);
  }

  async reopenTicket(...args: Parameters<HelpdeskBackend['reopenTicket']>) {
    return (await this.#load()).reopenTicket(...args);
  }

  async addPeople(...args: Parameters<NonNullable<HelpdeskBackend['addPeople']>>) {
    const adapter = await this.#load();
    if (!adapter.addPeople) throw new HelpdeskError('setup', { detail: `${this.type} cannot add people to a ticket` });
    return adapter.addPeople(...args);
  }

  async articles() {
    const adapter = await this.#load();
    if (!adapter.articles) throw new HelpdeskError('setup', { detail: `${this.type} has no knowledge base here` });
    return adapter.articles();
  }
}

export type * from './types.js';
