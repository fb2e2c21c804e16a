import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';
import { controls } from '../../styles/controls.js';

export const styles = [
  tokens,
  controls,
  css`
    /* Wide enough (a page's column, not a panel), the form takes two columns: see .columns. */
    :host {
      display: block;
      max-width: 72rem;
    }

    .base {
      background: var(--_surface);
      color: var(--_text);
      padding: var(--_space);
      border-radius: var(--_radius);
      container-type: inline-size;
    }

    header {
      margin-bottom: calc(var(--_space) * 0.75);
    }

    /* The form's own gap stands before its send button. */
    form > .actions {
      margin-top: 0;
    }

    .heading-row {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: baseline;
      gap: 0.25em 1em;
    }

    .heading-row h2 {
      margin: 0;
    }

    header > .hint {
      margin: 0.3em 0 0;
    }

    form,
    .columns,
    .column {
      display: grid;
      gap: var(--_space);
      align-content: start;
    }

    /*
     * The required path in two columns once there is room: what kind and how urgent (with
     * whom to call) beside what happened (title, description, files). The order in the
     * markup, which is the reading and Tab order, stays one column's.
     */
    @container (min-width: 50rem) {
      .columns {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1.1fr);
        column-gap: calc(var(--_space) * 1.75);
      }
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
      padding: 0.5em 0.7em;
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
      line-height: 1.35;
    }

    .scale {
      display: flex;
      flex-wrap: wrap;
      gap: 0.35em;
      margin-top: 0.35em;
    }

    .level {
      display: flex;
      gap: 0.3em;
      align-items: center;
      border: 1px solid var(--_border);
      border-radius: 999px;
      padding: 0.3em 0.6em;
      cursor: pointer;
    }

    /* Chosen: a thicker border drawn inside and no bolder text, so the pill keeps its width and the row does not reflow. */
    .level:has(input:checked) {
      border-color: var(--_primary);
      box-shadow: inset 0 0 0 1px var(--_primary);
      background: var(--_surface-alt);
    }

    .explanation {
      margin-top: 0.4em;
    }

    .examples summary,
    .more summary {
      cursor: pointer;
      color: var(--_primary);
      width: fit-content;
    }

    .more summary {
      font-weight: 600;
    }

    .more-fields {
      display: grid;
      gap: var(--_space);
      margin-top: calc(var(--_space) * 0.75);
    }

    .explanation p {
      margin: 0.15em 0;
      line-height: 1.4;
    }

    .honest {
      color: var(--_warning);
      font-weight: 600;
    }

    contact-guidance {
      margin-top: calc(var(--_space) * -0.5);
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
