/**
 * The templates of the form's fields, one function per block. They read the model and
 * write back through it; ids and `aria-describedby` tie each field to its hint, advice
 * and error so a screen reader hears them together.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { HelpdeskConfig, ConfiguredQuestion } from '../../config/index.js';
import { TICKET_TYPES, type TicketType } from '../../core/ticket.js';
import { URGENCIES, bandOf, type Urgency } from '../../core/urgency.js';
import { localText } from '../../core/text.js';
import { adviseTitle } from '../../core/advice/title.js';
import { DESCRIBE_PROMPTS, answeredPrompts, descriptionTemplate } from '../../core/qqoqccp.js';
import type { FieldId, FieldProblem } from '../../core/validation.js';
import type { Messages } from '../../i18n/en.js';
import { emailMode, type TicketFormModel } from './ticket-form-model.js';
import { filePicker, pasteFilesInto } from '../shared/file-picker.js';

export interface FieldContext {
  model: TicketFormModel;
  config: HelpdeskConfig;
  t: Messages;
  lang: string;
  theme?: string;
}

/** The DOM id of the control a summary entry links to. */
export function controlId(field: FieldId): string {
  if (field === 'type') return `type-${TICKET_TYPES[0]}`;
  if (field === 'urgency') return `urgency-${URGENCIES[0]}`;
  if (field.startsWith('question:')) return `q-${field.slice('question:'.length)}`;
  return `field-${field}`;
}

/** The label of a field as the summary names it. */
export function fieldLabel(field: FieldId, { t, config, lang }: FieldContext): string {
  switch (field) {
    case 'type':
      return t.submit.typeLabel;
    case 'urgency':
      return t.urgency.legend;
    case 'title':
      return t.title.label;
    case 'description':
      return t.description.label;
    case 'category':
      return t.category.label;
    case 'equipment':
      return t.equipment.label;
    case 'phone':
      return t.phone.label;
    case 'cc':
      return t.cc.label;
    case 'followUpEmail':
      return emailMode(config) === 'endpoint' ? t.email.replyToShort : t.followUp.email;
    case 'attachments':
      return t.attachments.label;
    default: {
      const id = field.slice('question:'.length);
      return localText(config.questions.find((q) => q.id === id)?.label, lang);
    }
  }
}

function problemOf(model: TicketFormModel, field: FieldId): FieldProblem | undefined {
  return model.problems.find((p) => p.field === field);
}

function errorLine(ctx: FieldContext, field: FieldId): TemplateResult | typeof nothing {
  const problem = problemOf(ctx.model, field);
  if (!problem) return nothing;
  return html`<p class="error" id="${controlId(field)}-error">${fieldLabel(field, ctx)} ${ctx.t.submit.reasons[problem.reason]}</p>`;
}

/** `aria-describedby` for a control: its hint, advice, and error when there is one. */
function describedBy(ctx: FieldContext, field: FieldId, ...others: (string | false)[]): string | undefined {
  const ids = others.filter((id): id is string => Boolean(id));
  if (problemOf(ctx.model, field)) ids.push(`${controlId(field)}-error`);
  return ids.length ? ids.join(' ') : undefined;
}

function invalid(ctx: FieldContext, field: FieldId): 'true' | 'false' {
  return problemOf(ctx.model, field) ? 'true' : 'false';
}

function requiredMark(ctx: FieldContext, required: boolean) {
  return required ? html`<span class="required" aria-hidden="true">*</span>` : html`<span class="optional">(${ctx.t.form.optional})</span>`;
}

export function typeField(ctx: FieldContext): TemplateResult {
  const { model, t } = ctx;
  return html`
    <fieldset part="field" class="choices" aria-describedby=${ifDefined(describedBy(ctx, 'type'))}>
      <legend part="label">${t.type.legend}&nbsp;${requiredMark(ctx, true)}</legend>
      ${errorLine(ctx, 'type')}
      <div class="cards">
        ${TICKET_TYPES.map(
          (type: TicketType) => html`
            <label class="card">
              <input
                type="radio"
                name="type"
                id="type-${type}"
                value=${type}
                .checked=${live(model.values.type === type)}
                aria-describedby="type-${type}-hint"
                @change=${() => model.set('type', type)}
              />
              <span class="card-text">
                <strong>${t.type.names[type]}</strong>
                <span class="hint" id="type-${type}-hint">${t.type.hints[type]}</span>
              </span>
            </label>
          `,
        )}
      </div>
    </fieldset>
  `;
}

export function urgencyField(ctx: FieldContext): TemplateResult {
  const { model, t, config, lang } = ctx;
  const urgency = model.values.urgency;
  const band = urgency ? bandOf(urgency) : undefined;
  return html`
    <fieldset part="field urgency" class="choices" aria-describedby=${ifDefined(describedBy(ctx, 'urgency', 'urgency-explanation'))}>
      <legend part="label">${t.urgency.legend}&nbsp;${requiredMark(ctx, true)}</legend>
      ${errorLine(ctx, 'urgency')}
      <div class="scale">
        ${URGENCIES.map(
          (level: Urgency) => html`
            <label class="level level-${bandOf(level)}">
              <input
                type="radio"
                name="urgency"
                id="urgency-${level}"
                value=${level}
                .checked=${live(urgency === level)}
                @change=${() => model.set('urgency', level)}
              />
              <span>${t.urgency.names[level]}</span>
            </label>
          `,
        )}
      </div>
      <div id="urgency-explanation" class="explanation" aria-live="polite">
        ${band
          ? html`<p><strong>${t.urgency.names[urgency!]}</strong> — ${t.urgency.bands[band]}</p>
              ${band === 'critical' ? html`<p class="honest" part="honest-urgency">${t.urgency.honest}</p>` : nothing}
              <details class="examples">
                <summary>${t.urgency.examplesLabel}</summary>
                <p>${t.urgency.examples[band].join(', ')}.</p>
              </details>`
          : html`<p class="hint">${t.urgency.chooseFirst}</p>`}
      </div>
    </fieldset>
    ${urgency
      ? html`<contact-guidance
          part="guidance"
          .contacts=${config.contacts}
          urgency=${urgency}
          lang=${lang}
          theme=${ifDefined(ctx.theme)}
        ></contact-guidance>`
      : nothing}
  `;
}

/** What a text, text-area or select field needs; `control` defaults to a text input. */
interface FieldSpec {
  field: FieldId;
  label: string;
  required: boolean;
  hint?: string;
  /** Ids of other elements that describe the control (advice, warnings). */
  describedBy?: string[];
  control?: 'input' | 'textarea' | 'select';
  inputType?: 'text' | 'tel' | 'email' | 'number' | 'date' | 'datetime-local';
  autocomplete?: 'off' | 'tel' | 'email';
  rows?: number;
  disabled?: boolean;
  value?: string;
  onInput?: (value: string) => void;
  /** A text area's paste listener (files pasted become attachments). */
  onPaste?: (event: ClipboardEvent) => void;
  /** The `<option>`s of a select. */
  options?: TemplateResult[];
  /** Shown under the control. */
  after?: unknown;
}

/** A labelled control with its hint and error, wired for screen readers. */
function textField(ctx: FieldContext, spec: FieldSpec): TemplateResult {
  const id = controlId(spec.field);
  const hintId = spec.hint !== undefined ? `${id}-hint` : false;
  const describedByIds = describedBy(ctx, spec.field, hintId, ...(spec.describedBy ?? []));
  const onInput = (e: Event) => spec.onInput?.((e.target as HTMLInputElement).value);
  const isInvalid = invalid(ctx, spec.field);
  let control: TemplateResult;
  if (spec.control === 'select') {
    control = html`<select
      part="input"
      id=${id}
      ?disabled=${spec.disabled}
      aria-invalid=${isInvalid}
      aria-describedby=${ifDefined(describedByIds)}
      @change=${onInput}
    >
      ${spec.options}
    </select>`;
  } else if (spec.control === 'textarea') {
    control = html`<textarea
      part="input"
      id=${id}
      rows=${spec.rows ?? 3}
      .value=${live(spec.value ?? '')}
      aria-invalid=${isInvalid}
      aria-describedby=${ifDefined(describedByIds)}
      @input=${onInput}
      @paste=${spec.onPaste}
    ></textarea>`;
  } else {
    control = html`<input
      part="input"
      id=${id}
      type=${spec.inputType ?? 'text'}
      autocomplete=${ifDefined(spec.autocomplete)}
      .value=${live(spec.value ?? '')}
      aria-invalid=${isInvalid}
      aria-describedby=${ifDefined(describedByIds)}
      @input=${onInput}
    />`;
  }
  return html`
    <div part="field" class="field">
      <label part="label" for=${id}>${spec.label}&nbsp;${requiredMark(ctx, spec.required)}</label>
      ${spec.hint !== undefined ? html`<p class="hint" id="${id}-hint" aria-live="polite">${spec.hint}</p>` : nothing}
      ${errorLine(ctx, spec.field)} ${control} ${spec.after ?? nothing}
    </div>
  `;
}

export function titleField(ctx: FieldContext): TemplateResult {
  const { model, t } = ctx;
  return textField(ctx, {
    field: 'title',
    label: t.title.label,
    required: true,
    hint: t.title.hint,
    autocomplete: 'off',
    describedBy: ['field-title-advice'],
    value: model.values.title,
    onInput: (value) => model.set('title', value),
    after: html`<ul class="advice" id="field-title-advice" aria-live="polite">
      ${adviseTitle(model.values.title).map((code) => html`<li>${t.title.advice[code]}</li>`)}
    </ul>`,
  });
}

export function descriptionField(ctx: FieldContext): TemplateResult {
  const { model, t } = ctx;
  const answered = new Set(answeredPrompts(model.values.description, t.description.prompts));
  const insertTemplate = () => {
    const template = descriptionTemplate(t.description.prompts);
    const current = model.values.description.trimEnd();
    model.set('description', current ? `${current}\n\n${template}` : template);
  };
  return textField(ctx, {
    field: 'description',
    label: t.description.label,
    required: true,
    hint: t.description.hint,
    control: 'textarea',
    rows: 5,
    describedBy: ['field-description-secret'],
    value: model.values.description,
    onInput: (value) => model.set('description', value),
    // A screenshot pasted into the description becomes an attachment.
    onPaste: model.capabilities?.attachments ? pasteFilesInto(model.composer.files, ctx.config.attachments, t) : undefined,
    after: html`<p class="warning" id="field-description-secret" aria-live="polite">
        ${model.composer.flags(model.values.description) ? t.secrets.inline : nothing}
      </p>
      <details class="prompts" part="prompts">
        <summary>${t.description.helpSummary}</summary>
        <ul>
          ${DESCRIBE_PROMPTS.map(
            (prompt) => html`<li class=${answered.has(prompt) ? 'answered' : ''}>
              <strong>${t.description.prompts[prompt]}</strong> — ${t.description.promptHints[prompt]}
              ${answered.has(prompt) ? html`<span class="tick">✓ ${t.description.answered}</span>` : nothing}
            </li>`,
          )}
        </ul>
        <button type="button" class="secondary" @click=${insertTemplate}>${t.description.insertTemplate}</button>
      </details>`,
  });
}

function questionField(ctx: FieldContext, question: ConfiguredQuestion): TemplateResult {
  const { model, lang } = ctx;
  const { input } = question;
  return textField(ctx, {
    field: `question:${question.id}`,
    label: localText(question.label, lang),
    required: question.required,
    hint: question.help ? localText(question.help, lang) : undefined,
    control: input === 'textarea' ? 'textarea' : 'input',
    inputType: input === 'textarea' ? undefined : input,
    value: model.values.answers[question.id] ?? '',
    onInput: (value) => model.setAnswer(question.id, value),
  });
}

/** The provider's questions that are `required` (in the main path) or not (under "More details"). */
function questionFields(ctx: FieldContext, required: boolean): TemplateResult | typeof nothing {
  const questions = ctx.model.questions.filter((question) => question.required === required);
  if (!questions.length) return nothing;
  return html`
    <fieldset part="field" class="group">
      <legend part="label">${ctx.t.questions.heading}</legend>
      ${questions.map((question) => questionField(ctx, question))}
    </fieldset>
  `;
}

function categoryField(ctx: FieldContext): TemplateResult | typeof nothing {
  const { model, t, config } = ctx;
  if (config.fields.category === 'hidden' || !model.capabilities?.categories) return nothing;
  const { status, items } = model.categories;
  const noType = !model.values.type;
  return textField(ctx, {
    field: 'category',
    label: t.category.label,
    required: config.fields.category === 'required',
    hint: noType ? t.category.chooseTypeFirst : status === 'loading' ? t.category.loading : status === 'failed' ? t.category.failed : t.category.hint,
    control: 'select',
    disabled: noType || status !== 'ready',
    onInput: (value) => model.set('categoryId', value || undefined),
    options: [
      html`<option value="" ?selected=${!model.values.categoryId}>${t.category.choose}</option>`,
      ...items.map((c) => html`<option value=${c.id} ?selected=${c.id === model.values.categoryId}>${c.label ? localText(c.label, ctx.lang) : c.name}</option>`),
    ],
  });
}

function equipmentField(ctx: FieldContext): TemplateResult | typeof nothing {
  const { model, t, config } = ctx;
  if (config.fields.equipment === 'hidden' || !model.capabilities?.equipment) return nothing;
  const { status, items } = model.equipment;
  // Nothing to offer before sign-in, or when the person has no equipment.
  if (status === 'idle' || (status === 'ready' && items.length === 0)) return nothing;
  return textField(ctx, {
    field: 'equipment',
    label: t.equipment.label,
    required: config.fields.equipment === 'required',
    hint: status === 'loading' ? t.equipment.loading : status === 'failed' ? t.equipment.failed : '',
    control: 'select',
    disabled: status !== 'ready',
    onInput: (value) => model.set('equipmentId', value || undefined),
    options: [
      html`<option value="" ?selected=${!model.values.equipmentId}>${t.equipment.none}</option>`,
      ...items.map((item) => {
        const value = `${item.kind}:${item.id}`;
        return html`<option value=${value} ?selected=${value === model.values.equipmentId}>${item.name} (${item.kind})</option>`;
      }),
    ],
  });
}

function phoneField(ctx: FieldContext): TemplateResult | typeof nothing {
  const { model, t, config } = ctx;
  if (config.fields.phone === 'hidden') return nothing;
  return textField(ctx, {
    field: 'phone',
    label: t.phone.label,
    required: config.fields.phone === 'required',
    hint: t.phone.hint,
    inputType: 'tel',
    autocomplete: 'tel',
    value: model.values.phone,
    onInput: (value) => model.set('phone', value),
  });
}

/** Sent by the host's endpoint, the answer only finds the person through this address: always asked. */
function replyToField(ctx: FieldContext): TemplateResult | typeof nothing {
  const { model, t, config } = ctx;
  if (config.fields.followUp === 'hidden' || emailMode(config) !== 'endpoint') return nothing;
  return textField(ctx, {
    field: 'followUpEmail',
    label: t.email.replyTo,
    required: true,
    hint: t.email.replyToHint,
    inputType: 'email',
    autocomplete: 'email',
    value: model.values.followUpEmail,
    onInput: (value) => model.set('followUpEmail', value),
  });
}

/** "Tell me by email", and the address when another one is wanted; a mail sent from the person's own mailbox needs neither. */
function followUpFields(ctx: FieldContext): TemplateResult | typeof nothing {
  const { model, t, config } = ctx;
  const v = model.values;
  const email = emailMode(config);
  if (config.fields.followUp === 'hidden' || email) return nothing;
  return html`
    <label class="check">
      <input
        type="checkbox"
        id="field-followUp"
        .checked=${live(v.followUpByEmail)}
        @change=${(e: Event) => model.set('followUpByEmail', (e.target as HTMLInputElement).checked)}
      />
      ${t.followUp.label}
    </label>
    ${v.followUpByEmail
      ? textField(ctx, {
          field: 'followUpEmail',
          label: t.followUp.email,
          required: false,
          hint: t.followUp.emailHint,
          inputType: 'email',
          autocomplete: 'email',
          value: v.followUpEmail,
          onInput: (value) => model.set('followUpEmail', value),
        })
      : nothing}
  `;
}

/** People to keep informed, where the helpdesk copies them (`capabilities.cc`): always optional. */
function ccField(ctx: FieldContext): TemplateResult | typeof nothing {
  const { model, t } = ctx;
  if (!model.capabilities?.cc) return nothing;
  return textField(ctx, {
    field: 'cc',
    label: t.cc.label,
    required: false,
    hint: t.cc.hint,
    inputType: 'text',
    autocomplete: 'off',
    value: model.values.cc,
    onInput: (value) => model.set('cc', value),
  });
}

/** What the configuration requires besides the title and the description: the required questions, and any field made required. */
export function requiredExtraFields(ctx: FieldContext): unknown[] {
  const { model } = ctx;
  return [
    questionFields(ctx, true),
    model.isDetail('category') ? nothing : categoryField(ctx),
    model.isDetail('equipment') ? nothing : equipmentField(ctx),
    model.isDetail('phone') ? nothing : phoneField(ctx),
    replyToField(ctx),
  ];
}

/**
 * "More details (optional)": what a person may skip (optional questions, category, equipment,
 * a number to call back, follow-up by email), folded so that the form fits a window. The
 * model opens it when it holds a problem or a restored answer, so nothing in it goes unseen.
 */
export function moreDetails(ctx: FieldContext): TemplateResult | typeof nothing {
  const { model, t } = ctx;
  const fields = [
    questionFields(ctx, false),
    model.isDetail('category') ? categoryField(ctx) : nothing,
    model.isDetail('equipment') ? equipmentField(ctx) : nothing,
    model.isDetail('phone') ? phoneField(ctx) : nothing,
    followUpFields(ctx),
    ccField(ctx),
  ].filter((field) => field !== nothing);
  if (!fields.length) return nothing;
  return html`
    <details part="more" class="more" ?open=${model.moreOpen} @toggle=${(e: Event) => model.showDetails((e.target as HTMLDetailsElement).open)}>
      <summary>${t.form.more}</summary>
      <div class="more-fields">${fields}</div>
    </details>
  `;
}

export function attachmentsField(ctx: FieldContext): TemplateResult | typeof nothing {
  const { model, t, config, lang } = ctx;
  // A mailto: link cannot carry files: where they go instead.
  if (!model.capabilities?.attachments) return emailMode(config) === 'mailto' ? html`<p part="field" class="hint" id="attachments-mailto">${t.email.attachInMailClient}</p>` : nothing;
  return filePicker({ id: 'field-attachments', t, lang, rules: config.attachments, chosen: model.composer.files, labelSuffix: requiredMark(ctx, false) });
}
