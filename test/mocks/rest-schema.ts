/**
 * The REST protocol's JSON Schema (schema/rest-protocol.schema.json), read as the
 * published file, and which of its definitions each route's answer must match.
 */
import { expect } from '@open-wc/testing';
import { Validator } from '@cfworker/json-schema';

let schema: Record<string, unknown> | undefined;

/** The schema file itself, fetched from the test server (what implementers download). */
export async function restSchema(): Promise<Record<string, unknown>> {
  schema ??= (await (await fetch('/schema/rest-protocol.schema.json')).json()) as Record<string, unknown>;
  return schema;
}

const validators = new Map<string, Validator>();

/** Checks `value` against `#/$defs/<definition>`, failing with every error the validator found. */
export async function expectValid(value: unknown, definition: string, what = definition): Promise<void> {
  const root = await restSchema();
  expect((root.$defs as Record<string, unknown>)[definition], `the schema defines ${definition}`).to.exist;
  let validator = validators.get(definition);
  if (!validator) {
    validator = new Validator({ ...root, $ref: `#/$defs/${definition}` } as never, '2020-12', false);
    validators.set(definition, validator);
  }
  const { valid, errors } = validator.validate(value);
  const details = errors.map((error) => `${error.instanceLocation}: ${error.error}`).join('\n');
  expect(valid, `${what} does not match ${definition}:\n${details}\n${JSON.stringify(value, null, 1).slice(0, 2000)}`).to.equal(true);
}

/**
 * The definition an answer of the protocol must match, by method, path under the root and
 * status; undefined for a file download (bytes).
 */
export function answerDefinition(method: string, path: string, status: number): string | undefined {
  if (status >= 400) return 'Problem';
  const parts = path.split('?')[0].split('/');
  if (parts[0] === 'categories') return 'CategoryList';
  if (parts[0] === 'articles') return parts.length === 1 ? 'ArticleList' : 'Article';
  if (parts.length === 1) return method === 'POST' ? 'CreatedTicket' : 'TicketPage';
  if (parts.length === 2) return 'TicketDetail';
  if (parts[2] === 'replies') return 'PostedReply';
  if (parts[2] === 'transitions') return 'TicketSummary';
  return undefined;
}

/** The definition a request body the widget sends must match. */
export function requestDefinition(path: string): string {
  const parts = path.split('?')[0].split('/');
  if (parts.length === 1) return 'NewTicket';
  return parts[2] === 'replies' ? 'NewReply' : 'Transition';
}
