/**
 * `<ticket-list>` and the `<ticket-detail>` it opens a ticket in: importing this
 * module registers both (`import 'support-widgets/ticket-list.js'`).
 */
import { define } from './elements/define.js';
import { TicketList } from './elements/ticket-list/ticket-list.js';
import './ticket-detail.js';

define('ticket-list', TicketList);

export { TicketList };
