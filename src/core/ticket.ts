import type { LocalText } from './text.js';
import type { Urgency } from './urgency.js';

/** Incident: something broken on an existing installation. Request: something new. */
export type TicketType = 'incident' | 'request';

export const TICKET_TYPES: readonly TicketType[] = ['incident', 'request'];

/** A category the backend offers, already filtered to what a requester may pick. */
export interface Category {
  id: string;
  /** Full path for display, e.g. "Hardware > Printer". */
  name: string;
  /** The name in each language, when the configuration gives it so (`name` is then one of them). */
  label?: LocalText;
  /** The ticket types this category may be used with. */
  types: TicketType[];
}

/** A piece of equipment or software the person can say the ticket is about. */
export interface EquipmentItem {
  /** Backend-specific kind, e.g. GLPI's itemtype `Computer`. */
  kind: string;
  id: string;
  name: string;
}

/** One answer to a question the provider configured. */
export interface QuestionAnswer {
  id: string;
  /** The question's label in the language the person saw, kept so the ticket reads on its own. */
  label: string;
  value: string;
}

/** A ticket as the person filled it in, checked and ready for an adapter. */
export interface NewTicket {
  type: TicketType;
  urgency: Urgency;
  title: string;
  description: string;
  categoryId?: string;
  equipment?: EquipmentItem;
  answers: QuestionAnswer[];
  callbackPhone?: string;
  /** Email addresses of people to keep informed (Cc), where the helpdesk has it (`capabilities.cc`). */
  cc?: string[];
  /** Words the adapter writes into the ticket, in the person's language; its English ones otherwise. */
  labels?: {
    callbackPhone?: string;
    /** The type as a whole line ("Type: Incident"), for backends that write it as text (email). */
    type?: string;
    /** The urgency as a whole line ("Urgency: High"), for backends that write it as text (email). */
    urgency?: string;
    /** Before the address to reply to ("Email address for follow-up"). */
    followUpEmail?: string;
  };
  /** Email follow-up: `undefined` leaves the backend's default. */
  followUp?: { byEmail: boolean; email?: string };
  attachments: File[];
}

/** What an adapter returns once the backend accepted the ticket. */
export interface CreatedTicket {
  id: string;
  /** Where the person can see the ticket on the helpdesk, when known. */
  url?: string;
  /** Files the backend refused after the ticket itself was created. */
  failedAttachments: { name: string; reason: string }[];
  /**
   * Email without a sending endpoint: nothing was sent, the person's mail client must send
   * this message. `url` is its `mailto:` link, whose body is `shortened` (cut, ending "[…]")
   * when the whole one would pass what mail clients take in a link.
   */
  mail?: { to: string; subject: string; body: string; url: string; shortened: boolean };
}

// ---- Following tickets (ticket list and thread) ----

/**
 * The four groups every backend status falls into: being handled, waiting for the
 * person (an answer, a piece of information), solved (a solution is proposed or
 * accepted, the ticket may still reopen), closed.
 */
export type StatusGroup = 'open' | 'waiting' | 'solved' | 'closed';

export const STATUS_GROUPS: readonly StatusGroup[] = ['open', 'waiting', 'solved', 'closed'];

export interface TicketStatus {
  group: StatusGroup;
  /** The backend's own code, e.g. GLPI's "4", RT's "stalled". */
  code: string;
  /** The backend's own name for it, in each language it has one ("Pending" / "En attente"). */
  label: LocalText;
}

/** One row of the ticket list. Text is plain (entities decoded), never HTML. */
export interface TicketSummary {
  id: string;
  title: string;
  status: TicketStatus;
  urgency?: Urgency;
  type?: TicketType;
  openedAt: Date;
  updatedAt: Date;
  /** Who asked, when the list shows other people's tickets too. */
  requester?: string;
}

/** Text from a backend: HTML (entity-decoded but NOT sanitised; the element sanitises it) or plain text. */
export interface RichText {
  format: 'html' | 'text';
  value: string;
}

/** A file attached to a ticket or to one of its messages. */
export interface TicketDocument {
  id: string;
  name: string;
  mime?: string;
  /** Bytes, when known. */
  size?: number;
  date?: Date;
}

/**
 * One public message of a ticket's thread, oldest first: the description, a follow-up
 * (from the person or a technician), or a solution with its approval state.
 */
export interface ThreadEntry {
  id: string;
  kind: 'description' | 'followup' | 'solution';
  author?: string;
  /**
   * Who wrote it, when the helpdesk says: the requester's side (the person, or someone
   * writing as them) or the helpdesk's (an agent). Unset, `sideOf` (core/thread.ts) infers it.
   */
  side?: ThreadSide;
  date: Date;
  body: RichText;
  /** Solutions only: waiting for the requester, accepted or refused. */
  approval?: 'waiting' | 'accepted' | 'refused';
  documents: TicketDocument[];
}

export type ThreadSide = 'requester' | 'helpdesk';

/** What the person may do on this ticket now, as the backend's rules say. */
export interface TicketActions {
  reply: boolean;
  /** Approve or refuse the proposed solution. */
  approve: boolean;
  close: boolean;
  reopen: boolean;
  /** Add people to keep informed (Cc) by their email address (`HelpdeskBackend.addPeople`). */
  addPeople?: boolean;
}

export interface TicketDetail extends TicketSummary {
  category?: string;
  /** Oldest first; the description is the first entry. */
  entries: ThreadEntry[];
  /** Files attached to the ticket itself rather than to one message. */
  documents: TicketDocument[];
  /** When the ticket was solved, for "closes by itself on …". */
  solvedAt?: Date;
  /** When the helpdesk itself will close the ticket, when it says (Zammad's pending close date). */
  closesAt?: Date;
  actions: TicketActions;
  /** Where the ticket can be seen on the helpdesk, when known. */
  url?: string;
  /** The people kept informed (Cc), as the helpdesk names them (an address, or a name), where it says. */
  cc?: string[];
}

/** A reply from the person: text (plain, as typed) and files. */
export interface TicketReply {
  text: string;
  attachments: File[];
}

/** What an adapter returns once a reply was accepted. */
export interface PostedReply {
  /** Files the backend refused after the text itself was accepted. */
  failedAttachments: { name: string; reason: string }[];
}

/** Whose tickets a list shows: the person's own, or every ticket of their organisation they may see. */
export type TicketScope = 'mine' | 'organisation';

export interface TicketPageQuery {
  scope: TicketScope;
  /** First row, from 0. */
  start: number;
  /** Rows wanted (the backend may return fewer). */
  limit: number;
}

/** One page of the list, newest activity first. */
export interface TicketPage {
  tickets: TicketSummary[];
  /** Every row matching, when the backend says (GLPI's Content-Range / totalcount). */
  total?: number;
  /** More rows remain after this page. */
  more: boolean;
}
