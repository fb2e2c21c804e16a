import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';
import { controls } from '../../styles/controls.js';
import { ticketBits } from '../../styles/tickets.js';

export const styles = [
  tokens,
  controls,
  ticketBits,
  css`
    /*
     * Narrower than the form can be (72rem): at 72rem, issue 13's benchmark (8 loads, CPU ×4) gave a
     * key press in the search 23 ms beyond the frame at p95, against 15–19 ms at 48rem and a 16 ms target.
     */
    :host {
      display: block;
      max-width: 48rem;
    }

    [hidden] {
      display: none !important;
    }

    .base,
    .opened {
      background: var(--_surface);
      color: var(--_text);
      padding: var(--_space);
      border-radius: var(--_radius);
    }

    header {
      display: flex;
      flex-wrap: wrap;
      gap: 0.6em 1em;
      align-items: center;
      margin-bottom: var(--_space);
    }

    header h2 {
      margin: 0;
      flex: 1 1 auto;
    }

    .toolbar {
      display: grid;
      gap: 0.6em;
      margin-bottom: 0.5em;
    }

    .search label,
    .segmented legend {
      font-weight: 600;
    }

    fieldset {
      border: none;
      margin: 0;
      padding: 0;
    }

    .segmented {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em;
    }

    .segmented legend {
      margin-bottom: 0.3em;
      padding: 0;
    }

    /* Radio buttons drawn as toggles; the input stays focusable for the arrow keys. */
    .segmented label {
      position: relative;
      display: inline-flex;
      cursor: pointer;
    }

    .segmented input {
      position: absolute;
      opacity: 0;
      inset: 0;
      width: 100%;
      height: 100%;
      margin: 0;
      cursor: pointer;
    }

    .segmented label > span {
      border: 2px solid var(--_border);
      border-radius: 999px;
      padding: 0.25em 0.8em;
    }

    .segmented input:checked + span {
      border-color: var(--_primary);
      background: var(--_primary);
      color: var(--_on-primary);
    }

    .segmented input:focus-visible + span {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }

    .n {
      font-size: 0.85em;
      opacity: 0.85;
    }

    .count {
      color: var(--_muted);
      margin: 0.4em 0;
      min-height: 1.4em;
    }

    .rows {
      max-height: var(--support-list-height, 32rem);
      overflow: auto;
      contain: strict;
      height: var(--support-list-height, 32rem);
    }

    .row-item {
      width: 100%;
      padding-bottom: 0.4em;
    }

    .row {
      display: grid;
      gap: 0.2em;
      width: 100%;
      text-align: start;
      color: var(--_text);
      background: var(--_surface-alt);
      border: 2px solid transparent;
      border-radius: var(--_radius);
      padding: 0.55em 0.8em;
    }

    .row {
      cursor: pointer;
    }

    .row:hover {
      border-color: var(--_border);
    }

    /* Focus stays on the list (aria-activedescendant): its ring is drawn on the row under the
       cursor, inside the row, so that the scrolling list does not cut it off. */
    .rows:focus-visible {
      outline: none;
    }

    .rows:focus-visible .row[aria-selected='true'] {
      outline: 3px solid var(--_focus);
      outline-offset: -3px;
      border-color: var(--_border);
    }

    .top {
      display: flex;
      justify-content: space-between;
      gap: 0.5em;
      align-items: center;
    }

    .num {
      color: var(--_muted);
      font-variant-numeric: tabular-nums;
    }

    .title {
      font-weight: 600;
      overflow-wrap: anywhere;
      unicode-bidi: plaintext;
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }

    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.2em 1em;
      color: var(--_muted);
      font-size: 0.88em;
    }

    .empty {
      margin: var(--_space) 0;
    }

    .back {
      margin-bottom: 0.5em;
    }

    ticket-detail {
      max-width: none;
    }
  `,
];
