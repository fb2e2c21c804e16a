/**
 * The events every element fires: prefixed `support-`, bubbling and composed so a
 * host page hears them from outside the shadow roots. Fired on a person's action
 * (a submit), never when code sets a property — except `support-tickets-listed`, once
 * a list has read the person's tickets (what `<support-launcher>`'s badge counts).
 */
import type { HelpdeskErrorKind } from '../core/errors.js';

export interface TicketCreatedDetail {
  /** The ticket's id on the helpdesk. */
  id: string;
  /** Where the ticket can be seen on the helpdesk, when known. */
  url?: string;
  /** The backend type, e.g. "glpi". */
  backend: string;
}

export interface TicketQueuedDetail {
  /** The submission id: the same ticket keeps it until the helpdesk accepts it (GLPI: its `externalid`). */
  id: string;
  /** The backend type, e.g. "glpi". */
  backend: string;
  /** Why it could not be sent now: 'network', 'timeout', 'server' or 'rate-limited'. */
  reason: HelpdeskErrorKind;
}

export interface TicketUpdatedDetail {
  id: string;
  backend: string;
  /** What the person did; `people`: added people to keep informed (Cc). */
  change: 'reply' | 'approved' | 'refused' | 'closed' | 'reopened' | 'people';
}

export interface AuthRequiredDetail {
  /** The backend type, e.g. "rest" or "freshdesk". */
  backend: string;
}

export interface SupportErrorDetail {
  kind: HelpdeskErrorKind | 'config';
  /** The sentence shown to the person, in the element's language. */
  message: string;
  /** The backend's own error code, when there is one. */
  code?: string;
  /** Technical detail (backend message, configuration problems). */
  detail?: string;
}

export interface TicketsListedDetail {
  /** The backend type, e.g. "glpi". */
  backend: string;
  /** How many tickets the list holds. */
  total: number;
  /** How many wait for the person: an answer asked, or a solution to approve. */
  waiting: number;
}

/** A suggested article the person opened, or said answers their question (`articles.enabled`). */
export interface ArticleDetail {
  /** The article's id on the helpdesk. */
  id: string;
  title: string;
  /** The backend type, e.g. "glpi". */
  backend: string;
}

export type SupportTicketCreatedEvent = CustomEvent<TicketCreatedDetail>;
export type SupportTicketQueuedEvent = CustomEvent<TicketQueuedDetail>;
export type SupportTicketUpdatedEvent = CustomEvent<TicketUpdatedDetail>;
export type SupportErrorEvent = CustomEvent<SupportErrorDetail>;
export type SupportAuthRequiredEvent = CustomEvent<AuthRequiredDetail>;
export type SupportTicketsListedEvent = CustomEvent<TicketsListedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'support-ticket-created': SupportTicketCreatedEvent;
    'support-ticket-queued': SupportTicketQueuedEvent;
    'support-ticket-updated': SupportTicketUpdatedEvent;
    'support-error': SupportErrorEvent;
    'support-auth-required': SupportAuthRequiredEvent;
    'support-tickets-listed': SupportTicketsListedEvent;
    'support-article-viewed': CustomEvent<ArticleDetail>;
    'support-article-helpful': CustomEvent<ArticleDetail>;
    'support-launcher-open': CustomEvent<undefined>;
    'support-launcher-close': CustomEvent<undefined>;
  }
}

/** Dispatches a `support-*` event from `target`, bubbling out of shadow roots. */
export function emit<
  K extends
    | 'support-ticket-created'
    | 'support-ticket-queued'
    | 'support-ticket-updated'
    | 'support-error'
    | 'support-auth-required'
    | 'support-tickets-listed'
    | 'support-article-viewed'
    | 'support-article-helpful',
>(
  target: EventTarget,
  name: K,
  detail: GlobalEventHandlersEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
