import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';
import { controls } from '../../styles/controls.js';

export const styles = [
  tokens,
  controls,
  css`
    :host {
      display: block;
    }

    [part='base'] {
      border-inline-start: 4px solid var(--_primary);
      background: var(--_surface-alt);
      border-radius: var(--_radius);
      padding: calc(var(--_space) * 0.5) calc(var(--_space) * 0.75);
    }

    h3 {
      font-size: 1em;
      margin: 0 0 0.25em;
    }

    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.1em;
    }

    /* A phone number and opening hours read as one piece: "+33 6 00 00 00 00", "(9h–18h)". */
    a[href^='tel:'],
    .note {
      white-space: nowrap;
    }

    a {
      color: var(--_primary);
      font-weight: 600;
      text-underline-offset: 0.15em;
    }

    .kind,
    .note {
      color: var(--_muted);
    }

    p {
      margin: 0.25em 0 0;
    }
  `,
];
