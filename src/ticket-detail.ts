/** `<ticket-detail>`: importing this module registers it. */
import { define } from './elements/define.js';
import { TicketDetailElement } from './elements/ticket-detail/ticket-detail.js';

define('ticket-detail', TicketDetailElement);

export { TicketDetailElement };
