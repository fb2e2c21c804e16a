/**
 * Choosing files under the provider's limits, for the form and the reply box: files
 * over the count, size or type are refused before anything is sent, each with its
 * name and reason, and chosen files can be removed one by one.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { AttachmentRules } from '../../config/index.js';
import { checkAttachments, formatBytes, type AttachmentRefusal } from '../../core/attachments.js';
import type { Messages } from '../../i18n/en.js';

/** The chosen files and the last refusals; `add` applies the rules. */
export class ChosenFiles {
  files: File[] = [];
  refusals: AttachmentRefusal[] = [];

  constructor(private readonly changed: () => void) {}

  add(rules: AttachmentRules, added: File[]): void {
    const { files, refused } = checkAttachments(this.files, added, rules);
    this.files = files;
    this.refusals = refused;
    this.changed();
  }

  remove(file: File): void {
    this.files = this.files.filter((f) => f !== file);
    this.refusals = [];
    this.changed();
  }

  clear(): void {
    this.files = [];
    this.refusals = [];
    this.changed();
  }
}

export interface FilePickerOptions {
  /** The input's id; its hint and refusals get `-hint` and `-refused`. */
  id: string;
  t: Messages;
  lang: string;
  rules: AttachmentRules;
  chosen: ChosenFiles;
  /** After the label, e.g. the "optional" mark. */
  labelSuffix?: TemplateResult | typeof nothing;
}

export function filePicker({ id, t, lang, rules, chosen, labelSuffix = nothing }: FilePickerOptions) {
  if (rules.maxFiles === 0) return html`<p class="hint">${t.attachments.off}</p>`;
  const size = formatBytes(rules.maxFileSize, lang);
  const onChange = (e: Event) => {
    const input = e.target as HTMLInputElement;
    chosen.add(rules, [...(input.files ?? [])]);
    input.value = '';
  };
  return html`
    <div part="field" class="field">
      <label part="label" for=${id}>${t.attachments.label} ${labelSuffix}</label>
      <p class="hint" id="${id}-hint">${t.attachments.hint(rules.maxFiles, size)}</p>
      <input
        part="input"
        id=${id}
        type="file"
        ?multiple=${rules.maxFiles > 1}
        accept=${ifDefined(rules.accept.length ? rules.accept.join(',') : undefined)}
        aria-describedby="${id}-hint ${id}-refused"
        @change=${onChange}
      />
      <ul class="error" id="${id}-refused" aria-live="assertive">
        ${chosen.refusals.map((refusal) => html`<li>${t.attachments.refused(refusal, size)}</li>`)}
      </ul>
      ${chosen.files.length
        ? html`<ul class="files" part="files">
            ${chosen.files.map(
              (file) => html`<li>
                <span>${file.name} · ${formatBytes(file.size, lang)}</span>
                <button type="button" class="link" @click=${() => chosen.remove(file)}>${t.attachments.remove(file.name)}</button>
              </li>`,
            )}
          </ul>`
        : nothing}
    </div>
  `;
}
