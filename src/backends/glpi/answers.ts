/**
 * GLPI's tickets as the shared model: the answers of `search/Ticket`, `Ticket/:id`
 * and its follow-ups and solutions, checked with zod/mini and turned into
 * TicketSummary / TicketDetail. Pure functions: the adapter makes the calls.
 *
 * Text (BACKENDS.md §1.13): GLPI 10 sanitizes what it stores (`Sanitizer::sanitize` in
 * `API::createItems`, `src/Api/API.php` line 1857 of 10.0.11) and answers it so, since the
 * `X-GLPI-Sanitized-Content: false` that would decode it (`APIRest::returnSanitizedContent`,
 * `src/Api/APIRest.php` line 688) is not a header a cross-origin page may send (not in
 * `API::cors()`'s allowed headers). GLPI 11 stores raw HTML and has no such header. So bodies
 * are decoded once from GLPI 10, into HTML the element sanitises (a second pass would turn
 * what a person wrote about markup, `&lt;b&gt;` in the HTML, into markup), and taken as they
 * are from GLPI 11 (`GlpiReading.rawBodies`). Plain text (titles, names) is decoded twice on
 * both, as migrations and older versions left some of it encoded twice (`&amp;#039;`) and GLPI
 * 11 still shows such artefacts; a title that truly spells an entity loses it, the lesser harm.
 *
 * Dates (`GlpiReading.date`): GLPI writes "YYYY-MM-DD HH:MM:SS" in the server's local time
 * without a zone; the adapter says which zone (see `zonedDate`).
 */
import * as z from 'zod/mini';
import type { RichText, StatusGroup, ThreadEntry, TicketDocument, TicketStatus, TicketSummary, TicketType } from '../../core/ticket.js';
import { urgencyFromRank } from './urgency.js';
import { decodeEntities } from './html.js';

// Versions disagree on numbers vs numeric strings: both are taken, and read with Number().
const numeric = (min: number, max: number) =>
  z.union([z.number(), z.string()]).check(
    z.refine((value) => {
      const n = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : NaN;
      return Number.isInteger(n) && n >= min && n <= max;
    }),
  );
const id = numeric(1, Number.MAX_SAFE_INTEGER);
const count = numeric(0, Number.MAX_SAFE_INTEGER);
/** Any status: GLPI 11 adds 10 (Approval), plugins and later versions may add others. */
const statusCode = numeric(1, Number.MAX_SAFE_INTEGER);
/** "YYYY-MM-DD HH:MM[:SS]". */
const date = z.string().check(z.refine((text) => /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d/.test(text)));
const maybe = <T extends z.ZodMiniType>(schema: T) => z.optional(z.union([schema, z.literal(null)]));
const text = maybe(z.string());
/** A foreign key: the name it expands to, or the id (0 when empty). */
const key = maybe(z.union([z.string(), z.number()]));

/** `search/Ticket` with `uid_cols`; the requester column holds user ids (several make a list). */
export const searchAnswer = z.looseObject({
  totalcount: count,
  data: z.optional(
    z.array(
      z.looseObject({
        'Ticket.id': id,
        'Ticket.name': text,
        'Ticket.status': statusCode,
        'Ticket.urgency': maybe(numeric(1, 5)),
        'Ticket.type': maybe(numeric(1, 2)),
        'Ticket.date': date,
        'Ticket.date_mod': date,
        'Ticket.Ticket_User.User.name': maybe(z.union([id, z.array(id)])),
      }),
    ),
  ),
});

export type SearchRow = NonNullable<z.infer<typeof searchAnswer>['data']>[number];

const documentRow = z.looseObject({ id, name: text, filename: text, mime: text, date_creation: maybe(date) });

/** `Ticket/:id?expand_dropdowns=true&with_documents=true`. */
export const ticketAnswer = z.looseObject({
  id,
  name: text,
  content: text,
  status: statusCode,
  urgency: maybe(numeric(1, 5)),
  type: maybe(numeric(1, 2)),
  date,
  date_mod: date,
  solvedate: maybe(date),
  users_id_recipient: key,
  itilcategories_id: key,
  // Without the right, GLPI puts an `{error, message}` object here.
  _documents: z.optional(z.union([z.array(documentRow), z.looseObject({})])),
});

/** GLPI flags come as 1/0, "1"/"0" or true/false; `==` on purpose. */
const flag = z.union([z.boolean(), z.number(), z.string()]);

export const followupRows = z.array(z.looseObject({ id, users_id: key, content: text, is_private: z.optional(flag), date }));

export const solutionRows = z.array(z.looseObject({ id, users_id: key, content: text, status: maybe(numeric(0, 4)), date_creation: date }));

/**
 * GLPI's statuses with GLPI's own names for them (`Ticket::getAllStatusArray`, English msgids and
 * `locales/fr_FR.po` of 10.0.11). 10 is GLPI 11's "Approval" (`CommonITILObject::APPROVAL`), a ticket
 * waiting for a validator's answer; fr_FR translates the msgid "Approval" as "Validation".
 */
const STATUSES: Record<number, [StatusGroup, string, string]> = {
  1: ['open', 'New', 'Nouveau'],
  2: ['open', 'Processing (assigned)', 'En cours (Attribué)'],
  3: ['open', 'Processing (planned)', 'En cours (Planifié)'],
  4: ['waiting', 'Pending', 'En attente'],
  5: ['solved', 'Solved', 'Résolu'],
  6: ['closed', 'Closed', 'Clos'],
  10: ['waiting', 'Approval', 'Validation'],
};

/** A status the widget does not know (a later GLPI, a plugin) is still shown, by its number, as open. */
export function ticketStatus(code: number): TicketStatus {
  let status = statuses.get(code);
  if (!status) {
    const [group, en, fr] = STATUSES[code] ?? ['open', `Status ${code}`, `Statut ${code}`];
    statuses.set(code, (status = Object.freeze({ group, code: String(code), label: Object.freeze({ en, fr }) })));
  }
  return status;
}

/** One status object per code, shared by every ticket that has it: 10,000 tickets, a handful of statuses. */
const statuses = new Map<number, TicketStatus>();

/** How the answers of one GLPI are read: its dates' zone, and whether its bodies are raw HTML (GLPI 11). */
export interface GlpiReading {
  date(value: string): Date;
  rawBodies: boolean;
}

/**
 * Where GLPI's zone-less dates are: an IANA zone (the configuration's `timeZone`, the person's
 * `glpi_tz`, the server's `timezone`), else a fixed offset in minutes east of UTC measured from
 * the session's `glpi_currenttime`. With neither — a GLPI that said nothing at all — the
 * browser's own zone is the only guess left.
 */
export interface GlpiZone {
  name?: string;
  offset?: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** UTC days over which a zone's offset holds still, with that offset (null: it changes that day). */
const steadyDays = new Map<string, number | null>();
const DAY = 86_400_000;

/**
 * Minutes east of UTC of `zone` at `instant`; undefined for a zone the browser does not know.
 * Asked of Intl once per UTC day of the zone (its start and end), not per date: a list of
 * 10,000 tickets has 20,000 dates, and each Intl reading costs tens of microseconds.
 */
function offsetOf(zone: string, instant: number): number | undefined {
  const day = Math.floor(instant / DAY);
  const key = `${zone} ${day}`;
  let steady = steadyDays.get(key);
  if (steady === undefined) {
    const start = exactOffsetOf(zone, day * DAY);
    steady = start !== undefined && start === exactOffsetOf(zone, (day + 1) * DAY - 1000) ? start : null;
    steadyDays.set(key, steady);
  }
  return steady ?? exactOffsetOf(zone, instant);
}

function exactOffsetOf(zone: string, instant: number): number | undefined {
  try {
    let format = formatters.get(zone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
      formatters.set(zone, format);
    }
    const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
    return Math.round((Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - Math.floor(instant / 1000) * 1000) / 60_000);
  } catch {
    return undefined;
  }
}

/** GLPI's "YYYY-MM-DD HH:MM[:SS]" read in `zone`. */
export function zonedDate(value: string, zone: GlpiZone): Date {
  const [year, month, day, hours, minutes, seconds = 0] = (value.match(/\d+/g) ?? []).map(Number);
  const wall = Date.UTC(year, month - 1, day, hours, minutes, seconds);
  const named = zone.name === undefined ? undefined : offsetOf(zone.name, wall);
  if (named !== undefined) {
    // The offset at the wall time, then again at the instant found: right across a change of summer time.
    const first = wall - named * 60_000;
    return new Date(wall - (offsetOf(zone.name!, first) ?? named) * 60_000);
  }
  if (zone.offset !== undefined) return new Date(wall - zone.offset * 60_000);
  return new Date(year, month - 1, day, hours, minutes, seconds);
}


const types: TicketType[] = ['incident', 'request'];
/** Plain text, decoded twice (see above). */
export const plain = (value: string | null | undefined) => decodeEntities(decodeEntities(value ?? ''));
/** An expanded name, or nothing for an id or an empty one. */
export const nameOf = (value: string | number | null | undefined) => (typeof value === 'string' && plain(value)) || undefined;

/** Decoded HTML (raw from GLPI 11); text without any tag is plain text, whose line breaks matter (rich text off in GLPI). */
export function richText(value: string | null | undefined, raw = false): RichText {
  const decoded = raw ? (value ?? '').trim() : decodeEntities(value ?? '');
  return { format: /<[a-z!/][^>]*>/i.test(decoded) ? 'html' : 'text', value: decoded };
}

type Code = string | number | null | undefined;

/** A ticket's own fields, as `Ticket/:id` names them. */
export function summaryOf(
  ticket: { id: Code; name?: Code; status: Code; urgency?: Code; type?: Code; date: string; date_mod: string },
  { date }: GlpiReading,
): TicketSummary {
  const { urgency, type } = ticket;
  return {
    id: String(ticket.id),
    title: plain(ticket.name == null ? '' : String(ticket.name)),
    status: ticketStatus(Number(ticket.status)),
    urgency: urgency == null ? undefined : urgencyFromRank(Number(urgency)),
    type: type == null ? undefined : types[Number(type) - 1],
    openedAt: date(ticket.date),
    updatedAt: date(ticket.date_mod),
  };
}

/** One row of the list; `requester` is filled by the adapter when it knows the name. */
export const rowSummaryOf = (row: SearchRow, reading: GlpiReading): TicketSummary =>
  summaryOf(
    {
      id: row['Ticket.id'],
      name: row['Ticket.name'],
      status: row['Ticket.status'],
      urgency: row['Ticket.urgency'],
      type: row['Ticket.type'],
      date: row['Ticket.date'],
      date_mod: row['Ticket.date_mod'],
    },
    reading,
  );

/** The requester's user id, the first one when there are several. */
export function requesterOf(row: SearchRow): string | undefined {
  const value = row['Ticket.Ticket_User.User.name'];
  const first = Array.isArray(value) ? value[0] : value;
  return first == null ? undefined : String(first);
}

type TicketAnswer = z.infer<typeof ticketAnswer>;

export function documentsOf(ticket: TicketAnswer, { date }: GlpiReading): TicketDocument[] {
  const rows = Array.isArray(ticket._documents) ? ticket._documents : [];
  // A file linked twice (to the ticket and to a message) is listed once.
  return [...new Map(rows.map((row) => [String(row.id), row])).values()].map((row) => ({
    id: String(row.id),
    name: plain(row.filename || row.name) || `#${row.id}`,
    mime: row.mime || undefined,
    date: row.date_creation ? date(row.date_creation) : undefined,
  }));
}

const APPROVALS = [undefined, undefined, 'waiting', 'accepted', 'refused'] as const;

/**
 * The public thread, oldest first, the description at its head. Private follow-ups
 * are dropped even when GLPI sends them (to a profile that may see them): the
 * thread is what the requester sees.
 */
export function threadOf(
  ticket: TicketAnswer,
  followups: z.infer<typeof followupRows>,
  solutions: z.infer<typeof solutionRows>,
  { date, rawBodies }: GlpiReading,
): ThreadEntry[] {
  const messages: ThreadEntry[] = [
    ...followups
      // `==` on purpose: 1, "1" and true are private.
      .filter((row) => row.is_private != 1)
      .map((row) => ({
        id: `followup-${row.id}`,
        kind: 'followup' as const,
        author: nameOf(row.users_id),
        date: date(row.date),
        body: richText(row.content, rawBodies),
        documents: [],
      })),
    ...solutions.map((row) => ({
      id: `solution-${row.id}`,
      kind: 'solution' as const,
      author: nameOf(row.users_id),
      date: date(row.date_creation),
      body: richText(row.content, rawBodies),
      approval: APPROVALS[Number(row.status ?? 0)],
      documents: [],
    })),
  ].sort((a, b) => a.date.getTime() - b.date.getTime());
  const description: ThreadEntry = {
    id: 'description',
    kind: 'description',
    author: nameOf(ticket.users_id_recipient),
    date: date(ticket.date),
    body: richText(ticket.content, rawBodies),
    documents: [],
  };
  return [description, ...messages];
}
