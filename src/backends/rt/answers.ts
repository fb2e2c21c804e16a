/**
 * RT's REST2 answers as the shared model: the shapes of `tickets`, `ticket/:id`, its
 * history and attachments, checked with zod/mini (only the fields used; RT adds many),
 * and pure functions that turn them into TicketSummary / TicketDetail parts. The adapter
 * (`rt-backend.ts`) makes the calls.
 *
 * RT sends ids as numbers or strings depending on the resource (`"id": 3` on a record,
 * `"id": "3"` in a collection), dates as W3CDTF in UTC with "1970-01-01T00:00:00Z" for
 * unset, and fields the person may not see as empty strings (BACKENDS.md §3.3).
 */
import * as z from 'zod/mini';
import type { RtBackendConfig } from './config.js';
import type { RichText, StatusGroup, ThreadEntry, TicketDocument, TicketStatus, TicketSummary } from '../../core/ticket.js';
import { URGENCIES, type Urgency } from '../../core/urgency.js';

// Checks are refines: the other check kinds would each add zod code to the script-tag bundle.
export const id = z.union([z.number(), z.string()]).check(z.refine((value) => /^\d+$/.test(String(value))));
const text = z.optional(z.string());
const date = z.optional(z.string());
/** A record another one points to: `{type, id, _url}`, plus the sub-fields asked with `fields[X]=…`. */
const reference = z.looseObject({ id: z.union([z.number(), z.string()]), Name: text, RealName: text });

/** Every collection: `{count, page, pages, per_page, total, next_page?, items}`; `total` and `pages` are null when RT will not count. */
export const collection = <T extends z.ZodMiniType>(item: T) =>
  z.looseObject({
    count: z.number(),
    total: z.optional(z.union([z.number(), z.null()])),
    pages: z.optional(z.union([z.number(), z.null()])),
    next_page: z.optional(z.string()),
    items: z.array(item),
  });

/** `tickets?fields=Subject,Status,Created,LastUpdated,Priority`. */
export const ticketItem = z.looseObject({ id, Subject: text, Status: text, Created: date, LastUpdated: date, Priority: z.optional(z.union([z.string(), z.number()])) });

/** One `_hyperlinks` entry: `correspond`, `comment`, `lifecycle` (with `to`) and more. */
const link = z.looseObject({ ref: z.string(), to: text });

/**
 * A role's member: `{type: "user", id: <user Name>, _url}` or `{type: "group", id: <group id>, _url}` (RT 5.0.3,
 * lib/RT/REST2/Util.pm:165-184 and expand_uid 85-104; a user's UID is its Name, lib/RT/User.pm:2971-2975). A user
 * RT made from an address is named by that address.
 */
const member = z.looseObject({ type: text, id: z.union([z.string(), z.number()]) });

/** `ticket/:id`. */
export const ticketRecord = z.looseObject({
  ...ticketItem.shape,
  Resolved: date,
  Cc: z.optional(z.array(member)),
  _hyperlinks: z._default(z.array(link), []),
});

export type RtTicket = z.infer<typeof ticketRecord>;

/** `ticket/:id/history?fields=Type,Created,Creator&fields[Creator]=Name,RealName`. */
export const transactionItem = z.looseObject({ id, Type: z.string(), Created: date, Creator: z.optional(z.union([reference, z.string()])) });

export type RtTransaction = z.infer<typeof transactionItem>;

/** `ticket/:id/attachments?fields=TransactionId,ContentType,Filename,ContentLength,Created`; `Parent` is not asked: RT 5.0 fails on it. */
export const attachmentItem = z.looseObject({
  id,
  TransactionId: z.union([id, reference]),
  ContentType: text,
  Filename: text,
  ContentLength: z.optional(z.union([z.string(), z.number()])),
  Created: date,
});

export type RtAttachment = z.infer<typeof attachmentItem>;

/** `attachment/:id`: the content in base64. */
export const attachmentRecord = z.looseObject({ id, ContentType: text, Filename: text, Content: z.optional(z.string()) });

/** `POST ticket`: `{id, type, _url}`. */
export const createdAnswer = z.looseObject({ id });

/** `PUT ticket/:id`, `POST …/correspond`: what RT did, as sentences in the person's language. */
export const messagesAnswer = z.array(z.string());

/** `user/:id`: the person's own record. */
export const userRecord = z.looseObject({ id, Name: text, RealName: text, EmailAddress: text });

/** RT's errors: `{"message": "…"}` (its ErrorAsJSON middleware). */
export const errorAnswer = z.looseObject({ message: z.string() });

// ---- statuses ----

/** RT's default lifecycle (BACKENDS.md §3.2, §6.4), with its French names from RT's own fr.po. */
const KNOWN: Record<string, [StatusGroup, string, string]> = {
  new: ['open', 'New', 'Nouveau'],
  open: ['open', 'Open', 'Ouvert'],
  stalled: ['waiting', 'Stalled', 'Stagnant'],
  // Resolved is solved, not closed: the technician considers it done, and the person's answer reopens it.
  resolved: ['solved', 'Resolved', 'Résolu'],
  rejected: ['closed', 'Rejected', 'Rejeté'],
  deleted: ['closed', 'Deleted', 'Effacé'],
};

export function statusOf(code: string, config: Pick<RtBackendConfig, 'statuses'>): TicketStatus {
  const known = KNOWN[code];
  const group = config.statuses[code] ?? known?.[0] ?? 'open';
  return { group, code, label: known ? { en: known[1], fr: known[2] } : code.charAt(0).toUpperCase() + code.slice(1) };
}

// ---- urgency and priority ----

/** RT's default labels are Low 0, Medium 50, High 100: the five urgencies spread over that range. */
export const DEFAULT_PRIORITIES: Record<Urgency, number> = { 'very-low': 0, low: 25, medium: 50, high: 75, 'very-high': 100 };

export const prioritiesOf = (config: Pick<RtBackendConfig, 'priorities'>): Record<Urgency, number> => ({ ...DEFAULT_PRIORITIES, ...config.priorities });

/** The highest urgency whose number the priority reaches, as RT picks its own priority labels; none when RT hides it. */
export function urgencyOf(priority: string | number | undefined, priorities: Record<Urgency, number>): Urgency | undefined {
  if (priority === undefined || priority === '' || !Number.isFinite(Number(priority))) return undefined;
  const reached = [...URGENCIES].filter((urgency) => Number(priority) >= priorities[urgency]).sort((a, b) => priorities[b] - priorities[a]);
  return reached[0] ?? URGENCIES[0];
}

// ---- dates ----

/** A W3CDTF date; RT's "not set" (the epoch) and anything unreadable are undefined. */
export function rtDate(value: string | undefined): Date | undefined {
  if (!value || value.startsWith('1970-01-01')) return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

const EPOCH = new Date(0);

export function summaryOf(ticket: z.infer<typeof ticketItem>, config: Pick<RtBackendConfig, 'statuses' | 'priorities'>): TicketSummary {
  const openedAt = rtDate(ticket.Created) ?? EPOCH;
  return {
    id: String(ticket.id),
    // RT keeps the subject as the text it was given: nothing to decode.
    title: ticket.Subject ?? '',
    status: statusOf(ticket.Status || 'new', config),
    urgency: urgencyOf(ticket.Priority, prioritiesOf(config)),
    openedAt,
    updatedAt: rtDate(ticket.LastUpdated) ?? openedAt,
  };
}

// ---- the thread ----

/** Transactions a requester's thread shows: the creation and the correspondence. Comments are internal, never shown. */
const PUBLIC = new Set(['Create', 'Correspond']);

export const isPublic = (transaction: RtTransaction) => PUBLIC.has(transaction.Type);

const referenceId = (value: RtAttachment['TransactionId']) => String(typeof value === 'object' ? value.id : value);

/** Each transaction's MIME parts (RT stores a message as its tree of parts, one attachment row each), by transaction id. */
export function partsByTransaction(attachments: readonly RtAttachment[]): Map<string, RtAttachment[]> {
  const parts = new Map<string, RtAttachment[]>();
  for (const attachment of attachments) {
    const key = referenceId(attachment.TransactionId);
    parts.set(key, [...(parts.get(key) ?? []), attachment]);
  }
  return parts;
}

/**
 * The part that holds the message's text: the first HTML part without a file name, else the
 * first plain-text one (an email's multipart/alternative has both; the HTML one keeps its form).
 */
export function bodyPartOf(parts: readonly RtAttachment[]): RtAttachment | undefined {
  const inline = parts.filter((part) => !part.Filename);
  const type = (part: RtAttachment) => (part.ContentType ?? '').toLowerCase();
  return inline.find((part) => type(part) === 'text/html') ?? inline.find((part) => type(part) === 'text/plain');
}

/** The files of a message: its parts with a file name. */
export function documentsOf(parts: readonly RtAttachment[]): TicketDocument[] {
  return parts
    .filter((part) => part.Filename)
    .map((part) => ({
      id: String(part.id),
      name: part.Filename!,
      mime: part.ContentType || undefined,
      size: Number(part.ContentLength) || undefined,
      date: rtDate(part.Created),
    }));
}

const authorOf = (creator: RtTransaction['Creator']) =>
  typeof creator === 'object' ? creator.RealName || creator.Name || String(creator.id) : creator || undefined;

/** The public thread, oldest first; `bodies` holds each body part's text by attachment id. */
export function threadOf(history: readonly RtTransaction[], parts: Map<string, RtAttachment[]>, bodies: Map<string, RichText>): ThreadEntry[] {
  return history
    .filter(isPublic)
    .map((transaction) => {
      const own = parts.get(String(transaction.id)) ?? [];
      const body = bodyPartOf(own);
      return {
        id: String(transaction.id),
        kind: transaction.Type === 'Create' ? ('description' as const) : ('followup' as const),
        author: authorOf(transaction.Creator),
        date: rtDate(transaction.Created) ?? EPOCH,
        body: (body && bodies.get(String(body.id))) ?? { format: 'text', value: '' },
        documents: documentsOf(own),
      };
    })
    .sort((a, b) => a.date.getTime() - b.date.getTime() || Number(a.id) - Number(b.id));
}

// ---- people kept informed ----

/** The Cc role's users by the name RT gives them (the address, for a user RT made from one); groups are not people to show. */
export const ccOf = (ticket: RtTicket): string[] => (ticket.Cc ?? []).filter((one) => one.type !== 'group').map((one) => String(one.id));
