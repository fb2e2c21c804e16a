import { css } from 'lit';

/** What the list and the thread show alike: status badges and backend text. */
export const ticketBits = css`
  .status {
    display: inline-block;
    border-radius: 999px;
    padding: 0.05em 0.6em;
    font-size: 0.88em;
    font-weight: 600;
    border: 1px solid currentColor;
    white-space: nowrap;
  }

  .status.open {
    color: var(--_primary);
  }

  .status.waiting {
    color: var(--_warning);
  }

  .status.solved {
    color: var(--_success);
  }

  .status.closed {
    color: var(--_muted);
  }

  /* Backend text: long words, 1 MB strings and right-to-left runs stay inside their block. */
  .rich {
    overflow-wrap: anywhere;
    unicode-bidi: plaintext;
    max-height: 40em;
    overflow: auto;
  }

  .rich.text {
    white-space: pre-wrap;
  }

  .rich > :first-child {
    margin-top: 0;
  }

  .rich > :last-child {
    margin-bottom: 0;
  }

  .rich pre {
    white-space: pre-wrap;
  }

  .rich table {
    border-collapse: collapse;
    display: block;
    overflow-x: auto;
  }

  .rich td,
  .rich th {
    border: 1px solid var(--_border);
    padding: 0.2em 0.4em;
  }
`;
