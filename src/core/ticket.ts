import type { Urgency } from './urgency.js';

/** Incident: something broken on an existing installation. Request: something new. */
export type TicketType = 'incident' | 'request';

export const TICKET_TYPES: readonly TicketType[] = ['incident', 'request'];

/** A category the backend offers, already filtered to what a requester may pick. */
export interface Category {
  id: string;
  /** Full path for display, e.g. "Hardware > Printer". */
  name: string;
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
  /** Words the adapter writes into the ticket, in the person's language; its English ones otherwise. */
  labels?: { callbackPhone?: string };
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
}
