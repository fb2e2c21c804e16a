/** Registers every element. */
import './support-ticket-form/support-ticket-form.js';
import './contact-guidance/contact-guidance.js';
import './ticket-detail/ticket-detail.js';
import './ticket-list/ticket-list.js';

export { SupportTicketForm } from './support-ticket-form/support-ticket-form.js';
export { ContactGuidance } from './contact-guidance/contact-guidance.js';
export { TicketDetailElement } from './ticket-detail/ticket-detail.js';
export { TicketList } from './ticket-list/ticket-list.js';
export { signOutEverywhere } from './shared/backend-registry.js';
