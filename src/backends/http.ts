/**
 * The one HTTP helper every adapter uses: a timeout on every call, the body
 * read as text and parsed as JSON defensively (or, for a file, read as bytes),
 * and transport failures turned into `HelpdeskError`s. Backend-specific error
 * bodies are left to the adapter (`toError`). Nothing is retried here: a POST
 * sent twice could create two tickets.
 */
import { HelpdeskError, toHelpdeskError, type HelpdeskErrorKind } from '../core/errors.js';

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT';
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
  /**
   * Cookies sent along: none by default (auth is header-based); `same-origin` or `include`
   * for an API authenticated by the host's own session cookie (REST protocol).
   */
  credentials?: RequestCredentials;
  /** A body that is neither JSON nor an HTML page is read as its text, not refused (email endpoints answer "OK" or "Missing field"). */
  allowText?: boolean;
  /**
   * `manual` for a server that answers a refused browser with a redirect to its login page
   * (Request Tracker): the redirect is not followed, and is an 'auth' failure.
   */
  redirect?: RequestRedirect;
  /** The browser's HTTP cache mode; `no-store` keeps it from revalidating (Request Tracker 5.0 fails on If-Modified-Since). */
  cache?: RequestCache;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body; `undefined` when the body is empty. */
  body: unknown;
}

/** Sends one request and resolves with its parsed JSON answer when the status is 2xx. */
export async function requestJson(request: HttpRequest): Promise<HttpResponse> {
  return answer(request, ...(await exchange(request, 'application/json', (response) => response.text())));
}

/**
 * Sends one request for a file and resolves with its bytes when the status is 2xx
 * (typed by the answer's Content-Type); a failed answer is read as `requestJson` reads it,
 * so the backend's JSON error body still becomes the right error.
 */
export async function requestBlob(request: HttpRequest): Promise<Blob> {
  const [response, body] = await exchange<Blob | string>(request, 'application/octet-stream', (response) =>
    response.ok ? response.blob() : response.text(),
  );
  if (typeof body !== 'string') return body;
  answer(request, response, body);
  // A 1xx/3xx that fetch did not resolve by itself.
  throw new HelpdeskError('bad-response', { status: response.status, detail: `HTTP ${response.status}` });
}

/** Sends the request and reads its answer with `read`, both within the timeout. */
async function exchange<T>(request: HttpRequest, accept: string, read: (response: Response) => Promise<T>): Promise<[Response, T]> {
  const { url, json, signal: own } = request;
  const timeout = AbortSignal.timeout(request.timeout);
  const headers: Record<string, string> = { Accept: accept, ...request.headers };
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const response = await fetch(url, {
      method: request.method,
      headers,
      body: json === undefined ? request.form : JSON.stringify(json),
      signal: own ? AbortSignal.any([timeout, own]) : timeout,
      // Auth is header-based unless the caller says otherwise: never send the helpdesk's cookies along.
      credentials: request.credentials ?? 'omit',
      redirect: request.redirect,
      cache: request.cache,
    });
    return [response, await read(response)];
  } catch (error) {
    if (own?.aborted) throw own.reason;
    if (timeout.aborted) throw new HelpdeskError('timeout', { detail: `no answer within ${request.timeout} ms`, cause: error });
    // The browser knows it is offline: the request never left it.
    if (globalThis.navigator?.onLine === false) throw new HelpdeskError('network', { detail: 'offline', unsent: true, cause: error });
    throw toHelpdeskError(error);
  }
}

/** The parsed 2xx answer, or the error a 4xx/5xx answer, a 429 or a body that is not JSON means. */
function answer(request: HttpRequest, response: Response, text: string): HttpResponse {
  const { status } = response;
  // Only with `redirect: 'manual'`: the browser hides where it went (status 0), and it is always a login page.
  if (response.type === 'opaqueredirect') throw new HelpdeskError('auth', { detail: 'redirected to a login page' });
  const fail = (kind: HelpdeskErrorKind, detail?: string, retryAfter?: number) => new HelpdeskError(kind, { status, detail, retryAfter });
  if (status === 429) throw fail('rate-limited', undefined, parseRetryAfter(response.headers.get('Retry-After')));
  let parsed = parseJsonBody(text);
  if (!parsed.ok && request.allowText && !parsed.html) parsed = { ok: true, value: text.trim() };
  if (!parsed.ok) {
    throw fail(
      status > 499 ? 'server' : 'bad-response',
      parsed.html
        ? status > 499
          ? // A proxy's or the server's own error page: the helpdesk is down behind it, the address is right.
            `HTTP ${status}: an error page (HTML) came back instead of the helpdesk's answer`
          : // The query string is left out: it may carry tokens on some setups.
            `HTML page: ${request.url.split(/[?#]/)[0]} probably does not reach ${request.endpointName ?? 'the API'}`
        : `not valid JSON (HTTP ${status})`,
    );
  }
  const body = parsed.value;
  const result = { status, headers: response.headers, body };
  if (status > 399) throw request.toError?.(result) ?? fail(kindForStatus(status), typeof body === 'string' ? body : `HTTP ${status}`);
  return result;
}

const KIND_BY_STATUS: Record<number, HelpdeskErrorKind> = { 401: 'auth', 403: 'forbidden', 404: 'not-found', 408: 'timeout' };

/** The kind a 4xx/5xx status means when the body says nothing more precise (429 is handled before). */
export const kindForStatus = (status: number): HelpdeskErrorKind =>
  KIND_BY_STATUS[status] ?? (status > 499 ? 'server' : 'validation');

type ParsedBody = { ok: true; value: unknown } | { ok: false; html: boolean };

const parse = (text: string): ParsedBody | undefined => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return undefined;
  }
};

/**
 * JSON.parse that survives what PHP backends print before the JSON: notices
 * and warnings (GLPI issue #7823), each ending "on line N" in plain text or in
 * html_errors' markup; what follows the last one is taken if it parses whole.
 * An HTML page (a login page, a proxy's error page) is reported as such.
 */
export function parseJsonBody(text: string): ParsedBody {
  text = text.trim();
  if (!text) return { ok: true, value: undefined };
  const last = [...text.matchAll(/on line (<b>)?\d+(<\/b>)?(<br ?\/?>)?/g)].at(-1);
  return (
    parse(text) ??
    (last && parse(text.slice(last.index + last[0].length))) ?? { ok: false, html: /^<!doctype html|<html[\s>]/i.test(text) }
  );
}

/** `Retry-After` as seconds: either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = /^\s*\d+\s*$/.test(value) ? Number(value) : Math.ceil((Date.parse(value) - now) / 1000);
  return Number.isNaN(seconds) ? undefined : Math.max(0, seconds);
}

/**
 * A request several callers share (the server's settings, the person's profile, a name),
 * as one caller sees it: its answer, or this caller's abort as soon as its signal fires.
 * The shared request itself is made without any one caller's signal, so that one caller
 * going away — a list read again, a ticket closed — does not fail the others waiting on it.
 */
export function forCaller<T>(shared: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return shared;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    shared.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
