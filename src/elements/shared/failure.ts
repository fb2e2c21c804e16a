import { html, nothing, type TemplateResult } from 'lit';
import type { HelpdeskError } from '../../core/errors.js';
import type { SupportErrorDetail } from '../../events/events.js';
import type { Messages } from '../../i18n/en.js';

/** The sentence for a failure: its precise cause's when the adapter recognised one, else its kind's. */
export function errorSentence(t: Messages, error: HelpdeskError): string {
  return (error.reason && t.errorReasons?.[error.reason]) || t.errors[error.kind];
}

/** The `support-error` detail for an error, with the sentence the person saw (for controllers; elements have `errorDetail`). */
export function errorDetail(t: Messages, error: HelpdeskError): SupportErrorDetail {
  return { kind: error.kind, message: t.errors[error.kind], code: error.code, detail: error.detail };
}

export interface FailureOptions {
  /** The block's id (focus goes there); its heading gets `-heading`. */
  id: string;
  heading: string;
  error: HelpdeskError;
  /** Shown after the sentence, e.g. "everything you typed is still here". */
  extra?: TemplateResult | string;
  retry?: () => void;
}

/**
 * What went wrong in a sentence the person can act on, the wait a rate limit asks for,
 * the backend's own code and message folded away for whoever helps them, and a retry.
 */
export function failurePanel(t: Messages, { id, heading, error, extra, retry }: FailureOptions) {
  return html`<section id=${id} part="failure" class="panel danger" tabindex="-1" aria-labelledby="${id}-heading">
    <h3 id="${id}-heading">${heading}</h3>
    <p>${errorSentence(t, error)} ${error.retryAfter ? t.retryIn(error.retryAfter) : nothing}</p>
    ${extra ? html`<p>${extra}</p>` : nothing}
    ${error.code || error.detail
      ? html`<details>
          <summary>${t.submit.technical}</summary>
          <p class="detail">${[error.code, error.detail].filter(Boolean).join(' — ')}</p>
        </details>`
      : nothing}
    ${retry ? html`<button type="button" class="secondary" @click=${retry}>${t.list.retry}</button>` : nothing}
  </section>`;
}
