/**
 * A fake form-post endpoint that sends the widget's messages by email (docs/email-endpoint.md),
 * as msw handlers: it checks what a careful endpoint checks, keeps every message it
 * "sent", drops one it already sent for the same submission id, and fails on demand.
 * The tests and the demo read what it sent as the provider's support mailbox would.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { delivered, failedAnswer, FaultSwitch, type CommonFailureKind, type CommonFailureOptions, type FailureAnswers } from '../faults.js';

export interface SentEmail {
  id: string;
  to: string;
  subject: string;
  body: string;
  replyTo?: string;
  submissionId?: string;
  type?: string;
  urgency?: string;
  callbackPhone?: string;
  attachments: File[];
  sentAt: Date;
}

/**
 * What `failNext` can make go wrong: the failures every fake makes (`CommonFailureKind`), to
 * the next request whatever it is. The endpoint's 500 is a plain-text "Mail server
 * unreachable"; its 429 waits 60 s by default; `html` is a sign-in page.
 */
export type EmailFailureKind = CommonFailureKind;

export type EmailFailureOptions = CommonFailureOptions;

export class EmailFakeState {
  /** What the endpoint sent, oldest first: the support mailbox. */
  readonly sent: SentEmail[] = [];
  /** Every request, with its status (0 when the answer was lost). */
  readonly requests: { headers: Record<string, string>; status: number; failure?: EmailFailureKind }[] = [];
  readonly #faults = new FaultSwitch<EmailFailureKind, EmailFailureOptions>();
  #next = 1;

  /** Makes the next request(s) fail; see EmailFailureKind. */
  failNext(kind: EmailFailureKind, options: EmailFailureOptions = {}): void {
    this.#faults.failNext(kind, options);
  }

  /** The failure the next request must suffer, if a test asked for one. */
  takeFailure() {
    return this.#faults.take();
  }

  /** The help pages the provider publishes as a JSON file (`articlesUrl`), as the configuration's `articles` takes them. */
  readonly articles: { title: string; body: string; url?: string }[] = [];

  publishArticle(title: string, html: string, url?: string): void {
    this.articles.push({ title, body: html, ...(url ? { url } : {}) });
  }

  /** How many messages went out with exactly this subject (to count duplicates). */
  countSubject(subject: string): number {
    return this.sent.filter((message) => message.subject === subject).length;
  }

  message(id: string): SentEmail | undefined {
    return this.sent.find((message) => message.id === id);
  }

  nextId(): string {
    return `msg-${this.#next++}`;
  }
}

export interface EmailFakeOptions {
  /** Where the endpoint answers. Default `/api/support-mail`. */
  endpoint?: string;
  /** The only address it sends to (an endpoint that sent anywhere would be an open relay). Default support@example.fr. */
  to?: string;
  /** How it says "sent": `{ "id": … }` (default), a plain "OK", or 204 No Content. */
  answer?: 'json' | 'text' | 'empty';
  /** All files of one message together, in bytes. Default 10 MB. */
  maxSize?: number;
  /** How long a `timeout` failure keeps the caller waiting, in ms (default 30 000). */
  hangMs?: number;
  /** Where the provider's help pages are served as JSON (the configuration's `articles` URL); none by default. */
  articlesUrl?: string;
}

export interface EmailFake {
  handlers: HttpHandler[];
  state: EmailFakeState;
  endpoint: string;
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function createEmailFake(options: EmailFakeOptions = {}): EmailFake {
  const endpoint = options.endpoint ?? '/api/support-mail';
  const to = options.to ?? 'support@example.fr';
  const maxSize = options.maxSize ?? 10 * 1024 * 1024;
  const state = new EmailFakeState();

  const refuse = (status: number, error: string, fields?: string[]) => HttpResponse.json({ error, ...(fields ? { fields } : {}) }, { status });

  async function send(request: Request): Promise<Response> {
    if (!/^multipart\/form-data/i.test(request.headers.get('Content-Type') ?? '')) return refuse(415, 'send multipart/form-data');
    const form = await request.formData();
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' && value.trim() ? value : undefined;
    };
    const missing = ['to', 'subject', 'body'].filter((name) => !text(name));
    if (missing.length) return refuse(400, `missing: ${missing.join(', ')}`, missing);
    if (text('to') !== to) return refuse(400, 'this endpoint only writes to its own support address', ['to']);
    const replyTo = text('replyTo');
    if (replyTo && !EMAIL.test(replyTo)) return refuse(400, 'replyTo is not an email address', ['replyTo']);
    // A line break in the subject would let the sender add mail headers.
    if (/[\r\n]/.test(text('subject')!)) return refuse(400, 'the subject must be one line', ['subject']);
    const attachments = form.getAll('attachments').filter((part): part is File => typeof part !== 'string');
    if (attachments.reduce((total, file) => total + file.size, 0) > maxSize) return refuse(413, `attachments over ${maxSize} bytes`, ['attachments']);

    const submissionId = request.headers.get('Idempotency-Key') ?? text('submissionId');
    const earlier = submissionId && state.sent.find((message) => message.submissionId === submissionId);
    // Already sent for this submission: not again, and the same answer.
    const message = earlier || {
      id: state.nextId(),
      to,
      subject: text('subject')!,
      body: text('body')!,
      replyTo,
      submissionId: submissionId || undefined,
      type: text('type'),
      urgency: text('urgency'),
      callbackPhone: text('callbackPhone'),
      attachments,
      sentAt: new Date(),
    };
    if (!earlier) state.sent.push(message);
    if (options.answer === 'text') return new HttpResponse('OK', { headers: { 'Content-Type': 'text/plain' } });
    if (options.answer === 'empty') return new HttpResponse(null, { status: 204 });
    return HttpResponse.json({ id: message.id }, { status: earlier ? 200 : 201 });
  }

  const failureAnswers: FailureAnswers = {
    serverError: () => new HttpResponse('Mail server unreachable', { status: 500, headers: { 'Content-Type': 'text/plain' } }),
    rateLimited: (retryAfter) => new HttpResponse('Too many messages', { status: 429, headers: retryAfter === null ? {} : { 'Retry-After': retryAfter } }),
    retryAfter: '60',
    htmlPage: () => new HttpResponse('<!DOCTYPE html><html><body><form action="/login">Sign in</form></body></html>', { headers: { 'Content-Type': 'text/html' } }),
    hangMs: options.hangMs ?? 30_000,
  };

  async function answer(request: Request): Promise<Response> {
    const failure = state.takeFailure();
    const response =
      (await failedAnswer(failure, failureAnswers)) ??
      (request.method === 'POST' ? await send(request) : new HttpResponse(null, { status: 405, headers: { Allow: 'POST' } }));
    state.requests.push({ headers: Object.fromEntries(request.headers), status: response.type === 'error' || failure?.kind === 'lost-answer' ? 0 : response.status, failure: failure?.kind });
    return delivered(failure, response);
  }

  // A static file: no session, no failure of its own; CORS as a file server answers it.
  const articles = options.articlesUrl ? [http.get(options.articlesUrl, () => HttpResponse.json(state.articles, { headers: { 'Cache-Control': 'max-age=300' } }))] : [];
  return { handlers: [http.all(endpoint, ({ request }) => answer(request)), ...articles], state, endpoint };
}
