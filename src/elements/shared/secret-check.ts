/**
 * The secret check the form and the reply box share (seed 002): a hint while the
 * person types, a warning before anything is sent, and their three answers: remove
 * them and send, send as it is, back to the text.
 *
 * Everything is read from the texts as they are now, never from what was found
 * before an edit: the warning follows each edit (and goes when nothing is left),
 * "Remove them and send" finds the secrets again in the current text, so that no
 * stale position can overwrite what the person typed since, and "Send as it is"
 * covers the values the warning showed, so a secret added later is flagged again.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { findSecrets, removeSecrets, type SecretFinding, type SecretKind } from '../../core/advice/secrets.js';
import type { Messages } from '../../i18n/en.js';

/** One text the check reads, under the name its host gives it (a field of the form, the reply). */
export interface CheckedText<F extends string> {
  field: F;
  text: string;
}

/** The check of one box; its lifecycle is its composer's (src/elements/shared/composer.ts), which forwards the host's. */
export class SecretCheck<F extends string> implements ReactiveController {
  /** The warning is up: asked by a send, until answered or until nothing is left to warn about. */
  private shown = false;
  /** Values the person chose to send as they are, until `reset`. */
  private readonly kept = new Set<string>();
  /** What was found in the texts last looked at: every render asks, each text is scanned once. */
  private readonly found = new Map<string, SecretFinding[]>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: {
      /** The texts as they are now. */
      texts: () => CheckedText<F>[];
      /** Writes a text back with its secrets masked ("Remove them and send"). */
      replace: (field: F, text: string) => void;
      /** Sends, once the person answered "Remove them and send" or "Send as it is". */
      send: () => unknown;
    },
  ) {}

  /** `text` holds something that would be flagged before sending: the hint while typing. */
  flags(text: string): boolean {
    return this.findIn(text).length > 0;
  }

  /** What the warning lists, from the texts as they are now. */
  get kinds(): SecretKind[] {
    return [...new Set(this.pending().flatMap(({ findings }) => findings.map(({ kind }) => kind)))];
  }

  /**
   * Before sending: shows the warning when a text holds a secret the person did not
   * choose to send. True when sending must wait for their answer.
   */
  holdsBack(): boolean {
    this.shown = this.pending().length > 0;
    this.host.requestUpdate();
    return this.shown;
  }

  /** "Remove them and send": the secrets found in each text now are masked in the text itself, then it is sent. */
  removeAndSend(): unknown {
    for (const { field, text } of this.options.texts()) {
      const masked = removeSecrets(text, { keep: this.kept });
      if (masked !== text) this.options.replace(field, masked);
    }
    this.hide();
    return this.options.send();
  }

  /** "Send as it is": what the warning lists now goes as typed; anything added later is flagged again. */
  sendAsItIs(): unknown {
    for (const { text, findings } of this.pending()) for (const { start, end } of findings) this.kept.add(text.slice(start, end));
    this.found.clear();
    this.hide();
    return this.options.send();
  }

  /** "Back to the text": the next send checks again. */
  hide(): void {
    this.shown = false;
    this.host.requestUpdate();
  }

  /** What was sent was accepted, or the text is another one: every secret is flagged again. */
  reset(): void {
    this.kept.clear();
    this.found.clear();
    this.hide();
  }

  /** An edit under the warning re-checks it: it goes when the texts hold nothing to warn about. */
  hostUpdate(): void {
    if (this.shown && !this.pending().length) this.shown = false;
  }

  /** The warning (`id="secrets"`, focusable), its heading at `level` in the host's outline. */
  render(t: Messages, level: 3 | 4) {
    if (!this.shown) return nothing;
    const s = t.secrets;
    return html`
      <section id="secrets" part="secrets" class="panel warning" tabindex="-1" aria-labelledby="secrets-heading">
        ${level === 3 ? html`<h3 id="secrets-heading">${s.heading}</h3>` : html`<h4 id="secrets-heading">${s.heading}</h4>`}
        <p>${s.body}</p>
        <ul>
          ${this.kinds.map((kind) => html`<li>${s.kinds[kind]}</li>`)}
        </ul>
        <div class="actions">
          <button type="button" class="primary" @click=${() => void this.removeAndSend()}>${s.remove}</button>
          <button type="button" class="secondary" @click=${() => void this.sendAsItIs()}>${s.sendAnyway}</button>
          <button type="button" class="link" @click=${() => this.hide()}>${s.cancel}</button>
        </div>
      </section>
    `;
  }

  /** Each text holding a secret not kept, with what was found in it. */
  private pending(): (CheckedText<F> & { findings: SecretFinding[] })[] {
    return this.options
      .texts()
      .map(({ field, text }) => ({ field, text, findings: this.findIn(text) }))
      .filter(({ findings }) => findings.length > 0);
  }

  private findIn(text: string): SecretFinding[] {
    let findings = this.found.get(text);
    if (!findings) {
      // A few texts (title, description, answers) in a few versions: the last ones are enough.
      if (this.found.size > 16) this.found.clear();
      findings = findSecrets(text, { keep: this.kept });
      this.found.set(text, findings);
    }
    return findings;
  }
}
