/**
 * People kept informed of a ticket (Cc): GLPI's observers ("watchers", `Ticket_User` of type 3), named by
 * their address only (`users_id` 0 and `alternative_email`, which GLPI accepts for an actor without a user:
 * `CommonITILActor::isAttach2Valid`, `src/CommonITILActor.php` lines 73-92 of 10.0.17). Line numbers are
 * 10.0.17's; GLPI 11's code keeps the same logic (glpi-project/glpi 0042059, exact 11.0.x tag unconfirmed).
 * See the fake: src/mocks/glpi/routes/observers.ts.
 */
import * as z from 'zod/mini';
import { plain } from './answers.js';

/** The actor type of an observer (`CommonITILActor::OBSERVER`). */
export const OBSERVER = 3;

/** `GET Ticket/:id/Ticket_User?expand_dropdowns=true`: `users_id` is the user's name, 0 for an address alone. */
export const actorRows = z.array(
  z.looseObject({
    type: z.union([z.number(), z.string()]),
    users_id: z.optional(z.union([z.number(), z.string(), z.literal(null)])),
    alternative_email: z.optional(z.union([z.string(), z.literal(null)])),
  }),
);

/** The addresses, trimmed, each once whatever its case (GLPI's unique key compares them without case). */
export function uniqueAddresses(emails: readonly string[]): string[] {
  const seen = new Set<string>();
  return emails.map((email) => email.trim()).filter((email) => email && !seen.has(email.toLowerCase()) && seen.add(email.toLowerCase()));
}

/**
 * The ticket's Cc as GLPI holds it: each observer's address, or the name of an observer who is a user and
 * has no address of their own for this ticket. Addresses are text, encoded by GLPI 10 (`plain`).
 */
export function ccOf(rows: z.infer<typeof actorRows>): string[] {
  return rows
    .filter((row) => Number(row.type) === OBSERVER)
    .map((row) => plain(row.alternative_email) || (typeof row.users_id === 'string' && !/^\d+$/.test(row.users_id) ? plain(row.users_id) : ''))
    .filter(Boolean);
}

/**
 * The observers of a new ticket, by address: `_users_id_observer` as a list of 0, its notification values
 * paired by key (`CommonITILObject::updateActors`, `src/CommonITILObject.php` lines 8504-8547; the same
 * legacy keys as the requester's). GLPI adds them after the ticket without checking any right (lines
 * 2885, 8713-8720), so a Self-Service profile may name them; one it refuses (an invalid address:
 * `CommonITILActor::prepareInputForAdd`, lines 379-388) is left out and the ticket is created all the same.
 * `use_notification` 1 is what makes GLPI mail them: its "Watcher" target reaches rows of `users_id` 0 with
 * it (`NotificationTargetCommonITILObject::addLinkedUserByType`, lines 218-238), through the ticket's
 * `new` event here.
 */
export function observersAtCreation(cc: readonly string[]): Record<string, unknown> {
  const emails = uniqueAddresses(cc);
  if (!emails.length) return {};
  return {
    _users_id_observer: emails.map(() => 0),
    _users_id_observer_notif: { use_notification: emails.map(() => 1), alternative_email: emails },
  };
}

/**
 * One observer added to an open ticket: `POST Ticket_User`, `tickets_id` in the input (the URL's parent is
 * not read on create, `src/Api/APIRest.php` lines 380-397). GLPI allows it to whoever may see the ticket and
 * has `Ticket::canUpdate()` — the ticket CREATE right on the helpdesk interface (`src/Ticket.php` lines
 * 213-230; `src/CommonDBRelation.php` lines 465-580, 587-594, 649-657) — and mails the address its
 * `observer_user` event (`CommonITILActor::post_addItem`, `src/CommonITILActor.php` lines 424-466).
 */
export const observerInput = (ticketId: number, email: string) => ({
  input: { tickets_id: ticketId, users_id: 0, type: OBSERVER, use_notification: 1, alternative_email: email },
});

/**
 * Whether the profile may add people (`Ticket::canUpdate()`): ticket CREATE (4) on the helpdesk interface;
 * UPDATE (2), ASSIGN (8192), STEAL (16384), OWN (32768) or CHANGEPRIORITY (65536) on the central one
 * (`src/Ticket.php` lines 82-90, 213-230). Unknown rights leave it to GLPI.
 */
export function mayAddPeople(rights: number | undefined, helpdesk: boolean | undefined): boolean {
  if (rights === undefined) return true;
  const central = 2 | 8192 | 16384 | 32768 | 65536;
  return (rights & (helpdesk ? 4 : helpdesk === false ? central : central | 4)) > 0;
}
