import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';
import { controls } from '../../styles/controls.js';
import { ticketBits } from '../../styles/tickets.js';

export const styles = [
  tokens,
  controls,
  ticketBits,
  css`
    /* As wide as the form can be (72rem), so that a page with both lines them up. */
    :host {
      display: block;
      max-width: 72rem;
    }

    .base {
      background: var(--_surface);
      color: var(--_text);
      padding: var(--_space);
      border-radius: var(--_radius);
      display: grid;
      gap: var(--_space);
    }

    .base > * {
      margin-block: 0;
    }

    header .number {
      margin: 0;
      color: var(--_muted);
      font-size: 0.92em;
    }

    header h2 {
      overflow-wrap: anywhere;
    }

    .header-actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em 1.25em;
    }

    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 0.35em 1.25em;
      margin: 0 0 0.5em;
    }

    .facts div {
      display: flex;
      gap: 0.35em;
      align-items: baseline;
    }

    .facts dt {
      color: var(--_muted);
    }

    .facts dd {
      margin: 0;
    }

    .thread ol {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 0.75em;
    }

    /* A day between two runs of messages: a rule with the date in its middle. */
    .day {
      display: flex;
      align-items: center;
      gap: 0.75em;
      margin: 1em 0 0.6em;
      color: var(--_muted);
      font-size: 0.88em;
      font-weight: 600;
    }

    .day::before,
    .day::after {
      content: '';
      flex: 1;
      border-top: 1px solid var(--_border);
      opacity: 0.5;
    }

    /* A conversation: the helpdesk's messages from the start of the line, the requester's from its end. */
    .entry {
      display: flex;
      gap: 0.6em;
      align-items: flex-start;
      min-width: 0;
    }

    .entry.requester {
      flex-direction: row-reverse;
    }

    .avatar {
      flex: none;
      display: grid;
      place-items: center;
      width: 2.2em;
      height: 2.2em;
      border-radius: 50%;
      background: var(--_muted);
      color: var(--_surface);
      font-size: 0.85em;
      font-weight: 600;
    }

    .requester .avatar {
      background: var(--_primary);
      color: var(--_on-primary);
    }

    .bubble {
      min-width: 0;
      max-width: min(40rem, 85%);
      background: var(--_surface-alt);
      border: 1px solid transparent;
      border-radius: var(--_radius);
      padding: 0.55em 0.85em;
    }

    .requester .bubble {
      border-color: var(--_primary);
    }

    /* A proposed solution stands apart: its own colour, and its approval in words. */
    .entry.solution .bubble {
      max-width: 100%;
      flex: 1;
      border: 2px solid var(--_success);
    }

    .entry.solution.refused .bubble {
      border-color: var(--_danger);
    }

    .preview {
      display: block;
      max-width: min(100%, 16rem);
      max-height: 12rem;
      border-radius: calc(var(--_radius) * 0.5);
      margin-bottom: 0.25em;
    }

    .documents li:has(.preview) {
      flex-wrap: wrap;
    }

    .meta {
      margin: 0 0 0.35em;
      color: var(--_muted);
      font-size: 0.92em;
    }

    .meta strong {
      color: var(--_text);
    }

    .documents {
      list-style: none;
      padding: 0;
      margin: 0.4em 0 0;
    }

    .documents li {
      display: flex;
      gap: 0.5em;
      align-items: baseline;
      overflow-wrap: anywhere;
    }

    .reply form,
    .reason {
      display: grid;
      gap: 0.8em;
    }

    label {
      font-weight: 600;
    }
  `,
];
