/**
 * The adapter for a backend configuration. Elements call `createBackend` and then
 * only see the HelpdeskBackend interface. The adapter's own code is imported on
 * first use, so an ES-module user downloads only the adapter of the configured
 * helpdesk (the script-tag bundle carries them all); what the elements must know
 * at once — capabilities, whether to ask the person to sign in — comes from the
 * backend's small descriptor.
 */
import type { BackendConfig } from '../core/config.js';
import { HelpdeskError, toHelpdeskError } from '../core/errors.js';
import type { BackendDescriptor, Descriptors } from './descriptor.js';
import { email } from './email/descriptor.js';
import { freshdesk } from './freshdesk/descriptor.js';
import { glpi } from './glpi/descriptor.js';
import { rest } from './rest/descriptor.js';
import { rt } from './rt/descriptor.js';
import { zammad } from './zammad/descriptor.js';
import type { BackendCapabilities, CallOptions, Credentials, CredentialsProvider, HelpdeskBackend } from './types.js';

const DESCRIPTORS: Descriptors = { glpi, rt, freshdesk, zammad, rest, email };

export const descriptorOf = <C extends BackendConfig>(config: C) => DESCRIPTORS[config.type] as unknown as BackendDescriptor<C>;

export const createBackend = (config: BackendConfig): HelpdeskBackend => new LazyBackend(config);

type Held = Credentials | CredentialsProvider | undefined;

/** Stands for the adapter until its module is loaded, then hands every call to it. */
export class LazyBackend implements HelpdeskBackend {
  readonly type: string;
  readonly capabilities: BackendCapabilities;
  #config: BackendConfig;
  #descriptor: BackendDescriptor;
  #adapter?: HelpdeskBackend;
  #loading?: Promise<HelpdeskBackend>;
  /** Credentials set before the adapter existed: `[held]` once set, handed over on load. */
  #held?: [Held];

  constructor(config: BackendConfig, descriptor: BackendDescriptor = descriptorOf(config)) {
    this.#config = config;
    this.#descriptor = descriptor;
    this.type = config.type;
    this.capabilities = descriptor.capabilities(config);
    // Start downloading now, while the person reads the form: it may be offline when it submits.
    this.#load().catch(() => undefined);
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
}

export type * from './types.js';
