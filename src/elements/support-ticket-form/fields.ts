/**
 * The templates of the form's fields, one function per block. They read the model and
 * write back through it; ids and `aria-describedby` tie each field to its hint, advice
 * and error so a screen reader hears them together.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { HelpdeskConfig, ConfiguredQuestion } from '../../core/config.js';
import { TICKET_TYPES, type TicketType } from '../../core/ticket.js';
import { URGENCIES, bandOf, type Urgency } from '../../core/urgency.js';
import { localText } from '../../core/text.js';
import { adviseTitle } from '../../core/advice/title.js';
import { DESCRIBE_PROMPTS, answeredPrompts, descriptionTemplate } from '../../core/qqoqccp.js';
import { formatBytes } from '../../core/attachments.js';
import type { FieldId, FieldProblem } from '../../core/validation.js';
import type { Messages } from '../../i18n/en.js';
import type { TicketFormModel } from './ticket-form-model.js';
import '../contact-guidance/contact-guidance.js';

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
    case 'followUpEmail':
      return t.followUp.email;
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
      <legend part="label">${t.type.legend} ${requiredMark(ctx, true)}</legend>
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
      <legend part="label">${t.urgency.legend} ${requiredMark(ctx, true)}</legend>
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
              <p>${t.urgency.examplesLabel} ${t.urgency.examples[band].join(', ')}.</p>
              ${band === 'critical' ? html`<p class="honest" part="honest-urgency">${t.urgency.honest}</p>` : nothing}`
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

export function titleField(ctx: FieldContext): TemplateResult {
  const { model, t } = ctx;
  const advice = adviseTitle(model.values.title);
  return html`
    <div part="field" class="field">
      <label part="label" for="field-title">${t.title.label} ${requiredMark(ctx, true)}</label>
      <p class="hint" id="field-title-hint">${t.title.hint}</p>
      ${errorLine(ctx, 'title')}
      <input
        part="input"
        id="field-title"
        type="text"
        autocomplete="off"
        .value=${live(model.values.title)}
        aria-invalid=${invalid(ctx, 'title')}
        aria-describedby=${ifDefined(describedBy(ctx, 'title', 'field-title-hint', 'field-title-advice'))}
        @input=${(e: Event) => model.set('title', (e.target as HTMLInputElement).value)}
      />
      <ul class="advice" id="field-title-advice" aria-live="polite">
        ${advice.map((code) => html`<li>${t.title.advice[code]}</li>`)}
      </ul>
    </div>
  `;
}

export function descriptionField(ctx: FieldContext): TemplateResult {
  const { model, t } = ctx;
  const answered = new Set(answeredPrompts(model.values.description, t.description.prompts));
  const insertTemplate = () => {
    const template = descriptionTemplate(t.description.prompts);
    const current = model.values.description.trimEnd();
    model.set('description', current ? `${current}\n\n${template}` : template);
  };
  return html`
    <div part="field" class="field">
      <label part="label" for="field-description">${t.description.label} ${requiredMark(ctx, true)}</label>
      <p class="hint" id="field-description-hint">${t.description.hint}</p>
      ${errorLine(ctx, 'description')}
      <textarea
        part="input"
        id="field-description"
        rows="8"
        .value=${live(model.values.description)}
        aria-invalid=${invalid(ctx, 'description')}
        aria-describedby=${ifDefined(describedBy(ctx, 'description', 'field-description-hint', 'field-description-secret'))}
        @input=${(e: Event) => model.set('description', (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <p class="warning" id="field-description-secret" aria-live="polite">
        ${model.secretsIn(model.values.description) ? t.secrets.inline : nothing}
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
      </details>
    </div>
  `;
}

function questionControl(ctx: FieldContext, question: ConfiguredQuestion): TemplateResult {
  const { model, lang } = ctx;
  const field: FieldId = `question:${question.id}`;
  const id = controlId(field);
  const helpId = question.help ? `${id}-help` : false;
  const value = model.values.answers[question.id] ?? '';
  const onInput = (e: Event) => model.setAnswer(question.id, (e.target as HTMLInputElement | HTMLTextAreaElement).value);
  const control =
    question.input === 'textarea'
      ? html`<textarea
          part="input"
          id=${id}
          rows="3"
          .value=${live(value)}
          aria-invalid=${invalid(ctx, field)}
          aria-describedby=${ifDefined(describedBy(ctx, field, helpId))}
          @input=${onInput}
        ></textarea>`
      : html`<input
          part="input"
          id=${id}
          type=${question.input}
          .value=${live(value)}
          aria-invalid=${invalid(ctx, field)}
          aria-describedby=${ifDefined(describedBy(ctx, field, helpId))}
          @input=${onInput}
        />`;
  return html`
    <div part="field" class="field">
      <label part="label" for=${id}>${localText(question.label, lang)} ${requiredMark(ctx, question.required)}</label>
      ${question.help ? html`<p class="hint" id="${id}-help">${localText(question.help, lang)}</p>` : nothing}
      ${errorLine(ctx, field)} ${control}
    </div>
  `;
}

export function questionFields(ctx: FieldContext): TemplateResult | typeof nothing {
  const questions = ctx.model.questions;
  if (!questions.length) return nothing;
  return html`
    <fieldset part="field" class="group">
      <legend part="label">${ctx.t.questions.heading}</legend>
      ${questions.map((question) => questionControl(ctx, question))}
    </fieldset>
  `;
}

export function categoryField(ctx: FieldContext): TemplateResult | typeof nothing {
  const { model, t, config } = ctx;
  if (config.fields.category === 'hidden' || !model.capabilities?.categories) return nothing;
  const { status, items } = model.categories;
  const noType = !model.values.type;
  const statusText = noType ? t.category.chooseTypeFirst : status === 'loading' ? t.category.loading : status === 'failed' ? t.category.failed : '';
  return html`
    <div part="field" class="field">
      <label part="label" for="field-category">${t.category.label} ${requiredMark(ctx, config.fields.category === 'required')}</label>
      <p class="hint" id="field-category-hint">${t.category.hint} <span aria-live="polite">${statusText}</span></p>
      ${errorLine(ctx, 'category')}
      <select
        part="input"
        id="field-category"
        ?disabled=${noType || status !== 'ready'}
        aria-invalid=${invalid(ctx, 'category')}
        aria-describedby=${ifDefined(describedBy(ctx, 'category', 'field-category-hint'))}
        @change=${(e: Event) => model.set('categoryId', (e.target as HTMLSelectElement).value || undefined)}
      >
        <option value="" ?selected=${!model.values.categoryId}>${t.category.choose}</option>
        ${items.map((c) => html`<option value=${c.id} ?selected=${c.id === model.values.categoryId}>${c.name}</option>`)}
      </select>
    </div>
  `;
}

export function equipmentField(ctx: FieldContext): TemplateResult | typeof nothing {
  const { model, t, config } = ctx;
  if (config.fields.equipment === 'hidden' || !model.capabilities?.equipment) return nothing;
  const { status, items } = model.equipment;
  if (status === 'ready' && items.length === 0) return nothing;
  const statusText = status === 'loading' ? t.equipment.loading : status === 'failed' ? t.equipment.failed : '';
  return html`
    <div part="field" class="field">
      <label part="label" for="field-equipment">${t.equipment.label} ${requiredMark(ctx, config.fields.equipment === 'required')}</label>
      <p class="hint" id="field-equipment-hint" aria-live="polite">${statusText}</p>
      ${errorLine(ctx, 'equipment')}
      <select
        part="input"
        id="field-equipment"
        ?disabled=${status !== 'ready'}
        aria-invalid=${invalid(ctx, 'equipment')}
        aria-describedby=${ifDefined(describedBy(ctx, 'equipment', 'field-equipment-hint'))}
        @change=${(e: Event) => model.set('equipmentId', (e.target as HTMLSelectElement).value || undefined)}
      >
        <option value="" ?selected=${!model.values.equipmentId}>${t.equipment.none}</option>
        ${items.map((item) => {
          const value = `${item.kind}:${item.id}`;
          return html`<option value=${value} ?selected=${value === model.values.equipmentId}>${item.name} (${item.kind})</option>`;
        })}
      </select>
    </div>
  `;
}

export function contactFields(ctx: FieldContext): TemplateResult {
  const { model, t, config } = ctx;
  const v = model.values;
  return html`
    ${config.fields.phone === 'hidden'
      ? nothing
      : html`<div part="field" class="field">
          <label part="label" for="field-phone">${t.phone.label} ${requiredMark(ctx, config.fields.phone === 'required')}</label>
          <p class="hint" id="field-phone-hint">${t.phone.hint}</p>
          ${errorLine(ctx, 'phone')}
          <input
            part="input"
            id="field-phone"
            type="tel"
            autocomplete="tel"
            .value=${live(v.phone)}
            aria-invalid=${invalid(ctx, 'phone')}
            aria-describedby=${ifDefined(describedBy(ctx, 'phone', 'field-phone-hint'))}
            @input=${(e: Event) => model.set('phone', (e.target as HTMLInputElement).value)}
          />
        </div>`}
    ${config.fields.followUp === 'hidden'
      ? nothing
      : html`<div part="field" class="field">
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
            ? html`<label part="label" for="field-followUpEmail">${t.followUp.email} ${requiredMark(ctx, false)}</label>
                <p class="hint" id="field-followUpEmail-hint">${t.followUp.emailHint}</p>
                ${errorLine(ctx, 'followUpEmail')}
                <input
                  part="input"
                  id="field-followUpEmail"
                  type="email"
                  autocomplete="email"
                  .value=${live(v.followUpEmail)}
                  aria-invalid=${invalid(ctx, 'followUpEmail')}
                  aria-describedby=${ifDefined(describedBy(ctx, 'followUpEmail', 'field-followUpEmail-hint'))}
                  @input=${(e: Event) => model.set('followUpEmail', (e.target as HTMLInputElement).value)}
                />`
            : nothing}
        </div>`}
  `;
}

export function attachmentsField(ctx: FieldContext): TemplateResult | typeof nothing {
  const { model, t, config, lang } = ctx;
  if (!model.capabilities?.attachments) return nothing;
  const rules = config.attachments;
  if (rules.maxFiles === 0) return html`<p class="hint">${t.attachments.off}</p>`;
  const size = formatBytes(rules.maxFileSize, lang);
  const onChange = (e: Event) => {
    const input = e.target as HTMLInputElement;
    model.addFiles([...(input.files ?? [])]);
    input.value = '';
  };
  return html`
    <div part="field" class="field">
      <label part="label" for="field-attachments">${t.attachments.label} ${requiredMark(ctx, false)}</label>
      <p class="hint" id="field-attachments-hint">${t.attachments.hint(rules.maxFiles, size)}</p>
      <input
        part="input"
        id="field-attachments"
        type="file"
        ?multiple=${rules.maxFiles > 1}
        accept=${ifDefined(rules.accept.length ? rules.accept.join(',') : undefined)}
        aria-describedby="field-attachments-hint field-attachments-refused"
        @change=${onChange}
      />
      <ul class="error" id="field-attachments-refused" aria-live="assertive">
        ${model.refusals.map((refusal) => html`<li>${t.attachments.refused(refusal, size)}</li>`)}
      </ul>
      ${model.files.length
        ? html`<ul class="files" part="files">
            ${model.files.map(
              (file) => html`<li>
                <span>${file.name} · ${formatBytes(file.size, lang)}</span>
                <button type="button" class="link" @click=${() => model.removeFile(file)}>${t.attachments.remove(file.name)}</button>
              </li>`,
            )}
          </ul>`
        : nothing}
    </div>
  `;
}
