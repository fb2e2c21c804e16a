/**
 * A ticket's thread read as a conversation: whose side each message stands on, the
 * initials that stand for its author, and the days it spans.
 */
import type { ThreadEntry, ThreadSide } from './ticket.js';

/**
 * The side of `entry` in `entries` (the description first): the helpdesk's word when it
 * gave one; else the description is the requester's and a solution the helpdesk's, and a
 * follow-up is the requester's when it has the description's author (the person answering
 * on their own ticket), the helpdesk's otherwise — an agent, or an author not named.
 */
export function sideOf(entry: ThreadEntry, entries: readonly ThreadEntry[]): ThreadSide {
  if (entry.side) return entry.side;
  if (entry.kind === 'description') return 'requester';
  if (entry.kind === 'solution') return 'helpdesk';
  const opener = entries.find((one) => one.kind === 'description');
  const author = entry.author?.trim().toLowerCase();
  return author && opener && (opener.side ?? 'requester') === 'requester' && author === opener.author?.trim().toLowerCase() ? 'requester' : 'helpdesk';
}

/** "Camille Martin" → "CM", "marie.durand@example.fr" → "M", "Jean-Luc" → "JL"; at most two letters. */
export function initialsOf(name: string): string {
  const words = name.replace(/@.*$/, '').split(/[\s._-]+/u).filter(Boolean);
  const letters = (words.length > 1 ? [words[0], words[words.length - 1]] : words).map((word) => [...word][0] ?? '');
  return letters.join('').toLocaleUpperCase() || '?';
}

/** The entries in runs of one calendar day (`dayOf` names a date's day, e.g. in the person's time zone), in order. */
export function byDay<E extends { date: Date }>(entries: readonly E[], dayOf: (date: Date) => string): { day: string; entries: E[] }[] {
  const days: { day: string; entries: E[] }[] = [];
  for (const entry of entries) {
    const day = dayOf(entry.date);
    const last = days[days.length - 1];
    if (last?.day === day) last.entries.push(entry);
    else days.push({ day, entries: [entry] });
  }
  return days;
}
