/**
 * The one configuration shared by every element of a page, checked by one
 * zod/mini schema. Unknown keys are refused so that a typo ("contcts") is
 * reported instead of silently ignored; every problem names its key.
 *
 * Assembled here, above core and the adapters: `backend` is the union of each
 * helpdesk's schema (`src/backends/config.ts`), the rest the settings the rules read
 * (`src/core/settings.ts`). The elements and the public API import the
 * configuration's functions and types from this module only.
 */
import * as z from 'zod/mini';
import { BACKEND_TYPES, backendSchemaFor, type BackendConfig, type BackendType } from '../backends/config.js';
import { once } from '../core/schema.js';
import { pageSettings } from '../core/settings.js';

/** The page's schema for `backend.type` (see backendSchemaFor), built once per type. */
const schemas = new Map<unknown, ReturnType<typeof fullSchema>>();
const fullSchema = (type: unknown) => z.strictObject({ backend: backendSchemaFor(type), ...pageSettings });

/** Every helpdesk's: for the types, and for tools that want the whole schema. */
export const configSchema = once(() => fullSchema(undefined));

type WithBackend<S> = Omit<S, 'backend'> & { backend: BackendConfig };
export type HelpdeskConfig = WithBackend<z.infer<ReturnType<typeof fullSchema>>>;
export type HelpdeskConfigInput = Omit<z.input<ReturnType<typeof fullSchema>>, 'backend'> & { backend: z.input<ReturnType<typeof backendSchemaFor>> };
export {
  backendAddress,
  backendSchemaFor,
  type BackendConfig,
  type BackendType,
  type EmailBackendConfig,
  type FreshdeskBackendConfig,
  type GlpiBackendConfig,
  type RestBackendConfig,
  type RtBackendConfig,
  type ZammadBackendConfig,
} from '../backends/config.js';
export { pageSettings, type ArticlesConfig, type AttachmentRules, type ConfiguredQuestion, type FieldSettings, type PageSettings, type TicketsConfig } from '../core/settings.js';

/** One problem of a configuration: the dotted key and what is wrong with it, in English for the admin. */
export interface ConfigProblem {
  key: string;
  problem: string;
}

export type ConfigResult =
  | { ok: true; config: HelpdeskConfig }
  | { ok: false; problems: ConfigProblem[] };

export function parseConfig(input: unknown): ConfigResult {
  const type = (input as { backend?: { type?: unknown } } | null | undefined)?.backend?.type;
  const key = typeof type === 'string' && BACKEND_TYPES.includes(type as BackendType) ? type : undefined;
  let schema = schemas.get(key);
  if (!schema) schemas.set(key, (schema = fullSchema(key)));
  const result = z.safeParse(schema, input);
  if (result.success) return { ok: true, config: result.data as HelpdeskConfig };
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
