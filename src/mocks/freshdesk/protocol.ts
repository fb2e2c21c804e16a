/**
 * How the fake Freshdesk talks (BACKENDS.md §2): JSON answers with the rate-limit headers,
 * Freshdesk's two error bodies (`{description, errors:[{field, message, code}]}` for a 400,
 * `{code, message}` otherwise), UTC dates to the second, HTML bodies with plain twins, and
 * request bodies read as JSON or as multipart the way Freshdesk reads them.
 */
import { HttpResponse } from 'msw';
import type { FreshdeskFakeAttachment, FreshdeskFakeConversation, FreshdeskFakeState, FreshdeskFakeTicket } from './state.js';

export interface FieldError {
  field: string;
  message: string;
  code: string;
}

/** `YYYY-MM-DDTHH:MM:SSZ`, as Freshdesk writes every timestamp. */
export const freshdeskDate = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Freshdesk keeps HTML bodies inside a `<div>`. */
export const wrapHtml = (html: string): string => (/^\s*<div[\s>]/i.test(html) ? html : `<div>${html}</div>`);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The `*_text` twin of an HTML body: blocks and breaks as new lines, tags dropped, entities decoded. No DOM: it runs in Node too. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, (whole, name: string) =>
      name[0] === '#' ? String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))) : (Object.hasOwn(ENTITIES, name) ? ENTITIES[name] : whole),
    )
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new HttpResponse(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers } });
}

/** A 400 with Freshdesk's validation body. */
export const invalid = (...errors: FieldError[]): Response => json({ description: 'Validation failed', errors }, 400);

/** Any other refusal, `{code, message}`. */
export const refused = (status: number, code: string, message: string): Response => json({ code, message }, status);

/** Freshdesk answers an unknown ticket or URL with a bare 404. */
export const notFound = (): Response => new HttpResponse(null, { status: 404 });

export const unexpectedField = (field: string): FieldError => ({ field, message: 'Unexpected/invalid field in request', code: 'invalid_field' });
export const missingField = (field: string): FieldError => ({ field, message: 'Mandatory attribute missing', code: 'missing_field' });

/** `<url?…&page=n+1>; rel="next"` while rows remain, as Freshdesk's `link` header says it. */
export function page<T>(request: Request, rows: readonly T[], pageNumber: number, perPage: number): { rows: T[]; headers: Record<string, string> } {
  const from = (pageNumber - 1) * perPage;
  const shown = rows.slice(from, from + perPage);
  if (from + perPage >= rows.length) return { rows: shown, headers: {} };
  const next = new URL(request.url);
  next.searchParams.set('page', String(pageNumber + 1));
  return { rows: shown, headers: { link: `<${next.href}>; rel="next"` } };
}

/** `page` and `per_page` checked as Freshdesk checks them (per_page 1–100, default 30). */
export function paging(query: URLSearchParams): { page: number; perPage: number } | FieldError {
  const page = query.get('page') ?? '1';
  const perPage = query.get('per_page') ?? '30';
  if (!/^\d+$/.test(page) || Number(page) < 1) return { field: 'page', message: 'It should be a Positive Integer', code: 'invalid_value' };
  if (!/^\d+$/.test(perPage) || Number(perPage) < 1 || Number(perPage) > 100) {
    return { field: 'per_page', message: 'It should be a Positive Integer less than or equal to 100', code: 'invalid_value' };
  }
  return { page: Number(page), perPage: Number(perPage) };
}

/** A request body as Freshdesk reads it: fields, and the files of `attachments[]`; `multipart` says values came as text. */
export type Body = { fields: Record<string, unknown>; files: File[]; multipart: boolean };

/**
 * JSON, or multipart where `name[]` repeats into an array and `name[key]` builds an object
 * (`tags[]`, `custom_fields[cf_site]`); any other Content-Type is refused with 415.
 */
export async function readBody(request: Request): Promise<Body | Response> {
  const type = request.headers.get('Content-Type') ?? '';
  if (/^application\/json/i.test(type)) {
    try {
      const fields: unknown = JSON.parse(await request.text());
      if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return refused(400, 'invalid_json', 'Request body has invalid json format');
      return { fields: fields as Record<string, unknown>, files: [], multipart: false };
    } catch {
      return refused(400, 'invalid_json', 'Request body has invalid json format');
    }
  }
  if (/^multipart\/form-data/i.test(type)) {
    const form = await request.formData();
    const fields: Record<string, unknown> = {};
    const files: File[] = [];
    for (const [name, value] of form) {
      if (name === 'attachments[]') {
        if (typeof value !== 'string') files.push(value);
        continue;
      }
      const array = /^(\w+)\[\]$/.exec(name);
      const keyed = /^(\w+)\[(\w+)\]$/.exec(name);
      if (array) ((fields[array[1]] ??= []) as unknown[]).push(value);
      else if (keyed) ((fields[keyed[1]] ??= {}) as Record<string, unknown>)[keyed[2]] = value;
      else fields[name] = value;
    }
    return { fields, files, multipart: true };
  }
  return refused(415, 'invalid_content_type', `Content-Type header is set to ${type || 'nothing'}. It should be set to application/json or multipart/form-data`);
}

/** A whole number as Freshdesk takes it: a JSON integer, or digits in a multipart field. */
export function integerOf(value: unknown, multipart: boolean): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (multipart && typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** A boolean as Freshdesk takes it: JSON true/false, or "true"/"false" in a multipart field. */
export function booleanOf(value: unknown, multipart: boolean): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (multipart && (value === 'true' || value === 'false')) return value === 'true';
  return undefined;
}

// ---- answers ----

const CDN = 'https://s3.amazonaws.com/cdn.freshdesk.example/data/helpdesk/attachments/production';

/** A file as Freshdesk lists it; `attachment_url` is a short-lived CDN link the browser is never given to fetch. */
export const attachmentJson = (file: FreshdeskFakeAttachment, sizeKey: 'size' | 'file_size' = 'size') => ({
  id: file.id,
  name: file.name,
  content_type: file.content_type,
  [sizeKey]: file.size,
  created_at: freshdeskDate(file.created_at),
  updated_at: freshdeskDate(file.created_at),
  attachment_url: `${CDN}/${file.id}/original/${encodeURIComponent(file.name)}?X-Amz-Expires=300`,
});

/** A ticket as `GET /tickets` lists it (no description, as for accounts made after 2018-11-30), or in full. */
export function ticketJson(state: FreshdeskFakeState, ticket: FreshdeskFakeTicket, options: { full?: boolean; include?: readonly string[] } = {}) {
  const include = options.include ?? [];
  const requester = state.contact(ticket.requester_id);
  return {
    cc_emails: ticket.cc_emails,
    fwd_emails: [],
    reply_cc_emails: [],
    fr_escalated: false,
    spam: ticket.spam,
    email_config_id: null,
    group_id: null,
    priority: ticket.priority,
    requester_id: ticket.requester_id,
    responder_id: ticket.responder_id,
    source: ticket.source,
    company_id: ticket.company_id,
    status: ticket.status,
    subject: ticket.subject,
    to_emails: null,
    product_id: null,
    id: ticket.id,
    type: ticket.type,
    due_by: freshdeskDate(new Date(ticket.created_at.getTime() + 3 * 86_400_000)),
    fr_due_by: freshdeskDate(new Date(ticket.created_at.getTime() + 86_400_000)),
    is_escalated: false,
    custom_fields: ticket.custom_fields,
    created_at: freshdeskDate(ticket.created_at),
    updated_at: freshdeskDate(ticket.updated_at),
    tags: ticket.tags,
    ...(options.full || include.includes('description') ? { description: ticket.description, description_text: htmlToText(ticket.description) } : {}),
    ...(options.full ? { attachments: ticket.attachments.map((file) => attachmentJson(file)) } : {}),
    ...(include.includes('requester') && requester
      ? { requester: { email: requester.email, id: requester.id, mobile: null, name: requester.name, phone: null } }
      : {}),
    ...(include.includes('stats')
      ? {
          stats: {
            agent_responded_at: null,
            requester_responded_at: null,
            first_responded_at: null,
            status_updated_at: freshdeskDate(ticket.updated_at),
            reopened_at: null,
            resolved_at: ticket.resolved_at && freshdeskDate(ticket.resolved_at),
            closed_at: ticket.closed_at && freshdeskDate(ticket.closed_at),
            pending_since: null,
          },
        }
      : {}),
  };
}

export const conversationJson = (conversation: FreshdeskFakeConversation) => ({
  body: conversation.body,
  body_text: htmlToText(conversation.body),
  id: conversation.id,
  incoming: conversation.incoming,
  private: conversation.private,
  user_id: conversation.user_id,
  support_email: null,
  source: conversation.source,
  ticket_id: conversation.ticket_id,
  to_emails: [],
  from_email: null,
  cc_emails: [],
  bcc_emails: null,
  created_at: freshdeskDate(conversation.created_at),
  updated_at: freshdeskDate(conversation.updated_at),
  // Notes' answers name the size `file_size`, other answers `size` (BACKENDS.md §2.5, Freshdesk's samples).
  attachments: conversation.attachments.map((file) => attachmentJson(file, conversation.source === 2 ? 'file_size' : 'size')),
});
