/**
 * A provider reached by email only (seed 002) behind HelpdeskBackend: each ticket is one
 * message to the support address, the same form checked the same way.
 *
 * With a form-post `endpoint`, the message is POSTed there as multipart/form-data (the
 * fields in docs/email-endpoint.md) and a 2xx answer means it was sent. The submission
 * id goes as `Idempotency-Key` and as a field: the endpoint drops a message it already
 * sent, which is what makes sending again after a lost answer safe. Without an
 * endpoint, nothing is sent here: the ticket comes back with a `mailto:` link
 * (`CreatedTicket.mail`) that the form opens in the person's mail client.
 *
 * There is no ticket to follow afterwards: the helpdesk answers by email, and further
 * information goes as a reply to its acknowledgement, not as a new message.
 */
import type { EmailBackendConfig } from './config.js';
import type { ArticleSource } from '../../core/articles.js';
import { HelpdeskError } from '../../core/errors.js';
import type { CreatedTicket, NewTicket } from '../../core/ticket.js';
import { kindForStatus, requestJson, type HttpResponse } from '../http.js';
import type { BackendCapabilities, CreateTicketOptions, HelpdeskBackend } from '../types.js';
import { emailCapabilities } from './capabilities.js';
import { buildEmailMessage, mailtoUrl } from './message.js';

/** What a form-post service says in its error body, when it says anything. */
function endpointError({ status, body }: HttpResponse): HelpdeskError {
  const said = typeof body === 'string' ? body : body && typeof body === 'object' ? ((body as Record<string, unknown>).error ?? (body as Record<string, unknown>).message ?? (body as Record<string, unknown>).detail) : undefined;
  const fields = body && typeof body === 'object' && Array.isArray((body as { fields?: unknown }).fields) ? ((body as { fields: unknown[] }).fields.map(String)) : undefined;
  return new HelpdeskError(kindForStatus(status), { status, detail: typeof said === 'string' && said ? said.slice(0, 300) : `HTTP ${status}`, fields });
}

const nothingToFollow = () => new HelpdeskError('setup', { detail: 'an email helpdesk has no tickets to list or follow: it answers by email' });

export class EmailBackend implements HelpdeskBackend {
  readonly type = 'email';
  readonly capabilities: BackendCapabilities;
  #config: EmailBackendConfig;

  constructor(config: EmailBackendConfig) {
    this.#config = config;
    this.capabilities = emailCapabilities(config);
  }

  /** Nobody signs in: the endpoint is the host's, the mail client the person's. */
  hasCredentials(): boolean {
    return true;
  }

  setCredentials(): void {}

  async signIn(): Promise<void> {}

  async signOut(): Promise<void> {}

  async listCategories() {
    return [];
  }

  async listEquipment() {
    return [];
  }

  async createTicket(ticket: NewTicket, { signal, submissionId }: CreateTicketOptions = {}): Promise<CreatedTicket> {
    const { to, endpoint, timeout } = this.#config;
    const message = buildEmailMessage(ticket, to);
    const reference = submissionId ?? crypto.randomUUID();
    if (!endpoint) {
      const { url, shortened } = mailtoUrl(message);
      return {
        id: reference,
        // A mailto: link cannot carry files: the person attaches them in the mail client.
        failedAttachments: ticket.attachments.map((file) => ({ name: file.name, reason: 'attach it in your mail client' })),
        mail: { ...message, url, shortened },
      };
    }
    const form = new FormData();
    const fields: Record<string, string | undefined> = {
      to,
      subject: message.subject,
      body: message.body,
      replyTo: ticket.followUp?.byEmail ? ticket.followUp.email : undefined,
      submissionId,
      type: ticket.type,
      urgency: ticket.urgency,
      callbackPhone: ticket.callbackPhone,
    };
    for (const [name, value] of Object.entries(fields)) if (value) form.append(name, value);
    for (const file of ticket.attachments) form.append('attachments', file, file.name);
    const response = await requestJson({
      url: endpoint,
      method: 'POST',
      form,
      headers: submissionId ? { 'Idempotency-Key': submissionId } : {},
      timeout,
      signal,
      endpointName: 'the email endpoint',
      allowText: true,
      toError: endpointError,
    });
    // A reference the endpoint gave (its message or ticket id), else the submission id.
    const id = (response.body as { id?: unknown } | undefined)?.id;
    return { id: typeof id === 'string' || typeof id === 'number' ? String(id) : reference, failedAttachments: [] };
  }

  async listTickets(): Promise<never> {
    throw nothingToFollow();
  }

  async getTicket(): Promise<never> {
    throw nothingToFollow();
  }

  async downloadDocument(): Promise<never> {
    throw nothingToFollow();
  }

  async reply(): Promise<never> {
    throw nothingToFollow();
  }

  async approveSolution(): Promise<never> {
    throw nothingToFollow();
  }

  async refuseSolution(): Promise<never> {
    throw nothingToFollow();
  }

  async closeTicket(): Promise<never> {
    throw nothingToFollow();
  }

  async reopenTicket(): Promise<never> {
    throw nothingToFollow();
  }

  articles(): Promise<ArticleSource> {
    return import('./articles.js').then(({ emailArticles }) => emailArticles(this.#config));
  }
}
