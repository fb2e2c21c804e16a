import { html } from 'lit';
import type { ConfigProblem } from '../../config/index.js';
import type { Messages } from '../../i18n/en.js';

/**
 * What an element shows instead of itself when its configuration is invalid: a
 * sentence for the person, and each bad key for the site's administrator.
 */
export function configErrorPanel(t: Messages, problems: readonly ConfigProblem[]) {
  return html`
    <section part="config-error" class="panel danger" role="alert">
      <h2>${t.config.heading}</h2>
      <p>${t.config.forAdmin}</p>
      <ul>
        ${problems.map((p) => html`<li><code>${p.key}</code> ${p.problem}</li>`)}
      </ul>
    </section>
  `;
}
