/**
 * What `<ticket-list>` and `<ticket-detail>` show on a helpdesk that cannot list
 * tickets (email-only providers): where the person follows them instead, rather
 * than an empty list or a button that fails.
 */
import { html } from 'lit';
import type { HelpdeskBackend } from '../../backends/types.js';
import type { Messages } from '../../i18n/en.js';

export const noTicketsNote = (t: Messages, backend: HelpdeskBackend) =>
  html`<section part="base notice" class="base" aria-labelledby="list-heading">
    <h2 id="list-heading">${t.list.heading}</h2>
    <p class="hint">${backend.type === 'email' ? t.list.unavailable.email : t.list.unavailable.other}</p>
  </section>`;
