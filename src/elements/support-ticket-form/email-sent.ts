/**
 * What `<support-ticket-form>` says once an email-only provider's message is written
 * (seed 002): "sent to …" when an endpoint sent it; otherwise that the person's mail
 * client opened with it and must send it, a link to open it again, and the subject
 * and text to copy for someone whose mail client did not open (webmail) or whose
 * message was too long for a mail link. Either way: further information goes as a
 * reply to the acknowledgement, not as a new message.
 */
import { html, nothing } from 'lit';
import type { CreatedTicket } from '../../core/ticket.js';
import type { FieldContext } from './fields.js';

export interface EmailSentOptions {
  to: string;
  /** The text was copied to the clipboard (said once, politely). */
  copied: boolean;
  copy: (text: string) => void;
}

export function emailSentPanel({ model, t }: FieldContext, { to, copied, copy }: EmailSentOptions) {
  const created = model.created as CreatedTicket;
  const mail = created.mail;
  return html`
    <section id="success" part="base success" class="panel success" tabindex="-1" aria-labelledby="success-heading">
      <h2 id="success-heading">${mail ? t.email.openedHeading : t.email.sentHeading(to)}</h2>
      ${mail
        ? html`<p>${t.email.openedBody(to)}</p>
            ${mail.shortened ? html`<p class="warning" id="mail-shortened">${t.email.shortened}</p>` : nothing}
            <!-- No target: a mailto: link opens the mail client, not a tab. -->
            <p><a id="mailto" href=${mail.url}>${t.email.openAgain}</a></p>
            <details class="mail-copy" ?open=${mail.shortened}>
              <summary>${t.email.nothingOpened}</summary>
              <p>${t.email.copyInstead(to)}</p>
              <label part="label" for="mail-subject">${t.email.subject}</label>
              <input part="input" id="mail-subject" readonly .value=${mail.subject} />
              <label part="label" for="mail-text">${t.email.text}</label>
              <textarea part="input" id="mail-text" readonly rows="8" .value=${mail.body}></textarea>
              <div class="actions">
                <button type="button" class="secondary" @click=${() => copy(mail.body)}>${t.email.copy}</button>
                <span role="status">${copied ? t.email.copied : ''}</span>
              </div>
            </details>`
        : html`<p>${t.email.sentBody}</p>`}
      <p><strong>${t.email.replyNote}</strong></p>
      ${created.failedAttachments.length
        ? html`<div class="warning">
            <p>${t.success.failedFiles}</p>
            <ul>
              ${created.failedAttachments.map((file) => html`<li>${file.name}</li>`)}
            </ul>
          </div>`
        : nothing}
      <button type="button" class="secondary" @click=${() => model.startAgain()}>${t.success.another}</button>
    </section>
  `;
}
