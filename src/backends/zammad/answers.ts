/**
 * Zammad's records (BACKENDS.md §4) checked with zod/mini and turned into the shared
 * model: tickets, articles as the thread, states as status groups, priorities as
 * urgencies. Pure functions: the adapter makes the calls.
 *
 * States are read from `/ticket_states` (with `expand=true`, each with its state type),
 * because an instance may rename them or add its own: what a state means comes from its
 * type, never from its name or id. Priorities likewise come from `/ticket_priorities`.
 */
import * as z from 'zod/mini';
import type { RichText, StatusGroup, ThreadEntry, TicketDocument, TicketStatus, TicketSummary } from '../../core/ticket.js';
import type { Urgency } from '../../core/urgency.js';

// Checks are refines: the other check kinds would each add zod code to the script-tag bundle.
const id = z.number().check(z.refine((n) => Number.isInteger(n) && n > 0));
/** Rails' ISO 8601 times, "2025-03-10T09:00:00.000Z". */
const time = z.string().check(z.refine((text) => /^\d{4}-\d\d-\d\dT/.test(text) && !Number.isNaN(Date.parse(text))));
const maybe = <T extends z.ZodMiniType>(schema: T) => z.optional(z.union([schema, z.literal(null)]));
const name = maybe(z.string());

/** A ticket, with `expand=true` names beside the ids. */
export const ticketRecord = z.looseObject({
  id,
  title: z.string(),
  state_id: id,
  priority_id: maybe(id),
  customer_id: id,
  state: name,
  customer: name,
  created_at: time,
  updated_at: time,
  pending_time: maybe(time),
});

export type ZammadTicket = z.infer<typeof ticketRecord>;

export const ticketList = z.array(ticketRecord);

const attachment = z.looseObject({
  id,
  filename: z.string(),
  // A string column in Zammad's Store.
  size: maybe(z.union([z.string(), z.number()])),
  preferences: maybe(z.record(z.string(), z.unknown())),
});

/** An article as `ticket_articles/by_ticket` gives it (always with names). */
export const articleRecord = z.looseObject({
  id,
  ticket_id: id,
  body: name,
  content_type: name,
  internal: maybe(z.boolean()),
  sender: name,
  from: name,
  created_by: name,
  created_at: time,
  message_id: name,
  attachments: maybe(z.array(attachment)),
});

export type ZammadArticle = z.infer<typeof articleRecord>;

export const articleList = z.array(articleRecord);

export const stateList = z.array(
  z.looseObject({
    id,
    name: z.string(),
    state_type: name,
    state_type_id: maybe(id),
    next_state_id: maybe(id),
    default_create: maybe(z.boolean()),
    default_follow_up: maybe(z.boolean()),
    active: maybe(z.boolean()),
  }),
);

export type ZammadState = z.infer<typeof stateList>[number];

export const priorityList = z.array(z.looseObject({ id, name: z.string(), default_create: maybe(z.boolean()), active: maybe(z.boolean()) }));

export type ZammadPriority = z.infer<typeof priorityList>[number];

export const userRecord = z.looseObject({ id, login: name, firstname: name, lastname: name, email: name });

/** `{error, error_human}`; masked errors have no `error_human`. */
export const errorBody = z.looseObject({ error: z.string(), error_human: maybe(z.string()) });

// ---- states ----

/** Zammad's seeded state type ids (`db/seeds/ticket_state_types.rb`), for a state listed without its type's name. */
const STATE_TYPES = ['new', 'open', 'pending reminder', 'pending action', 'closed', 'merged', 'removed'];

export const stateTypeOf = (state: ZammadState | undefined): string | undefined =>
  state?.state_type ?? (state?.state_type_id ? STATE_TYPES[state.state_type_id - 1] : undefined);

/** The widget's French for Zammad's default state names; others keep Zammad's name. */
const FRENCH: Record<string, string> = {
  new: 'Nouveau',
  open: 'Ouvert',
  'pending reminder': 'En attente',
  'pending close': 'Clôture programmée',
  closed: 'Clôturé',
  merged: 'Fusionné',
  removed: 'Supprimé',
};

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The group a state falls into, by its type. `pending reminder` waits (on the customer, a
 * supplier, a date): waiting. A `pending action` state that moves on to a closed one
 * (`pending close`) is the agent's "done, closes by itself on this date": solved, which
 * the person may still approve (close now) or refuse (reopen with a reason). Closed,
 * merged and removed tickets are closed. Unknown types count as open.
 */
export function statusGroupOf(state: ZammadState | undefined, states: readonly ZammadState[]): StatusGroup {
  switch (stateTypeOf(state)) {
    case 'pending reminder':
      return 'waiting';
    case 'pending action': {
      const next = states.find((one) => one.id === state?.next_state_id);
      return stateTypeOf(next) === 'closed' ? 'solved' : 'waiting';
    }
    case 'closed':
    case 'merged':
    case 'removed':
      return 'closed';
    default:
      return 'open';
  }
}

export function statusOf(ticket: ZammadTicket, states: readonly ZammadState[]): TicketStatus {
  const state = states.find((one) => one.id === ticket.state_id);
  const code = state?.name ?? ticket.state ?? String(ticket.state_id);
  return { group: statusGroupOf(state, states), code, label: { en: capitalised(code), fr: FRENCH[code] ?? capitalised(code) } };
}

// ---- priorities ----

/** Active priorities in Zammad's order (by id, the seeded `1 low`, `2 normal`, `3 high`), and the index of the default one. */
function scale(priorities: readonly ZammadPriority[]): { rows: ZammadPriority[]; middle: number } {
  const rows = priorities.filter((row) => row.active !== false).sort((a, b) => a.id - b.id);
  const middle = rows.findIndex((row) => row.default_create);
  return { rows, middle: middle < 0 ? Math.floor((rows.length - 1) / 2) : middle };
}

/**
 * The priority for an urgency: medium is Zammad's default priority (`2 normal`); each
 * side folds onto what the instance has: with the default three, very low and low are
 * `1 low`, high and very high `3 high`; an instance with five gets one each.
 */
export function priorityFor(urgency: Urgency, priorities: readonly ZammadPriority[]): ZammadPriority | undefined {
  const { rows, middle } = scale(priorities);
  if (!rows.length) return undefined;
  const steps = { 'very-low': -2, low: -1, medium: 0, high: 1, 'very-high': 2 }[urgency];
  // One step is the nearest priority on that side; two steps the farthest.
  const index = Math.abs(steps) === 2 ? (steps < 0 ? 0 : rows.length - 1) : middle + steps;
  return rows[Math.min(Math.max(index, 0), rows.length - 1)];
}

/** The urgency a priority stands for: the reverse of `priorityFor` (the three defaults read as low, medium, high). */
export function urgencyOf(priorityId: number | null | undefined, priorities: readonly ZammadPriority[]): Urgency | undefined {
  const { rows, middle } = scale(priorities);
  const index = rows.findIndex((row) => row.id === priorityId);
  if (index < 0) return undefined;
  const distance = index - middle;
  if (distance === 0) return 'medium';
  if (distance < 0) return distance <= -2 ? 'very-low' : 'low';
  return distance >= 2 ? 'very-high' : 'high';
}

// ---- tickets and articles ----

export const sameTitle = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

export function summaryOf(ticket: ZammadTicket, states: readonly ZammadState[], priorities: readonly ZammadPriority[]): TicketSummary {
  return {
    id: String(ticket.id),
    title: ticket.title,
    status: statusOf(ticket, states),
    urgency: urgencyOf(ticket.priority_id, priorities),
    openedAt: new Date(ticket.created_at),
    updatedAt: new Date(ticket.updated_at),
  };
}

/** `Camille Martin <camille@…>` or `"Sacha Bernard via Support" <support@…>` as a name; an address alone stays. */
export function authorOf(article: ZammadArticle): string | undefined {
  const from = (article.from ?? '').replace(/\s*<[^>]*>\s*$/, '').replace(/^"(.*)"$/, '$1').trim();
  return from || article.created_by || undefined;
}

/**
 * Images an agent pasted into an email point to `/api/v1/ticket_attachment/…`, which an
 * `<img>` cannot load: it sends no Authorization header, and the path is the helpdesk's,
 * not the proxy's. The image is left without its source and offered as a file instead.
 */
const INLINE_IMAGE = /(<img\b[^>]*?)\ssrc="[^"]*\/api\/v1\/ticket_attachment\/\d+\/(\d+)\/(\d+)[^"]*"/gi;

function bodyOf(article: ZammadArticle): { body: RichText; inline: TicketDocument[] } {
  const value = article.body ?? '';
  if (!/html/i.test(article.content_type ?? '')) return { body: { format: 'text', value }, inline: [] };
  const inline: TicketDocument[] = [];
  const html = value.replace(INLINE_IMAGE, (_whole, start: string, articleId: string, fileId: string) => {
    inline.push({ id: `${articleId}/${fileId}`, name: `image-${fileId}` });
    return start;
  });
  return { body: { format: 'html', value: html }, inline };
}

function documentsOf(article: ZammadArticle): TicketDocument[] {
  return (article.attachments ?? []).map((file) => {
    const mime = file.preferences?.['Mime-Type'] ?? file.preferences?.['Content-Type'];
    return {
      // The article is part of the download path.
      id: `${article.id}/${file.id}`,
      name: file.filename,
      mime: typeof mime === 'string' ? mime : undefined,
      size: file.size == null || Number.isNaN(Number(file.size)) ? undefined : Number(file.size),
      date: new Date(article.created_at),
    };
  });
}

/**
 * The public thread, oldest first: the first article is the description. Internal
 * articles are dropped even if an agent's token shows them, and so are the system's
 * (delivery reports). On a solved ticket the agent's last answer is the solution to
 * approve or refuse.
 */
export function threadOf(articles: readonly ZammadArticle[], group: StatusGroup): ThreadEntry[] {
  const shown = articles
    .filter((article) => article.internal !== true && article.sender !== 'System')
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id);
  const solution = group === 'solved' ? [...shown].reverse().find((article) => article !== shown[0] && article.sender === 'Agent') : undefined;
  return shown.map((article, index) => {
    const { body, inline } = bodyOf(article);
    return {
      id: String(article.id),
      kind: index === 0 ? 'description' : article === solution ? 'solution' : 'followup',
      author: authorOf(article),
      // `sender` is the name of the article's Ticket::Article::Sender: Agent, Customer or System (dropped above).
      side: article.sender === 'Customer' ? ('requester' as const) : article.sender === 'Agent' ? ('helpdesk' as const) : undefined,
      date: new Date(article.created_at),
      body,
      ...(article === solution ? { approval: 'waiting' as const } : {}),
      documents: [...documentsOf(article), ...inline],
    };
  });
}
