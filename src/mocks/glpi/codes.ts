/** GLPI's numeric codes the fake uses (BACKENDS.md §1.3). */

/** GLPI's ticket statuses (BACKENDS.md §1.3). */
export const NEW = 1;
export const ASSIGNED = 2;
export const PLANNED = 3;
export const PENDING = 4;
export const SOLVED = 5;
export const CLOSED = 6;
/**
 * GLPI 11 only: "Approval", `CommonITILObject::APPROVAL = 10` and `Ticket::getAllStatusArray()`
 * (`src/Ticket.php` of 11, which lists it between New and Processing); 10.0.11 has no such status.
 */
export const APPROVAL = 10;
export type TicketStatusCode = 1 | 2 | 3 | 4 | 5 | 6 | 10;

/** A solution's approval state (CommonITILValidation). */
export const SOLUTION_NONE = 1;
export const SOLUTION_WAITING = 2;
export const SOLUTION_ACCEPTED = 3;
export const SOLUTION_REFUSED = 4;
export type SolutionStatusCode = 1 | 2 | 3 | 4;
