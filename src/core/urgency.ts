/**
 * The five urgency levels every backend maps onto (GLPI's scale), and the three
 * guidance bands of seed 000 that explain them to the person choosing one.
 */
export const URGENCIES = ['very-low', 'low', 'medium', 'high', 'very-high'] as const;

export type Urgency = (typeof URGENCIES)[number];

/** `later`: can be planned; `moderate`: few consequences; `critical`: work stopped or losses. */
export type UrgencyBand = 'later' | 'moderate' | 'critical';

export const URGENCY_BANDS: readonly UrgencyBand[] = ['later', 'moderate', 'critical'];

export function isUrgency(value: unknown): value is Urgency {
  return typeof value === 'string' && (URGENCIES as readonly string[]).includes(value);
}

/** 1 (very low) … 5 (very high), GLPI's numeric codes. */
export function urgencyRank(urgency: Urgency): number {
  return URGENCIES.indexOf(urgency) + 1;
}

export function urgencyFromRank(rank: number): Urgency | undefined {
  return URGENCIES[rank - 1];
}

export function bandOf(urgency: Urgency): UrgencyBand {
  const rank = urgencyRank(urgency);
  if (rank <= 2) return 'later';
  if (rank === 3) return 'moderate';
  return 'critical';
}

/** Whether `urgency` is `threshold` or above. */
export function isAtLeast(urgency: Urgency, threshold: Urgency): boolean {
  return urgencyRank(urgency) >= urgencyRank(threshold);
}
