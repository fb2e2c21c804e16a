import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';
import { controls } from '../../styles/controls.js';
import { ticketBits } from '../../styles/tickets.js';

export const styles = [
  tokens,
  controls,
  ticketBits,
  css`
    :host {
      display: block;
      max-width: 48rem;
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

    .entry {
      background: var(--_surface-alt);
      border-radius: var(--_radius);
      border-inline-start: 4px solid var(--_border);
      padding: 0.6em var(--_space);
      min-width: 0;
    }

    .entry.solution {
      border-inline-start-color: var(--_success);
    }

    .entry.solution.refused {
      border-inline-start-color: var(--_danger);
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
