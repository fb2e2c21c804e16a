/**
 * GLPI's urgency scale: a ticket's `urgency` is a code from 1 (very low) to 5 (very high)
 * (BACKENDS.md §1; `CommonITILObject::getUrgencyName` names them "Very low" … "Very high"),
 * the same five levels as ours, in the same order.
 */
import { URGENCIES, type Urgency } from '../../core/urgency.js';

/** The code GLPI stores for a level. */
export function urgencyRank(urgency: Urgency): number {
  return URGENCIES.indexOf(urgency) + 1;
}

/** The level of a code GLPI sent; undefined outside 1…5. */
export function urgencyFromRank(rank: number): Urgency | undefined {
  return URGENCIES[rank - 1];
}
