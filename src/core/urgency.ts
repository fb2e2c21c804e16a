/**
 * The five urgency levels every backend maps onto, and the three guidance bands of
 * seed 000 that explain them to the person choosing one. Each helpdesk's own scale
 * (GLPI's codes 1…5, RT's priorities, Zammad's and Freshdesk's priorities) lives in
 * its folder under `src/backends/`.
 */
export const URGENCIES = ['very-low', 'low', 'medium', 'high', 'very-high'] as const;

export type Urgency = (typeof URGENCIES)[number];

/** `later`: can be planned; `moderate`: few consequences; `critical`: work stopped or losses. */
export type UrgencyBand = 'later' | 'moderate' | 'critical';

export const URGENCY_BANDS: readonly UrgencyBand[] = ['later', 'moderate', 'critical'];

export function isUrgency(value: unknown): value is Urgency {
  return typeof value === 'string' && (URGENCIES as readonly string[]).includes(value);
}

/** very-low and low can wait, medium is moderate, high and very-high are critical. */
export function bandOf(urgency: Urgency): UrgencyBand {
  const level = URGENCIES.indexOf(urgency);
  if (level <= URGENCIES.indexOf('low')) return 'later';
  if (urgency === 'medium') return 'moderate';
  return 'critical';
}

/** Whether `urgency` is `threshold` or above. */
export function isAtLeast(urgency: Urgency, threshold: Urgency): boolean {
  return URGENCIES.indexOf(urgency) >= URGENCIES.indexOf(threshold);
}
