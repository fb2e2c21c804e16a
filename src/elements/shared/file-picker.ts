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
  /** The files the last `add` took, for the live region. */
  added: File[] = [];

  constructor(private readonly changed: () => void) {}

  add(rules: AttachmentRules, added: File[]): void {
    const { files, refused } = checkAttachments(this.files, added, rules);
    this.added = files.filter((file) => !this.files.includes(file));
    this.files = files;
    this.refusals = refused;
    this.changed();
  }

  remove(file: File): void {
    forget(file);
    this.files = this.files.filter((f) => f !== file);
    this.refusals = [];
    this.added = [];
    this.changed();
  }

  clear(): void {
    this.files.forEach(forget);
    this.files = [];
    this.refusals = [];
    this.added = [];
    this.changed();
  }
}

/** Object URLs of the images shown as thumbnails, released when their file is removed. */
const previews = new WeakMap<File, string>();

function previewOf(file: File): string {
  let url = previews.get(file);
  if (!url) previews.set(file, (url = URL.createObjectURL(file)));
  return url;
}

function forget(file: File): void {
  const url = previews.get(file);
  if (url) URL.revokeObjectURL(url);
  previews.delete(file);
}

/**
 * The files of a paste — a screenshot copied with Print Screen or a snipping tool comes as
 * one "image.png" — each named after the moment it was pasted, and told apart from the
 * names in `taken` (two pasted in the same second): "capture-2026-12-07-14-30-05.png",
 * then "capture-2026-12-07-14-30-05-2.png".
 */
export function pastedFiles(event: ClipboardEvent, t: Messages, taken: ReadonlySet<string> = new Set(), now = new Date()): File[] {
  const files = [...(event.clipboardData?.items ?? [])].flatMap((item) => (item.kind === 'file' ? [item.getAsFile()] : [])).filter((file) => file !== null);
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}-${pad(now.getMinutes())}-${pad(now.getSeconds())}`;
  const names = new Set(taken);
  return files.map((file) => {
    const generic = /^image\.(\w+)$/i.exec(file.name);
    if (!generic) return file;
    const extension = generic[1]!.toLowerCase();
    let name = `${t.attachments.pastedName}-${stamp}.${extension}`;
    for (let n = 2; names.has(name); n++) name = `${t.attachments.pastedName}-${stamp}-${n}.${extension}`;
    names.add(name);
    return new File([file], name, { type: file.type, lastModified: file.lastModified });
  });
}

/**
 * The `paste` listener of a text box whose files go to `chosen`: pasted files become
 * attachments; text pasted with them (a spreadsheet copies both) still goes in the box.
 */
export function pasteFilesInto(chosen: ChosenFiles, rules: AttachmentRules, t: Messages) {
  return (event: ClipboardEvent) => {
    if (rules.maxFiles === 0) return;
    const files = pastedFiles(event, t, new Set(chosen.files.map((file) => file.name)));
    if (!files.length) return;
    if (!event.clipboardData?.getData('text/plain')) event.preventDefault();
    chosen.add(rules, files);
  };
}

export interface FilePickerOptions {
  /** The file input's id; the zone is `-zone`, its hint and refusals get `-hint` and `-refused`. */
  id: string;
  t: Messages;
  lang: string;
  rules: AttachmentRules;
  chosen: ChosenFiles;
  /** After the label, e.g. the "optional" mark. */
  labelSuffix?: TemplateResult | typeof nothing;
}

const carriesFiles = (event: DragEvent) => Boolean(event.dataTransfer?.types.includes('Files'));

/**
 * The files field: a zone that is a button (Enter or a click opens the browser's file
 * chooser; its text is the page's language, not the browser's "Choose Files") and takes
 * files dropped on it; the limits before, each refusal and its reason after, the chosen
 * files with a thumbnail for images and a button to remove each.
 */
export function filePicker({ id, t, lang, rules, chosen, labelSuffix = nothing }: FilePickerOptions) {
  if (rules.maxFiles === 0) return html`<p class="hint">${t.attachments.off}</p>`;
  const size = formatBytes(rules.maxFileSize, lang);
  const onChange = (e: Event) => {
    const input = e.target as HTMLInputElement;
    chosen.add(rules, [...(input.files ?? [])]);
    input.value = '';
  };
  const choose = (e: Event) => ((e.currentTarget as HTMLElement).parentElement!.querySelector<HTMLInputElement>('input[type="file"]')!).click();
  const over = (e: DragEvent) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    e.dataTransfer!.dropEffect = 'copy';
    (e.currentTarget as HTMLElement).classList.add('over');
  };
  const leave = (e: DragEvent) => (e.currentTarget as HTMLElement).classList.remove('over');
  const drop = (e: DragEvent) => {
    leave(e);
    if (!carriesFiles(e)) return;
    e.preventDefault();
    chosen.add(rules, [...e.dataTransfer!.files]);
  };
  return html`
    <div part="field" class="field">
      <label part="label" id="${id}-label" for="${id}-zone">${t.attachments.label}&nbsp;${labelSuffix}</label>
      <p class="hint" id="${id}-hint">${t.attachments.hint(rules.maxFiles, size)}</p>
      <input
        id=${id}
        type="file"
        hidden
        ?multiple=${rules.maxFiles > 1}
        accept=${ifDefined(rules.accept.length ? rules.accept.join(',') : undefined)}
        @change=${onChange}
      />
      <button
        type="button"
        part="drop-zone"
        class="drop-zone"
        id="${id}-zone"
        aria-labelledby="${id}-label ${id}-zone"
        aria-describedby="${id}-hint ${id}-refused"
        @click=${choose}
        @dragenter=${over}
        @dragover=${over}
        @dragleave=${leave}
        @drop=${drop}
      >
        ${t.attachments.zone(rules.maxFiles)}
      </button>
      <ul class="error" id="${id}-refused" aria-live="assertive">
        ${chosen.refusals.map((refusal) => html`<li>${t.attachments.refused(refusal, size)}</li>`)}
      </ul>
      <p class="visually-hidden" role="status">${chosen.added.length ? t.attachments.added(chosen.added.map((file) => file.name)) : ''}</p>
      ${chosen.files.length
        ? html`<ul class="files" part="files">
            ${chosen.files.map(
              (file) => html`<li>
                ${file.type.startsWith('image/')
                  ? html`<img class="thumbnail" src=${previewOf(file)} alt="" width="48" height="48" @error=${(e: Event) => ((e.target as HTMLElement).hidden = true)} />`
                  : nothing}
                <span class="name">${file.name} · ${formatBytes(file.size, lang)}</span>
                <button type="button" class="link" aria-label=${t.attachments.remove(file.name)} @click=${() => chosen.remove(file)}>
                  ${t.attachments.removeShort}
                </button>
              </li>`,
            )}
          </ul>`
        : nothing}
    </div>
  `;
}
