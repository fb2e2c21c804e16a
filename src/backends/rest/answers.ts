/**
 * The REST protocol's answers (schema/rest-protocol.schema.json) checked with zod/mini
 * and turned into the shared model. Liberal where the protocol allows it (integer ids,
 * members a server adds), strict where a wrong value would mislead the person (status
 * groups, dates, actions). Pure functions: the adapter makes the calls.
 */
import * as z from 'zod/mini';
import { HelpdeskError } from '../../core/errors.js';
import { urlProblem } from '../../core/schema.js';
import type { Category, RichText, TicketDetail, TicketDocument, TicketSummary } from '../../core/ticket.js';
import { URGENCIES } from '../../core/urgency.js';

/** A string, or an integer read as its decimal string. */
export const id = z.union([z.string().check(z.refine((s) => s !== '')), z.number().check(z.refine(Number.isInteger))]);
/** RFC 3339 with its offset: a date without one would be read in the browser's time zone. */
const dateTime = z.string().check(z.refine((s) => /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i.test(s) && !Number.isNaN(Date.parse(s))));
const ticketType = z.enum(['incident', 'request']);
const localText = z.union([z.string(), z.record(z.string(), z.string())]);

const rejectedFiles = z.optional(z.array(z.looseObject({ name: z.string(), reason: z.string() })));

/**
 * A link the server gives to a ticket becomes an `href`: kept only when it is a URL the
 * configuration itself would accept (https, http on localhost, a path on this site), else
 * dropped — never a refusal, since the ticket exists whatever its link.
 */
export const linkUrl = z.pipe(
  z.optional(z.unknown()),
  z.transform((value) => (typeof value === 'string' && urlProblem(value) === undefined ? value : undefined)),
);

export const createdAnswer = z.looseObject({ id, url: linkUrl, rejectedFiles });
export const postedAnswer = z.looseObject({ id, rejectedFiles });

const summary = {
  id,
  title: z.string(),
  status: z.looseObject({ group: z.enum(['open', 'waiting', 'solved', 'closed']), code: z.string(), label: z.optional(localText) }),
  urgency: z.optional(z.enum(URGENCIES)),
  type: z.optional(ticketType),
  openedAt: dateTime,
  updatedAt: dateTime,
  requester: z.optional(z.string()),
};
export const summaryAnswer = z.looseObject(summary);
export const pageAnswer = z.looseObject({ tickets: z.array(summaryAnswer), total: z.optional(z.number()), more: z.boolean() });

const documentAnswer = z.looseObject({ id, name: z.string(), mime: z.optional(z.string()), size: z.optional(z.number()), date: z.optional(dateTime) });
const documents = z.optional(z.array(documentAnswer));

export const detailAnswer = z.looseObject({
  ...summary,
  category: z.optional(z.string()),
  entries: z.array(
    z.looseObject({
      id,
      kind: z.enum(['description', 'followup', 'solution']),
      author: z.optional(z.string()),
      date: dateTime,
      body: z.looseObject({ format: z.enum(['text', 'html']), value: z.string() }),
      approval: z.optional(z.enum(['waiting', 'accepted', 'refused'])),
      documents,
    }),
  ),
  documents,
  solvedAt: z.optional(dateTime),
  actions: z.looseObject({ reply: z.boolean(), approve: z.optional(z.boolean()), close: z.boolean(), reopen: z.boolean() }),
  url: linkUrl,
});

export const categoriesAnswer = z.looseObject({ categories: z.array(z.looseObject({ id, name: z.string(), types: z.array(ticketType) })) });

/** The problem body of a 4xx/5xx answer (RFC 9457 with `code` and `fields`). */
export const problemAnswer = z.looseObject({
  title: z.optional(z.string()),
  detail: z.optional(z.string()),
  code: z.optional(z.string()),
  fields: z.optional(z.array(z.string())),
});

/** Parses an answer; a wrong shape is a 'bad-response' saying where. */
export function parseAnswer<T extends z.ZodMiniType>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = z.safeParse(schema, body);
  if (result.success) return result.data;
  const { path, message } = result.error.issues[0];
  throw new HelpdeskError('bad-response', { detail: `${what} answer: ${message} at /${path.join('/')}` });
}

export const summaryOf = (row: z.infer<typeof summaryAnswer>): TicketSummary => ({
  id: String(row.id),
  title: row.title,
  status: { group: row.status.group, code: row.status.code, label: row.status.label ?? row.status.code },
  urgency: row.urgency,
  type: row.type,
  openedAt: new Date(row.openedAt),
  updatedAt: new Date(row.updatedAt),
  requester: row.requester,
});

const documentOf = (row: z.infer<typeof documentAnswer>): TicketDocument => ({
  id: String(row.id),
  name: row.name,
  mime: row.mime,
  size: row.size,
  date: row.date ? new Date(row.date) : undefined,
});

/** The detail; `approval` says whether the host declared approval, since a server may send approval states anyway. */
export function detailOf(row: z.infer<typeof detailAnswer>, approval: boolean): TicketDetail {
  return {
    ...summaryOf(row),
    category: row.category,
    entries: row.entries.map((entry) => ({
      id: String(entry.id),
      kind: entry.kind,
      author: entry.author,
      date: new Date(entry.date),
      body: entry.body as RichText,
      approval: approval ? entry.approval : undefined,
      documents: (entry.documents ?? []).map(documentOf),
    })),
    documents: (row.documents ?? []).map(documentOf),
    solvedAt: row.solvedAt ? new Date(row.solvedAt) : undefined,
    actions: { reply: row.actions.reply, approve: approval && Boolean(row.actions.approve), close: row.actions.close, reopen: row.actions.reopen },
    url: row.url,
  };
}

export const categoryOf = (row: z.infer<typeof categoriesAnswer>['categories'][number]): Category => ({ id: String(row.id), name: row.name, types: row.types });
