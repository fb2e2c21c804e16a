/**
 * The one HTTP helper every adapter uses: a timeout on every call, the body
 * read as text and parsed as JSON defensively, and transport failures turned
 * into `HelpdeskError`s. Backend-specific error bodies are left to the adapter
 * (`toError`). Nothing is retried here: a POST sent twice could create two tickets.
 */
import { HelpdeskError, type HelpdeskErrorKind } from '../core/errors.js';

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  /** Sent as JSON, with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as multipart/form-data; the browser sets the boundary. */
  form?: FormData;
  /** Milliseconds before the call is given up ('timeout'). */
  timeout: number;
  /** The caller's own signal: aborting it rejects with its reason, not with a HelpdeskError. */
  signal?: AbortSignal;
  /** What the URL should reach, named when an HTML page comes back instead (e.g. "apirest.php"). */
  endpointName?: string;
  /** Reads the backend's own error body of a 4xx/5xx answer; `undefined` falls back to the HTTP status. */
  toError?: (response: HttpResponse) => HelpdeskError | undefined;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body; `undefined` when the body is empty. */
  body: unknown;
}

/** Sends one request and resolves with its parsed JSON answer when the status is 2xx. */
export async function requestJson(request: HttpRequest): Promise<HttpResponse> {
  const timeout = AbortSignal.timeout(request.timeout);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
  let body: BodyInit | undefined = request.form;
  if (request.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(request.json);
  }

  let response: Response;
  let text: string;
  try {
    // Auth is header-based: never send the helpdesk's cookies along.
    response = await fetch(request.url, { method: request.method ?? 'GET', headers, body, signal, credentials: 'omit' });
    text = await response.text();
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    if (timeout.aborted) {
      throw new HelpdeskError('timeout', { detail: `no answer from ${withoutQuery(request.url)} within ${request.timeout} ms`, cause: error });
    }
    throw new HelpdeskError('network', { detail: error instanceof Error ? error.message : String(error), cause: error });
  }

  const { status } = response;
  if (status === 429) {
    throw new HelpdeskError('rate-limited', { status, retryAfter: parseRetryAfter(response.headers.get('Retry-After')) });
  }
  const parsed = parseJsonBody(text);
  if (!parsed.ok) {
    if (status >= 500) throw new HelpdeskError('server', { status, detail: `HTTP ${status} with a body that is not JSON` });
    const detail = parsed.html
      ? `an HTML page came back instead of JSON: ${withoutQuery(request.url)} probably does not reach ${request.endpointName ?? 'the API'}`
      : `the answer of ${withoutQuery(request.url)} is not valid JSON (${text.length} characters, HTTP ${status})`;
    throw new HelpdeskError('bad-response', { status, detail });
  }
  const result: HttpResponse = { status, headers: response.headers, body: parsed.value };
  if (status >= 400) throw request.toError?.(result) ?? errorForStatus(result);
  return result;
}

/** The kind an HTTP status means when the body says nothing more precise. */
export function kindForStatus(status: number): HelpdeskErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  if (status >= 400) return 'validation';
  return 'bad-response';
}

function errorForStatus({ status, body }: HttpResponse): HelpdeskError {
  return new HelpdeskError(kindForStatus(status), { status, detail: typeof body === 'string' ? body : `HTTP ${status}` });
}

type ParsedBody = { ok: true; value: unknown } | { ok: false; html: boolean };

/**
 * JSON.parse that survives what PHP backends prepend to JSON: notices and
 * warnings printed before the body (GLPI issue #7823). An HTML page (a login
 * page, a proxy's error page) is reported as such.
 */
export function parseJsonBody(text: string): ParsedBody {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch {
    // fall through: maybe a PHP diagnostic came first
  }
  const recovered = jsonAfterPhpDiagnostic(trimmed);
  if (recovered.found) return { ok: true, value: recovered.value };
  return { ok: false, html: /^<!doctype html|<html[\s>]/i.test(trimmed) };
}

const PHP_DIAGNOSTIC = /\b(?:Notice|Warning|Deprecated|Strict Standards)\b/;
/** Every PHP diagnostic ends with "on line N", in plain text or with html_errors' markup. */
const DIAGNOSTIC_END = /\bon line (?:<b>)?\d+(?:<\/b>)?(?:<br\s*\/?>)?/g;

/** The JSON that follows the last PHP diagnostic, if it parses whole. */
function jsonAfterPhpDiagnostic(text: string): { found: true; value: unknown } | { found: false } {
  const ends = [...text.matchAll(DIAGNOSTIC_END)];
  const last = ends.at(-1);
  if (!last || !PHP_DIAGNOSTIC.test(text.slice(0, last.index))) return { found: false };
  try {
    return { found: true, value: JSON.parse(text.slice(last.index + last[0].length)) };
  } catch {
    return { found: false };
  }
}

/** `Retry-After` as seconds: either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** `Content-Range: 0-49/1200` → its numbers, or undefined when absent or malformed. */
export function parseContentRange(value: string | null): { start: number; end: number; total: number } | undefined {
  const match = /^\s*(?:\w+\s+)?(\d+)-(\d+)\/(\d+)\s*$/.exec(value ?? '');
  if (!match) return undefined;
  return { start: Number(match[1]), end: Number(match[2]), total: Number(match[3]) };
}

/** URLs in error details lose their query string: it may carry tokens on some setups. */
function withoutQuery(url: string): string {
  return url.split(/[?#]/)[0];
}
