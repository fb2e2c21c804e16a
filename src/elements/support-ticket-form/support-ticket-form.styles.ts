import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';
import { controls } from '../../styles/controls.js';

export const styles = [
  tokens,
  controls,
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
    }

    header {
      margin-bottom: var(--_space);
    }

    form {
      display: grid;
      gap: calc(var(--_space) * 1.1);
    }

    fieldset {
      border: none;
      margin: 0;
      padding: 0;
      min-width: 0;
    }

    legend,
    label[part~='label'] {
      font-weight: 600;
      padding: 0;
      display: block;
      margin-bottom: 0.15em;
    }

    .required {
      color: var(--_danger);
      margin-inline-start: 0.15em;
    }

    .optional {
      color: var(--_muted);
      font-weight: 400;
      font-size: 0.9em;
    }

    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
      gap: 0.6em;
      margin-top: 0.35em;
    }

    .card {
      display: flex;
      gap: 0.6em;
      align-items: flex-start;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.65em 0.8em;
      cursor: pointer;
    }

    .card:has(input:checked) {
      border: 2px solid var(--_primary);
      background: var(--_surface-alt);
    }

    .card-text {
      display: grid;
    }

    .card .hint {
      margin: 0;
    }

    .scale {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em;
      margin-top: 0.35em;
    }

    .level {
      display: flex;
      gap: 0.4em;
      align-items: center;
      border: 1px solid var(--_border);
      border-radius: 999px;
      padding: 0.35em 0.85em;
      cursor: pointer;
    }

    /* Chosen: a thicker border drawn inside and no bolder text, so the pill keeps its width and the row does not reflow. */
    .level:has(input:checked) {
      border-color: var(--_primary);
      box-shadow: inset 0 0 0 1px var(--_primary);
      background: var(--_surface-alt);
    }

    .explanation {
      margin-top: 0.5em;
    }

    .explanation p {
      margin: 0.2em 0;
    }

    .honest {
      color: var(--_warning);
      font-weight: 600;
    }

    contact-guidance {
      margin-top: calc(var(--_space) * -0.4);
    }

    .prompts {
      margin-top: 0.4em;
    }

    .prompts summary {
      cursor: pointer;
      color: var(--_primary);
    }

    .prompts ul {
      margin: 0.4em 0;
      padding-inline-start: 1.2em;
    }

    .prompts .answered {
      color: var(--_muted);
    }

    .tick {
      color: var(--_success);
      font-weight: 600;
    }

    .group {
      border-inline-start: 3px solid var(--_border);
      padding-inline-start: var(--_space);
      display: grid;
      gap: 0.8em;
    }

    .check {
      display: flex;
      gap: 0.5em;
      align-items: flex-start;
      margin-bottom: 0.5em;
    }

    .outbox ul {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 0.5em;
    }

    .outbox li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 0.75em;
      align-items: baseline;
      overflow-wrap: anywhere;
    }

    .draft {
      margin: 0.5em 0 0;
    }
  `,
];
