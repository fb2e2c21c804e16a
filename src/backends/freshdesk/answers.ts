/**
 * Freshdesk's tickets and conversations (BACKENDS.md §2.2–2.5) as the shared model:
 * the answers checked with zod/mini, turned into TicketSummary / TicketDetail. Pure
 * functions: the adapter makes the calls.
 *
 * Freshdesk sends subjects as plain text and bodies as HTML (`description`, `body`) with
 * plain twins (`*_text`); the HTML is kept for the element, which sanitises it. Dates
 * are UTC ISO 8601 (`2015-08-24T11:56:51Z`).
 */
import * as z from 'zod/mini';
import type { FreshdeskBackendConfig } from './config.js';
import type { StatusGroup, ThreadEntry, TicketDocument, TicketStatus, TicketSummary, TicketType } from '../../core/ticket.js';
import type { Urgency } from '../../core/urgency.js';

// Checks are refines: the other check kinds would each add zod code to the script-tag bundle.
const id = z.number().check(z.refine((n) => Number.isInteger(n) && n > 0));
const code = z.number().check(z.refine((n) => Number.isInteger(n) && n >= 0));
const date = z.string().check(z.refine((text) => /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(text) && !Number.isNaN(Date.parse(text))));
/** Blank fields come back as null (BACKENDS.md §2.1). */
const maybe = <T extends z.ZodMiniType>(schema: T) => z.optional(z.nullable(schema));
const text = maybe(z.string());

/** A file of a ticket or a conversation; the size is `size` in some answers and `file_size` in others. */
const attachment = z.looseObject({ id, name: text, content_type: text, size: maybe(z.number()), file_size: maybe(z.number()), created_at: maybe(date) });
const attachments = z.optional(z.array(attachment));

/** One row of `GET /tickets`: tags come with it, which is how a submission is found again. */
export const ticketRow = z.looseObject({
  id,
  subject: text,
  status: code,
  priority: maybe(code),
  type: text,
  requester_id: maybe(id),
  tags: z.optional(z.array(z.string())),
  created_at: date,
  updated_at: date,
});

export const ticketRows = z.array(ticketRow);

/** `GET /tickets/:id?include=requester`, and the answers of create and update. */
export const ticketAnswer = z.looseObject({
  ...ticketRow.shape,
  description: text,
  description_text: text,
  attachments,
  requester: z.optional(z.looseObject({ name: text })),
});

/** `GET /tickets/:id/conversations`, `POST /tickets/:id/notes` (one of them). */
export const conversationAnswer = z.looseObject({
  id,
  body: text,
  body_text: text,
  incoming: z.optional(z.boolean()),
  private: z.optional(z.boolean()),
  user_id: maybe(id),
  created_at: date,
  attachments,
});

export const conversationRows = z.array(conversationAnswer);

type Row = z.infer<typeof ticketRow>;
type Ticket = z.infer<typeof ticketAnswer>;
type Conversation = z.infer<typeof conversationAnswer>;
type Attachment = z.infer<typeof attachment>;

/** Freshdesk's four built-in statuses with their names in Freshdesk's English and French. */
const STATUSES: Record<number, [StatusGroup, string, string]> = {
  2: ['open', 'Open', 'Ouvert'],
  3: ['waiting', 'Pending', 'En attente'],
  4: ['solved', 'Resolved', 'Résolu'],
  5: ['closed', 'Closed', 'Fermé'],
};

/** A status code as the person sees it; custom ones (6 and up) as configured, else as being handled. */
export function ticketStatus(status: number, config: Pick<FreshdeskBackendConfig, 'statuses'>): TicketStatus {
  const custom = config.statuses[String(status)];
  if (custom) return { group: custom.group, code: String(status), label: custom.label };
  const [group, en, fr] = STATUSES[status] ?? ['open', `Status ${status}`, `Statut ${status}`];
  return { group, code: String(status), label: { en, fr } };
}

/**
 * Five urgencies onto Freshdesk's four priorities: the two lowest share Low (seed 000 puts
 * them in one band: "can wait"), Urgent is kept for the highest, where work has stopped.
 */
export const PRIORITY_OF: Record<Urgency, number> = { 'very-low': 1, low: 1, medium: 2, high: 3, 'very-high': 4 };

/** And back: Low reads as low, the urgency a person most often means by it. */
const URGENCY_OF: Record<number, Urgency> = { 1: 'low', 2: 'medium', 3: 'high', 4: 'very-high' };

/** The ticket kind whose configured type name this is (case aside), if any. */
function typeOf(type: string | null | undefined, config: Pick<FreshdeskBackendConfig, 'types'>): TicketType | undefined {
  const name = type?.toLowerCase();
  return (Object.keys(config.types) as TicketType[]).find((kind) => config.types[kind].toLowerCase() === name);
}

export function summaryOf(row: Row, config: Pick<FreshdeskBackendConfig, 'types' | 'statuses'>): TicketSummary {
  return {
    id: String(row.id),
    title: row.subject ?? '',
    status: ticketStatus(row.status, config),
    urgency: row.priority == null ? undefined : URGENCY_OF[row.priority],
    type: typeOf(row.type, config),
    openedAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export const documentOf = (file: Attachment): TicketDocument => ({
  id: String(file.id),
  name: file.name || `#${file.id}`,
  mime: file.content_type || undefined,
  size: file.size ?? file.file_size ?? undefined,
  date: file.created_at ? new Date(file.created_at) : undefined,
});

/** Bytes of every file of the ticket the relay let through (Freshdesk's 20 MB counts them all). */
export const bytesOf = (ticket: Ticket, conversations: readonly Conversation[]): number =>
  [ticket, ...conversations].flatMap((item) => item.attachments ?? []).reduce((sum, file) => sum + (file.size ?? file.file_size ?? 0), 0);

/** HTML when there is some, else the plain twin as text. */
const bodyOf = (html: string | null | undefined, plain: string | null | undefined) =>
  html ? { format: 'html' as const, value: html } : { format: 'text' as const, value: plain ?? '' };

/**
 * The public thread, oldest first, the description at its head. Private notes are dropped
 * even if a relay let them through: they are the agents' talk, never the requester's.
 * `incoming` marks what came from the requester's side: those entries carry their name;
 * the agents' carry none (the element says "Helpdesk"), as the relay does not reveal agents.
 */
export function threadOf(ticket: Ticket, conversations: readonly Conversation[]): ThreadEntry[] {
  const requester = ticket.requester?.name || undefined;
  const messages = conversations
    .filter((conversation) => conversation.private === false)
    .map<ThreadEntry>((conversation) => ({
      id: `conversation-${conversation.id}`,
      kind: 'followup',
      author: conversation.incoming ? requester : undefined,
      side: conversation.incoming ? 'requester' : 'helpdesk',
      date: new Date(conversation.created_at),
      body: bodyOf(conversation.body, conversation.body_text),
      documents: (conversation.attachments ?? []).map(documentOf),
    }))
    .sort((a, b) => a.date.getTime() - b.date.getTime());
  const description: ThreadEntry = {
    id: 'description',
    kind: 'description',
    author: requester,
    date: new Date(ticket.created_at),
    body: bodyOf(ticket.description, ticket.description_text),
    documents: (ticket.attachments ?? []).map(documentOf),
  };
  return [description, ...messages];
}
