/**
 * A GLPI session as the adapter reads it (`initSession?get_full_session=true`, `getFullSession`):
 * whose it is, what the profile may do, where the person's dates are; and the storage name of
 * the person credentials stand for.
 */
import * as z from 'zod/mini';
import { personKey } from '../../store/session-token.js';
import type { Credentials } from '../types.js';
import { plain, zonedDate } from './answers.js';

// Versions disagree on whether ids and flags are numbers or numeric strings, so both are accepted.
// Checks are refines: the other check kinds would each add zod code to the script-tag bundle.
export const glpiId = z.union([z.number().check(z.refine((n) => Number.isInteger(n) && n > 0)), z.string().check(z.refine((s) => /^\d+$/.test(s)))]);
export const notEmpty = z.refine<{ length: number }>((value) => value.length > 0);
export const name = z.optional(z.union([z.string(), z.literal(null)]));

/** Whose session it is; the profile's ticket rights are GLPI's bitmask (UPDATE is 2). */
export const session = z.looseObject({
  glpiID: glpiId,
  glpifriendlyname: name,
  // The person's own zone, set at login when they chose one (`src/Auth.php` line 1108 of 10.0.11).
  glpi_tz: name,
  // The server's now, local and zone-less, set at each request's Session::start (`src/Session.php` line 236).
  glpi_currenttime: name,
  glpiactiveprofile: z.optional(
    z.looseObject({
      interface: z.optional(z.string()),
      ticket: z.optional(z.union([z.number(), z.string()])),
      followup: z.optional(z.union([z.number(), z.string()])),
      itilcategory: z.optional(z.union([z.number(), z.string()])),
      // `[from][to] => 0|1`, decoded from the profile (`Profile::post_getFromDB`, `src/Profile.php` line 574 of 10.0.11).
      ticket_status: z.optional(z.union([z.record(z.string(), z.record(z.string(), z.unknown())), z.array(z.unknown())])),
    }),
  ),
});
export const initSessionAnswer = z.looseObject({ session_token: z.string().check(notEmpty), session: z.optional(session) });

/** The session's person: id, GLPI's name for them, the profile's ticket rights when known, where their dates are. */
export interface Me {
  id: string | number;
  name?: string;
  ticketRights?: number;
  /** `glpi_tz`: the zone GLPI writes this person's dates in. */
  timeZone?: string;
  /** Minutes east of UTC, measured from `glpi_currenttime` against this browser's clock, to the quarter hour. */
  offset?: number;
  /** Whether the profile may reopen a closed ticket; undefined when the session did not say. */
  mayReopen?: boolean;
  /**
   * A Self-Service (helpdesk interface) profile: `Profile::cleanProfile` (`src/Profile.php` lines 527-538
   * of 10.0.11, called by `Session::changeProfile`, `src/Session.php` line 523) drops every right outside
   * `Profile::$helpdesk_rights` (line 44): no `itilcategory`, no `computer`, `monitor`… so GLPI answers
   * 403 to `ITILCategory` and to the person's assets whatever the admin grants.
   */
  helpdesk?: boolean;
  /** The profile may read ITIL categories (`itilcategory` READ, 1); undefined when the session did not say. */
  readsCategories?: boolean;
}

/**
 * `Ticket::canReopen` (`src/Ticket.php` lines 660-666 of 10.0.11): followup CREATE (4) and a status
 * matrix allowing Closed (6) → New (1) or → Processing (2). `CommonITILObject::isAllowedStatus`
 * (`src/CommonITILObject.php` lines 3503-3524): a pair set to 0 forbids, a missing pair allows once the
 * profile has a matrix at all. Self-Service's default forbids both (`install/empty_data.php` line 7993);
 * without that right GLPI refuses any follow-up on a closed ticket (`ITILFollowup::canCreateItem`).
 */
function mayReopen(profile: z.infer<typeof session>['glpiactiveprofile']): boolean | undefined {
  if (!profile) return undefined;
  const matrix = profile.ticket_status;
  if (matrix === undefined) return false;
  const closed = (Array.isArray(matrix) ? undefined : matrix['6']) ?? {};
  const allowed = (to: string) => !(to in closed) || Boolean(Number(closed[to]));
  return (Number(profile.followup ?? 0) & 4) > 0 && (allowed('1') || allowed('2'));
}

export function meOf(answer: z.infer<typeof session>): Me {
  const now = answer.glpi_currenttime ? zonedDate(answer.glpi_currenttime, { offset: 0 }).getTime() : NaN;
  return {
    id: answer.glpiID,
    name: plain(answer.glpifriendlyname) || undefined,
    ticketRights: answer.glpiactiveprofile?.ticket === undefined ? undefined : Number(answer.glpiactiveprofile.ticket),
    mayReopen: mayReopen(answer.glpiactiveprofile),
    helpdesk: answer.glpiactiveprofile?.interface === undefined ? undefined : answer.glpiactiveprofile.interface === 'helpdesk',
    readsCategories: answer.glpiactiveprofile ? (Number(answer.glpiactiveprofile.itilcategory ?? 0) & 1) > 0 : undefined,
    timeZone: answer.glpi_tz || undefined,
    // More than 14 hours away is no zone (UTC−12 to UTC+14) but a clock that is wrong: no measure then.
    offset: Math.abs(now - Date.now()) <= 14 * 3_600_000 ? Math.round((now - Date.now()) / 900_000) * 15 : undefined,
  };
}

/** The storage name of the person credentials stand for (never the token or login itself). */
export const personOf = (credentials: Credentials): string =>
  personKey('userToken' in credentials ? `token:${credentials.userToken}` : `login:${credentials.login}`);
