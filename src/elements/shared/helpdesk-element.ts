/**
 * What every element talking to a helpdesk shares: the three ways to be configured,
 * the page-wide adapter for that configuration, credentials from the host, the
 * language, the theme, and the rule that a bad configuration shows a readable error
 * and never throws into the host page.
 */
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatProblems, type ConfigProblem, type HelpdeskConfig, type HelpdeskConfigInput } from '../../config/index.js';
import type { HelpdeskError } from '../../core/errors.js';
import type { Credentials, CredentialsProvider, HelpdeskBackend } from '../../backends/types.js';
import type { SupportErrorDetail } from '../../events/events.js';
import { LocalizeController } from '../../i18n/localize.js';
import { backendFor } from '../../services/backend-registry.js';
import { resolveConfig } from '../../services/resolve-config.js';

export type Configured = { config: HelpdeskConfig; backend: HelpdeskBackend } | { problems: ConfigProblem[] };

export abstract class HelpdeskElement extends LitElement {
  /**
   * The shared configuration: the id of a `<script type="application/json">` (attribute),
   * or a configuration object (property).
   */
  @property() config?: string | HelpdeskConfigInput;

  /** Simplest setup without a configuration: the backend type, e.g. `glpi`. */
  @property() backend?: string;

  /** Simplest setup without a configuration: the backend's API address. */
  @property() endpoint?: string;

  /** Forces the light or dark palette; follows `prefers-color-scheme` when unset. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** Credentials from the host page (a user token, or a login), or a callback returning them. Kept in memory only. */
  @property({ attribute: false }) credentials?: Credentials | CredentialsProvider;

  /** The checked configuration and its adapter, or what is wrong with the configuration. */
  @state() protected resolved?: Configured;

  protected readonly localize = new LocalizeController(this);

  // Before the first render (its language still loading) the first willUpdate configures.
  private readonly configureWhenParsed = () => this.hasUpdated && this.configure();

  override connectedCallback(): void {
    super.connectedCallback();
    // A configuration script placed after the element is parsed later: read it once the page is.
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', this.configureWhenParsed, { once: true });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('DOMContentLoaded', this.configureWhenParsed);
  }

  /** The first render waits for the element's language to load; later ones keep the strings shown meanwhile. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = this.localize.beforeFirstRender();
    return loading ? loading.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('config') || changed.has('backend') || changed.has('endpoint') || changed.has('credentials')) {
      this.configure();
    }
    // Set again after the first render: a new token, or a host that signed the person in again.
    if (this.hasUpdated && (changed.has('credentials') || changed.has('config'))) this.credentialsChanged();
  }

  /** The host set credentials or a configuration again: what waited for a new sign-in can go on. */
  protected credentialsChanged(): void {}

  /** Called with each new valid configuration and its adapter. */
  protected abstract configured(config: HelpdeskConfig, backend: HelpdeskBackend): void;

  private configure(): void {
    const result = resolveConfig(this, this.localize.messages);
    if (!result.ok) {
      if (document.readyState === 'loading' && typeof this.config === 'string') return;
      this.resolved = { problems: result.problems };
      console.error(`<${this.localName}>: invalid configuration\n${formatProblems(result.problems)}`);
      return;
    }
    const backend = backendFor(result.config.backend);
    if (this.credentials) backend.setCredentials(this.credentials);
    this.resolved = { config: result.config, backend };
    this.configured(result.config, backend);
  }

  /** The `support-error` detail for an error, with the sentence the person saw. */
  protected errorDetail(error: HelpdeskError): SupportErrorDetail {
    return { kind: error.kind, message: this.localize.messages.errors[error.kind], code: error.code, detail: error.detail };
  }

  /** Focuses the element matching `selector` once the render that shows it is done. */
  protected async focusAfterRender(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}
