/**
 * support-widgets: importing this module registers every element. A page that shows
 * one element can import only its entry instead (`support-widgets/support-ticket-form.js`,
 * `…/ticket-list.js`, `…/ticket-detail.js`, `…/contact-guidance.js`, `…/support-launcher.js`).
 *
 * What a host needs is exported by name, nothing else: the element classes, the
 * configuration's types and its check, the events' details, the error a helpdesk
 * call ends with, the page-wide sign-out and the languages a host adds (`./api.ts`).
 */
export { SupportTicketForm } from './support-ticket-form.js';
export { ContactGuidance } from './contact-guidance.js';
export { TicketList } from './ticket-list.js';
export { TicketDetailElement } from './ticket-detail.js';
export { SupportLauncher } from './support-launcher.js';
export * from './api.js';

export type { HelpdeskConfig, HelpdeskConfigInput, BackendConfig, BackendType, ConfigProblem, ConfigResult } from './config/index.js';
export { URGENCIES, type Urgency } from './core/urgency.js';
export type { ContactChannel, ContactKind } from './core/contacts.js';
export { HelpdeskError, isHelpdeskError, type HelpdeskErrorKind, type HelpdeskErrorReason } from './core/errors.js';
export type { TicketType, NewTicket, CreatedTicket, TicketSummary, TicketDetail, TicketStatus, StatusGroup, ThreadEntry, TicketDocument } from './core/ticket.js';
export type { Credentials, CredentialsProvider } from './backends/types.js';
export type * from './events/events.js';
