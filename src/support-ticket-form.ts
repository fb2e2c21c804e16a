/**
 * `<support-ticket-form>` and the `<contact-guidance>` it shows: importing this module
 * registers both (`import 'support-widgets/support-ticket-form.js'`).
 */
import { define } from './elements/define.js';
import { SupportTicketForm } from './elements/support-ticket-form/support-ticket-form.js';
import './contact-guidance.js';

define('support-ticket-form', SupportTicketForm);

export { SupportTicketForm };
