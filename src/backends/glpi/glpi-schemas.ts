/**
 * The shapes of the GLPI answers the adapter reads. Only the fields used are
 * checked; GLPI adds many more, and versions disagree on whether ids and flags
 * are numbers or numeric strings, so both are accepted.
 */
import * as z from 'zod/mini';
import { HelpdeskError } from '../../core/errors.js';

const glpiId = z.union([z.int().check(z.positive()), z.string().check(z.regex(/^\d+$/))]);
const flag = z.union([z.boolean(), z.number(), z.string()]);

const session = z.looseObject({ glpiID: glpiId });

export const initSessionAnswer = z.looseObject({
  session_token: z.string().check(z.minLength(1)),
  session: z.optional(session),
});

export const fullSessionAnswer = z.looseObject({ session });

export const categoryRows = z.array(
  z.looseObject({
    id: glpiId,
    name: z.nullish(z.string()),
    completename: z.nullish(z.string()),
    is_helpdeskvisible: flag,
    is_incident: flag,
    is_request: flag,
  }),
);

export const itemRows = z.array(z.looseObject({ id: glpiId, name: z.nullish(z.string()) }));

const created = z.looseObject({ id: glpiId, message: z.optional(z.unknown()) });

/** A single add answers `{id, message}`; some versions wrap it in a one-element array. */
export const createdAnswer = z.union([created, z.tuple([created])]);

/** GLPI flags come as 1/0, "1"/"0" or true/false. */
export function isOn(value: z.infer<typeof flag>): boolean {
  return value === true || Number(value) === 1;
}

/** Parses an answer; a wrong shape is a 'bad-response' naming what was expected. */
export function parseAnswer<T extends z.ZodMiniType>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = z.safeParse(schema, body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new HelpdeskError('bad-response', { detail: `unexpected ${what} from GLPI${where}: ${issue?.message ?? 'wrong shape'}` });
}
