import { css } from 'lit';

/** Inputs, buttons and message blocks, shared by every element. */
export const controls = css`
  h2,
  h3 {
    margin: 0 0 0.5em;
    line-height: 1.25;
  }

  h2 {
    font-size: 1.35em;
  }

  h3 {
    font-size: 1.05em;
  }

  input:not([type='radio'], [type='checkbox'], [type='file']),
  textarea,
  select {
    display: block;
    width: 100%;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    padding: 0.5em 0.65em;
  }

  textarea {
    resize: vertical;
    min-height: 6em;
  }

  [aria-invalid='true'] {
    border-color: var(--_danger);
    box-shadow: inset 4px 0 0 var(--_danger);
  }

  input[type='radio'],
  input[type='checkbox'] {
    accent-color: var(--_primary);
    width: 1.1em;
    height: 1.1em;
    margin: 0.15em 0 0;
    flex: none;
  }

  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    padding: 0.55em 1.1em;
    border: 2px solid var(--_primary);
  }

  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }

  button.secondary {
    background: transparent;
    color: var(--_primary);
  }

  button.link {
    background: none;
    border: none;
    /* Vertical padding only: its text lines up with the column, like the text around it. */
    padding: 0.2em 0;
    color: var(--_primary);
    text-decoration: underline;
  }

  button[aria-disabled='true'] {
    opacity: 0.65;
    cursor: progress;
  }

  a {
    color: var(--_primary);
  }

  .hint {
    color: var(--_muted);
    margin: 0.15em 0 0.35em;
    font-size: 0.92em;
  }

  .error {
    color: var(--_danger);
    font-weight: 600;
    margin: 0.25em 0;
  }

  .warning {
    color: var(--_warning);
  }

  ul.error,
  ul.advice {
    margin: 0.25em 0;
    padding-inline-start: 1.2em;
  }

  ul.error:empty,
  ul.advice:empty,
  p.warning:empty {
    display: none;
  }

  .panel {
    border-radius: var(--_radius);
    padding: var(--_space);
    margin-block: 0 var(--_space);
    background: var(--_surface-alt);
    border: 2px solid var(--_border);
  }

  /* A block's text starts at its padding: no paragraph margin above the first line, none below the last. */
  .panel > :first-child {
    margin-top: 0;
  }

  .panel > :last-child {
    margin-bottom: 0;
  }

  .panel:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  .panel.danger {
    border-color: var(--_danger);
  }

  .panel.warning {
    border-color: var(--_warning);
    color: inherit;
  }

  .panel.success {
    border-color: var(--_success);
  }

  .panel ul {
    margin: 0.25em 0;
    padding-inline-start: 1.2em;
  }

  .panel .error a,
  .panel.danger a {
    color: var(--_danger);
    font-weight: 600;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
    align-items: center;
    margin-top: var(--_space);
  }

  /* Chosen files, the sign-in step and technical detail: shared by the form and the thread. */
  .files {
    list-style: none;
    padding: 0;
    margin: 0.4em 0 0;
    display: grid;
    gap: 0.25em;
  }

  .files li {
    display: flex;
    justify-content: space-between;
    gap: 0.5em;
    align-items: center;
  }

  .files .name {
    flex: 1;
    overflow-wrap: anywhere;
  }

  .files button {
    flex: none;
  }

  .files .thumbnail {
    width: 3em;
    height: 3em;
    object-fit: cover;
    border-radius: calc(var(--_radius) * 0.5);
    border: 1px solid var(--_border);
  }

  /* The files zone: a button that also takes files dropped on it. */
  .drop-zone {
    display: block;
    width: 100%;
    min-height: 2.75em;
    color: var(--_primary);
    background: var(--_surface);
    border: 2px dashed var(--_border);
    text-align: center;
  }

  .drop-zone:hover,
  .drop-zone.over {
    border-color: var(--_primary);
    background: var(--_surface-alt);
  }

  .sign-in-fields {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6em;
    align-items: flex-end;
  }

  .sign-in .field {
    flex: 1 1 12rem;
  }

  .sign-in label {
    font-weight: 600;
  }

  .detail {
    font-family: ui-monospace, monospace;
    font-size: 0.88em;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
`;
