import { isAtLeast, type Urgency } from './urgency.js';
import type { LocalText } from './text.js';

export type ContactKind = 'email' | 'phone' | 'url';

/** A channel of the provider (email address, phone number, web page), offered from `from` up. */
export interface ContactChannel {
  kind: ContactKind;
  /** One text, or one per language ("Agence" / "Agency"). */
  label: LocalText;
  value: string;
  from: Urgency;
  /** Free text such as opening hours, shown next to the channel; one text or one per language. */
  note?: LocalText;
}

/**
 * The channels a person may use for a request of this urgency: each channel is
 * offered from its `from` level up (seed 000's table), in configuration order.
 */
export function contactChannelsFor(urgency: Urgency, channels: readonly ContactChannel[]): ContactChannel[] {
  return channels.filter((channel) => isAtLeast(urgency, channel.from));
}

/** The `href` that opens the channel: `mailto:`, `tel:` (digits and `+` only) or the URL itself. */
export function contactHref(channel: ContactChannel): string {
  switch (channel.kind) {
    case 'email':
      return `mailto:${channel.value}`;
    case 'phone':
      return `tel:${channel.value.replace(/[^\d+]/g, '')}`;
    case 'url':
      return channel.value;
  }
}
