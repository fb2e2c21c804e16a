/**
 * The one check of a filled ticket form, run before sending: it lists every
 * field that is missing or wrong, in form order, so the form can say exactly
 * what to fix (seed 001). Codes only: the form words them.
 */
import { TITLE_MAX_LENGTH } from './advice/title.js';
import type { ConfiguredQuestion, PageSettings } from './settings.js';
import type { TicketType } from './ticket.js';
import type { Urgency } from './urgency.js';
import { isBlank } from './text.js';

export type FieldId =
  | 'type'
  | 'urgency'
  | 'title'
  | 'description'
  | 'category'
  | 'equipment'
  | 'phone'
  | 'followUpEmail'
  | 'cc'
  | 'attachments'
  | `question:${string}`;

export type FieldReason = 'required' | 'too-long' | 'invalid-email' | 'invalid-phone' | 'invalid-number' | 'invalid-date';

export interface FieldProblem {
  field: FieldId;
  reason: FieldReason;
}

/** The form's values as typed; strings are checked after trimming. */
export interface TicketFormValues {
  type?: TicketType;
  urgency?: Urgency;
  title: string;
  description: string;
  categoryId?: string;
  equipmentId?: string;
  /** By question id. */
  answers: Record<string, string>;
  phone: string;
  followUpByEmail: boolean;
  followUpEmail: string;
  /** People to keep informed: email addresses, separated by commas, semicolons or spaces. */
  cc: string;
}

/** What the backend offers: a required category or equipment is only asked for when there is a list to pick from. */
export interface FormContext {
  categoriesOffered: boolean;
  equipmentOffered: boolean;
  /** The helpdesk can keep others informed (Cc). */
  ccOffered?: boolean;
}

/** The addresses of a Cc field: separated by commas, semicolons or spaces, each once. */
export function ccAddresses(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

/**
 * The configured questions shown for this ticket type and category, in
 * configuration order. A question limited to a type or to categories stays
 * hidden until that type or category is chosen; category ids compare as strings.
 */
export function visibleQuestions(
  questions: readonly ConfiguredQuestion[],
  type: TicketType | undefined,
  categoryId: string | undefined,
): ConfiguredQuestion[] {
  return questions.filter(({ onlyFor }) => {
    if (!onlyFor) return true;
    if (onlyFor.type && onlyFor.type !== type) return false;
    const categories = onlyFor.categories ?? [];
    if (categories.length === 0) return true;
    return categoryId !== undefined && categories.some((id) => String(id) === categoryId);
  });
}

/** Every problem of the form, in form order; empty when it can be sent. */
export function validateTicketForm(values: TicketFormValues, config: Pick<PageSettings, 'fields' | 'questions'>, context: FormContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const report = (field: FieldId, reason: FieldReason) => problems.push({ field, reason });
  const { fields } = config;

  if (!values.type) report('type', 'required');
  if (!values.urgency) report('urgency', 'required');

  const title = values.title.trim();
  if (isBlank(title)) report('title', 'required');
  else if (title.length > TITLE_MAX_LENGTH) report('title', 'too-long');

  if (isBlank(values.description)) report('description', 'required');

  if (fields.category === 'required' && context.categoriesOffered && !values.categoryId) report('category', 'required');
  if (fields.equipment === 'required' && context.equipmentOffered && !values.equipmentId) report('equipment', 'required');

  for (const question of visibleQuestions(config.questions, values.type, values.categoryId)) {
    const answer = values.answers[question.id] ?? '';
    const reason = questionProblem(question, isBlank(answer) ? '' : answer.trim());
    if (reason) report(`question:${question.id}`, reason);
  }

  if (fields.phone !== 'hidden') {
    const phone = values.phone.trim();
    if (phone === '') {
      if (fields.phone === 'required') report('phone', 'required');
    } else if (!isPhoneNumber(phone)) {
      report('phone', 'invalid-phone');
    }
  }

  // An empty follow-up address is fine: the helpdesk then writes to the account's own address.
  if (fields.followUp !== 'hidden' && values.followUpByEmail) {
    const email = values.followUpEmail.trim();
    if (email !== '' && !isEmail(email)) report('followUpEmail', 'invalid-email');
  }

  if (context.ccOffered && !ccAddresses(values.cc).every(isEmail)) report('cc', 'invalid-email');

  return problems;
}

function questionProblem(question: ConfiguredQuestion, answer: string): FieldReason | undefined {
  if (answer === '') return question.required ? 'required' : undefined;
  switch (question.input) {
    case 'number':
      return isNumber(answer) ? undefined : 'invalid-number';
    case 'date':
      return isIsoDate(answer) ? undefined : 'invalid-date';
    case 'datetime-local':
      return isIsoDateTime(answer) ? undefined : 'invalid-date';
    default:
      return undefined;
  }
}

/** Digits with spaces, dots, dashes or parentheses, an optional leading "+", 6 to 20 digits. */
export function isPhoneNumber(text: string): boolean {
  if (!/^\+?[\d\s.()-]+$/.test(text)) return false;
  const digits = text.replace(/\D/g, '').length;
  return digits >= 6 && digits <= 20;
}

/** "name@domain.tld": no spaces, one "@", a domain of dot-separated labels. */
export function isEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/.test(text);
}

/** A number as a number input gives it ("12", "-3.5", "1e3"), or with a decimal comma ("3,5"). */
function isNumber(text: string): boolean {
  if (!/^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:e[+-]?\d+)?$/i.test(text)) return false;
  return Number.isFinite(Number(text.replace(',', '.')));
}

/** "2024-03-12", as a date input gives it, and a day that exists. */
function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(text);
  // A day out of its month rolls over into the next one and reads differently (so do years 0 to 99, taken for 19xx).
  return !!match && new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])).toISOString().startsWith(text);
}

/** "2024-03-12T09:30", with optional seconds and milliseconds, as a datetime-local input gives it. */
function isIsoDateTime(text: string): boolean {
  const match = /^(.{10})[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?$/.exec(text);
  return !!match && isIsoDate(match[1]);
}
