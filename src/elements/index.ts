/** Registers every element. */
import './support-ticket-form/support-ticket-form.js';
import './contact-guidance/contact-guidance.js';

export { SupportTicketForm } from './support-ticket-form/support-ticket-form.js';
export { ContactGuidance } from './contact-guidance/contact-guidance.js';
export { signOutEverywhere } from './shared/backend-registry.js';
