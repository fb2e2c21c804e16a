/**
 * How the fake GLPI talks, as `apirest.php` does (BACKENDS.md §1): JSON
 * bodies, `["ERROR_CODE", "message; view documentation …"]` errors, lists
 * with `range` and `Content-Range`, CORS headers set by `API::cors()`.
 */
import { HttpResponse } from 'msw';

/** Answers of one fake, built against its absolute API URL (used in error messages and Location). */
export class GlpiApi {
  constructor(readonly url: string) {}

  json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
    return new HttpResponse(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json; charset=UTF-8', ...headers },
    });
  }

  /** GLPI appends a link to its documentation to most messages; login and add failures go without. */
  error(code: string, status: number, message: string, documentationLink = true): Response {
    const text = documentationLink ? `${message}; view documentation in your browser at ${this.url}/#${code}` : message;
    return this.json([code, text], status);
  }

  /** One page of `rows` as `range=start-end` asks (default 0-49), 206 when rows remain. */
  page(request: Request, itemtype: string, rows: readonly unknown[]): Response {
    const [start, end] = parseRange(new URL(request.url).searchParams.get('range'));
    const total = rows.length;
    if (start > total) return this.error('ERROR_RANGE_EXCEED_TOTAL', 400, `The range starts after the last row (${total} in all)`);
    const page = rows.slice(start, end + 1);
    const headers: Record<string, string> = { 'Accept-Range': `${itemtype} 1000` };
    if (total > 0) headers['Content-Range'] = `${start}-${Math.min(end, total - 1)}/${total}`;
    return this.json(page, page.length < total ? 206 : 200, headers);
  }
}

function parseRange(value: string | null): [number, number] {
  const match = /^(\d+)-(\d+)$/.exec(value ?? '');
  if (!match || Number(match[1]) > Number(match[2])) return [0, 49];
  return [Number(match[1]), Number(match[2])];
}

/** `API::cors()`: the origin wildcard only when the request has an Origin; exposed headers only on GET and OPTIONS. */
export function withCors(request: Request, response: Response): Response {
  if (response.type === 'error') return response;
  if (request.headers.has('Origin')) response.headers.set('Access-Control-Allow-Origin', '*');
  if (request.method === 'GET' || request.method === 'OPTIONS') {
    response.headers.set('Access-Control-Expose-Headers', 'content-type, content-range, accept-range');
  }
  return response;
}

/** A preflight, answered before anything else is checked. PATCH is not allowed, as in GLPI. */
export function preflight(request: Request): Response {
  const response = new HttpResponse(null, { status: 200 });
  if (request.headers.has('Access-Control-Request-Method')) {
    response.headers.set('Access-Control-Allow-Methods', 'PUT, GET, POST, DELETE, OPTIONS');
  }
  if (request.headers.has('Access-Control-Request-Headers')) {
    response.headers.set('Access-Control-Allow-Headers', 'origin, content-type, accept, session-token, authorization, app-token');
  }
  return withCors(request, response);
}

/** The request's parameters as GLPI reads them: JSON when the Content-Type says so, else form fields. */
export async function readParameters(
  request: Request,
  api: GlpiApi,
): Promise<{ ok: true; params: Record<string, unknown> } | { ok: false; response: Response }> {
  const type = request.headers.get('Content-Type') ?? '';
  const text = await request.text();
  if (type.includes('application/json')) {
    if (!text.trim()) return { ok: true, params: {} };
    try {
      const params: unknown = JSON.parse(text);
      return { ok: true, params: isRecord(params) ? params : {} };
    } catch {
      return { ok: false, response: api.error('ERROR_JSON_PAYLOAD_INVALID', 400, 'The JSON payload is not valid') };
    }
  }
  // A JSON body without its Content-Type ends up as one meaningless form field, as in PHP.
  return { ok: true, params: Object.fromEntries(new URLSearchParams(text)) };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How GLPI ≤ 10 returns stored text: HTML special characters entity-encoded. */
export function encodeLikeGlpi(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A whole number from a JSON number or a numeric string, as PHP would take it. */
export function toInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}
