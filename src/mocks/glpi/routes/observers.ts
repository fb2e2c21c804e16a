/**
 * Observers (watchers, `Ticket_User` of type 3), the people GLPI keeps informed of a ticket: given with
 * the ticket (`_users_id_observer` and `_users_id_observer_notif`), or added to an existing one with
 * `POST Ticket_User` (or `Ticket/:id/Ticket_User`, whose parent GLPI ignores on create: `tickets_id`
 * must be in the input, `src/Api/APIRest.php` lines 380-397 of 10.0.17). An observer is a user, or
 * nobody (`users_id` 0) and an address. Line numbers are 10.0.17's; GLPI 11's code keeps the same logic
 * (`CommonITILObject::updateActors`, `CommonITILActor`, at glpi-project/glpi 0042059).
 */
import { mayAddActor, touch } from '../itil.js';
import { isRecord, PERMISSION, readParameters, toInt } from '../protocol.js';
import type { FakeCall, Route } from '../route.js';
import type { FakeObserver, FakeTicket, GlpiFakeState } from '../state.js';

export const observerRoutes: Route[] = [
  { method: 'post', path: 'Ticket_User', handle: addTicketUsers },
  { method: 'post', path: 'Ticket/:id/Ticket_User', handle: addTicketUsers },
];

/**
 * `GLPIMailer::ValidateAddress`, as `NotificationMailing::isUserAddressValid` calls it
 * (`src/NotificationMailing.php` lines 65-83), approximated: one `@`, no spaces or separators, a dot
 * in the domain.
 */
export const isValidAddress = (address: string): boolean => /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:".]+(\.[^\s@<>()[\],;:".]+)+$/.test(address);

/** An actor wanted on a ticket, before GLPI's checks. */
interface WantedObserver {
  users_id: number;
  alternative_email: string;
  use_notification: 0 | 1;
}

/**
 * `_users_id_observer` (one id, or a list) with `_users_id_observer_notif`, read as
 * `CommonITILObject::updateActors` reads them (`src/CommonITILObject.php` lines 8481-8590): a list pairs
 * each id with the notification values of the same key, one id takes their first ones; an actor of
 * `users_id` 0 without an address is skipped as an empty default; the same id, or for `users_id` 0 the
 * same address, counts once. A value that is not a number is taken as 0, as PHP's `(int)` does.
 */
function wantedObservers(input: Record<string, unknown>): WantedObserver[] {
  const ids = input._users_id_observer;
  const notif = isRecord(input._users_id_observer_notif) ? input._users_id_observer_notif : {};
  const valueOf = (key: string, index: number | undefined) => {
    const values = notif[key];
    if (Array.isArray(values)) return values[index ?? 0];
    return index === undefined ? values : undefined;
  };
  const entries: [number, number | undefined][] = Array.isArray(ids)
    ? ids.map((id, index) => [toInt(id) ?? 0, index])
    : typeof ids === 'number' || (typeof ids === 'string' && /^\d+$/.test(ids))
      ? [[Number(ids), undefined]]
      : [];
  const wanted = new Map<string, WantedObserver>();
  for (const [users_id, index] of entries) {
    const email = valueOf('alternative_email', index);
    const actor: WantedObserver = {
      users_id,
      alternative_email: typeof email === 'string' ? email : '',
      // The column's default is 1 (`glpi_tickets_users.use_notification`).
      use_notification: toInt(valueOf('use_notification', index) ?? 1) === 0 ? 0 : 1,
    };
    if (users_id === 0 && !actor.alternative_email) continue;
    wanted.set(`${users_id || actor.alternative_email}`, actor);
  }
  return [...wanted.values()];
}

/**
 * Adds one observer to a ticket, or says why GLPI would not: `CommonITILActor::prepareInputForAdd`
 * (`src/CommonITILActor.php` lines 353-390) refuses an unknown user, a user already observer, and an
 * invalid address ("Invalid email address"); `isAttach2Valid` (lines 73-92) an actor without user nor
 * address; the table's unique key (tickets_id, type, users_id, alternative_email; compared without
 * case, `utf8mb4_unicode_ci`) the same address twice.
 */
function addObserver(state: GlpiFakeState, ticket: FakeTicket, wanted: WantedObserver): FakeObserver | string {
  if (wanted.users_id === 0 && !wanted.alternative_email) return 'An observer needs a user or an email address';
  if (wanted.users_id > 0 && !state.user(wanted.users_id)) return 'Unknown user';
  if (wanted.users_id > 0 && ticket.observers.some((one) => one.users_id === wanted.users_id)) return 'This user is already an observer';
  if (wanted.alternative_email && !isValidAddress(wanted.alternative_email)) return 'Invalid email address';
  const same = (one: FakeObserver) => one.users_id === wanted.users_id && one.alternative_email.toLowerCase() === wanted.alternative_email.toLowerCase();
  if (ticket.observers.some(same)) return 'This observer is already there';
  const observer: FakeObserver = { id: state.nextObserverId(), ...wanted };
  ticket.observers.push(observer);
  return observer;
}

/** Email-only observers a notification of the ticket reaches (see FakeNotification). */
const notified = (ticket: FakeTicket) =>
  ticket.observers.filter((one) => one.users_id === 0 && one.use_notification === 1 && isValidAddress(one.alternative_email)).map((one) => one.alternative_email);

/**
 * The observers given with a new ticket, added after it (`CommonITILObject::post_addItem` →
 * `updateActors(true)`, lines 2885 and 8457-8467, with no right checked: lines 8713-8720). One that GLPI
 * refuses, such as an invalid address, is left out and the ticket is created all the same. Then the
 * ticket's `new` notification, which reaches them.
 */
export function addObserversAtCreation(state: GlpiFakeState, ticket: FakeTicket, input: Record<string, unknown>): void {
  for (const wanted of wantedObservers(input)) addObserver(state, ticket, wanted);
  state.notifications.push({ event: 'new', tickets_id: ticket.id, observers: notified(ticket) });
}

/**
 * `POST Ticket_User`: `{"input": {"tickets_id", "users_id", "type", "use_notification", "alternative_email"}}`.
 * The fake adds observers (type 3) only. The right is `mayAddActor` (itil.ts); a refusal is 400
 * ERROR_GLPI_ADD with GLPI's permission sentence (`API::createItems`, `src/Api/API.php` lines 1875-1879
 * and 1920-1930), a failed add the same code with GLPI's message. An added observer raises
 * `observer_user` (`CommonITILActor::post_addItem`, lines 424-466), unless `_disablenotif`.
 */
async function addTicketUsers({ request, state, session, api }: FakeCall): Promise<Response> {
  const read = await readParameters(request, api);
  if (!read.ok) return read.response;
  const user = state.userOf(session);
  return api.created('Ticket_User', read.params.input, (one) => {
    if (!isRecord(one)) return 'Each input must be an object';
    const ticket = state.ticket(toInt(one.tickets_id) ?? -1);
    // Without a ticket, `can(-1, CREATE)` has no ticket to check and fails (tickets_id is required).
    if (!ticket || !mayAddActor(user, ticket)) return PERMISSION;
    if (toInt(one.type) !== 3) return 'The fake GLPI adds observers (type 3) only';
    const email = one.alternative_email;
    const result = addObserver(state, ticket, {
      users_id: toInt(one.users_id ?? 0) ?? 0,
      alternative_email: typeof email === 'string' ? email : '',
      use_notification: toInt(one.use_notification ?? 1) === 0 ? 0 : 1,
    });
    if (typeof result === 'string') return result;
    // The ticket changed (`updateDateMod`, `src/CommonITILActor.php` line 434).
    touch(state, ticket, user.id);
    if (!one._disablenotif) state.notifications.push({ event: 'observer_user', tickets_id: ticket.id, observers: notified(ticket) });
    return { id: result.id, message: '' };
  });
}
