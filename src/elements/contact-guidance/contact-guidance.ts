import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { contactChannelsFor, contactHref, type ContactChannel } from '../../core/contacts.js';
import { isUrgency, type Urgency } from '../../core/urgency.js';
import { localText } from '../../core/text.js';
import { formatProblems, type ConfigProblem, type HelpdeskConfigInput } from '../../config/index.js';
import { LocalizeController } from '../../i18n/localize.js';
import { resolveConfig } from '../../services/resolve-config.js';
import { configErrorPanel } from '../shared/config-error.js';
import { styles } from './contact-guidance.styles.js';

/**
 * @summary Which channels to use for an urgency — email, agency phone, engineer's
 * mobile — each offered from its `from` level up, and the reminder that a ticket
 * is needed whatever the channel.
 *
 * @csspart base - The block around the guidance.
 * @csspart channel - One channel line.
 * @csspart config-error - The message shown when the configuration is invalid.
 *
 * @cssproperty --support-color-primary - Accent of the block and links.
 * @cssproperty --support-color-surface-alt - Background of the block.
 *
 * @tag contact-guidance
 */
export class ContactGuidance extends LitElement {
  static override styles = styles;

  /** The urgency chosen: `very-low`, `low`, `medium`, `high` or `very-high`. */
  @property({ reflect: true }) urgency?: Urgency;

  /** The channels to choose from; when unset, read from the shared configuration. */
  @property({ attribute: false }) contacts?: ContactChannel[];

  /** The shared configuration: the id of a JSON `<script>`, or (as a property) an object. */
  @property() config?: string | HelpdeskConfigInput;

  /** Forces the light or dark palette; follows `prefers-color-scheme` when unset. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  @state() private configured: ContactChannel[] = [];
  @state() private problems: ConfigProblem[] = [];

  private readonly localize = new LocalizeController(this);

  /** The first render waits for the element's language to load; later ones keep the strings shown meanwhile. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = this.localize.beforeFirstRender();
    return loading ? loading.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('config') && this.config !== undefined) {
      const resolved = resolveConfig({ config: this.config }, this.localize.messages);
      this.configured = resolved.ok ? resolved.config.contacts : [];
      this.problems = resolved.ok ? [] : resolved.problems;
      if (!resolved.ok) console.error(`<contact-guidance>: invalid configuration\n${formatProblems(resolved.problems)}`);
    }
  }

  override render() {
    if (this.problems.length) return configErrorPanel(this.localize.messages, this.problems);
    const t = this.localize.messages.contacts;
    if (!isUrgency(this.urgency)) return nothing;
    const channels = contactChannelsFor(this.urgency, this.contacts ?? this.configured);
    const hasPhone = channels.some((channel) => channel.kind === 'phone');
    return html`
      <section part="base" aria-labelledby="heading">
        <h3 id="heading">${t.heading}</h3>
        ${channels.length
          ? html`<ul>
              ${channels.map(
                (channel) => html`<li part="channel">
                  <span class="kind">${t.kinds[channel.kind]} ·</span> ${localText(channel.label, this.localize.lang)} —
                  <a href=${contactHref(channel)}>${channel.value}</a>
                  ${channel.note ? html`<span class="note">(${localText(channel.note, this.localize.lang)})</span>` : nothing}
                </li>`,
              )}
            </ul>`
          : html`<p>${t.none}</p>`}
        <p><strong class="always">${t.ticketAlways}</strong>${hasPhone ? ` ${t.phoneInWriting}` : nothing}</p>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'contact-guidance': ContactGuidance;
  }
}
