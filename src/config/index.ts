/**
 * The one configuration shared by every element of a page, checked by one
 * zod/mini schema. Unknown keys are refused so that a typo ("contcts") is
 * reported instead of silently ignored; every problem names its key.
 */
import * as z from 'zod/mini';
import { URGENCIES } from './urgency.js';
import { TICKET_TYPES } from './ticket.js';
import { localText, nonEmpty, urlProblem, wholeNumber } from './schema.js';
import { glpiBackend } from './backend-configs/glpi.js';
import { rtBackend } from './backend-configs/rt.js';
import { freshdeskBackend } from './backend-configs/freshdesk.js';
import { zammadBackend } from './backend-configs/zammad.js';
import { restBackend } from './backend-configs/rest.js';
import { emailBackend } from './backend-configs/email.js';

/** One schema per helpdesk (`src/core/backend-configs/`), chosen by `type`. */
export const backendSchema = z.discriminatedUnion('type', [glpiBackend, rtBackend, freshdeskBackend, zammadBackend, restBackend, emailBackend]);

const contactSchema = z
  .strictObject({
    kind: z.enum(['email', 'phone', 'url']),
    label: nonEmpty(),
    value: nonEmpty(),
    from: z._default(z.enum(URGENCIES), 'very-low'),
    note: z.optional(nonEmpty()),
  })
  .check(
    // A `url` channel's value is the link's `href` as it is (`contactHref`): the same rule as every URL of the
    // configuration. An empty one is already reported as such.
    z.refine((contact) => contact.kind !== 'url' || contact.value.trim() === '' || urlProblem(contact.value) === undefined, {
      path: ['value'],
      error: (issue) => urlProblem((issue.input as { value: string }).value),
    }),
  );

const questionSchema = z.strictObject({
  /** Stable identifier, used for the answer and the field's id. */
  id: z.string().check(z.refine((id) => /^[A-Za-z][\w-]*$/.test(id), 'must use letters, digits, "-" or "_", starting with a letter')),
  label: localText,
  help: z.optional(localText),
  input: z._default(z.enum(['text', 'textarea', 'number', 'date', 'datetime-local']), 'text'),
  required: z._default(z.boolean(), false),
  /** Show the question only for this ticket type and/or these category ids. */
  onlyFor: z.optional(
    z.strictObject({
      type: z.optional(z.enum(TICKET_TYPES as ['incident', 'request'])),
      categories: z.optional(z.array(z.union([nonEmpty(), z.number()]))),
    }),
  ),
});

const fieldMode = z.enum(['required', 'optional', 'hidden']);

export const configSchema = z.strictObject({
  backend: backendSchema,
  contacts: z._default(z.array(contactSchema), []),
  questions: z._default(z.array(questionSchema), []),
  fields: z._default(
    z.strictObject({
      category: z._default(fieldMode, 'optional'),
      equipment: z._default(fieldMode, 'optional'),
      phone: z._default(fieldMode, 'optional'),
      followUp: z._default(z.enum(['optional', 'hidden']), 'optional'),
    }),
    { category: 'optional', equipment: 'optional', phone: 'optional', followUp: 'optional' },
  ),
  attachments: z._default(
    z.strictObject({
      maxFiles: z._default(wholeNumber(0, 50), 5),
      /** Per file, in bytes. Seed 001: 2 MB. */
      maxFileSize: z._default(wholeNumber(1, 2 ** 31), 2 * 1024 * 1024),
      /** File extensions (".pdf") or MIME types ("image/*"); empty means any. */
      accept: z._default(z.array(nonEmpty()), []),
    }),
    { maxFiles: 5, maxFileSize: 2 * 1024 * 1024, accept: [] },
  ),
  /** The ticket list and thread (`<ticket-list>`, `<ticket-detail>`). */
  tickets: z._default(
    z.strictObject({
      /** Offer the organisation's tickets beside the person's own, where the backend allows it. */
      organisation: z._default(z.boolean(), false),
      /** Days after which a solved ticket closes by itself (seed 004: 7), shown on solved tickets. */
      autoCloseDays: z.optional(wholeNumber(1, 365)),
      /** Tickets asked of the backend per request. */
      pageSize: z._default(wholeNumber(10, 1000), 100),
    }),
    { organisation: false, pageSize: 100 },
  ),
});

export type HelpdeskConfig = z.infer<typeof configSchema>;
export type HelpdeskConfigInput = z.input<typeof configSchema>;
export type BackendConfig = HelpdeskConfig['backend'];
export type BackendType = BackendConfig['type'];
export type GlpiBackendConfig = Extract<BackendConfig, { type: 'glpi' }>;
export type RtBackendConfig = Extract<BackendConfig, { type: 'rt' }>;
export type FreshdeskBackendConfig = Extract<BackendConfig, { type: 'freshdesk' }>;
export type ZammadBackendConfig = Extract<BackendConfig, { type: 'zammad' }>;
export type RestBackendConfig = Extract<BackendConfig, { type: 'rest' }>;
export type EmailBackendConfig = Extract<BackendConfig, { type: 'email' }>;
export type ConfiguredQuestion = HelpdeskConfig['questions'][number];
export type AttachmentRules = HelpdeskConfig['attachments'];
export type TicketsConfig = HelpdeskConfig['tickets'];

/** Where a backend configuration sends tickets: its API or relay URL, or its email address. */
export const backendAddress = (backend: BackendConfig): string => ('url' in backend ? backend.url : `mailto:${backend.to}`);

/** One problem of a configuration: the dotted key and what is wrong with it, in English for the admin. */
export interface ConfigProblem {
  key: string;
  problem: string;
}

export type ConfigResult =
  | { ok: true; config: HelpdeskConfig }
  | { ok: false; problems: ConfigProblem[] };

export function parseConfig(input: unknown): ConfigResult {
  const result = z.safeParse(configSchema, input);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => describeIssue(issue, input)) };
}

function keyOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((key, part) => {
    if (typeof part === 'number') return `${key}[${part}]`;
    return key ? `${key}.${String(part)}` : String(part);
  }, '');
}

interface LooseIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  keys?: string[];
  values?: unknown[];
  options?: unknown[];
}

const quoted = (values: unknown[] = []) => values.map((v) => JSON.stringify(v)).join(', ');

/** The value found at `path` in what was given (issues do not carry it). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((value, part) => (value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[part] : undefined), input);
}

function describeIssue(raw: z.core.$ZodIssue, input: unknown): ConfigProblem {
  const issue = raw as unknown as LooseIssue;
  const key = keyOf(issue.path) || '(root)';
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined
        ? { key, problem: 'is required' }
        : { key, problem: `must be ${article(issue.expected)}` };
    case 'unrecognized_keys': {
      const names = (issue.keys ?? []).map((name) => (keyOf(issue.path) ? `${keyOf(issue.path)}.${name}` : name));
      return { key: names.join(', '), problem: `unknown key${names.length > 1 ? 's' : ''}: check the spelling` };
    }
    case 'invalid_union':
      // A discriminated union (`backend.type`) lists the values it knows.
      return issue.options
        ? { key, problem: `${valueAt(input, issue.path) === undefined ? 'is required: ' : 'must be '}one of ${quoted(issue.options)}` }
        : { key, problem: 'has an unexpected shape' };
    case 'invalid_value':
      return { key, problem: `must be one of ${quoted(issue.values)}` };
    default:
      return { key, problem: issue.message };
  }
}

function article(type = 'value'): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** One line per problem, as logged to the console and shown in the element. */
export function formatProblems(problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `${p.key} ${p.problem}`).join('\n');
}
