/**
 * How the fake GLPI talks, as `apirest.php` does (BACKENDS.md §1): JSON
 * bodies, `["ERROR_CODE", "message; view documentation …"]` errors, lists
 * with `range` and `Content-Range`, CORS headers set by `API::cors()`.
 */
import { HttpResponse } from 'msw';

/** GLPI's refusal when the profile lacks a right, in every kind of answer. */
export const PERMISSION = "You don't have permission to perform this action.";

/** Answers of one fake, built against its absolute API URL (used in error messages and Location). */
export class GlpiApi {
  /**
   * `stringNumbers`: every number of a JSON answer as a string, as GLPI 9.5 with MySQL's
   * text protocol sends them. `rightMissingStatus`: 403, as `API::messageRightError()` answers
   * in 10.0.11 (`src/Api/API.php` line 2720) and 11 (`src/Glpi/Api/API.php`); 401 only for
   * older servers' sake.
   */
  constructor(
    readonly url: string,
    private readonly options: { stringNumbers?: boolean; rightMissingStatus?: 401 | 403 } = {},
  ) {}

  /** `messageNotfoundError()`. */
  notFound(): Response {
    return this.error('ERROR_ITEM_NOT_FOUND', 404, 'Item not found', false);
  }

  /** `messageRightError()`. */
  rightMissing(): Response {
    return this.error('ERROR_RIGHT_MISSING', this.options.rightMissingStatus ?? 403, PERMISSION, false);
  }

  json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
    const replacer = this.options.stringNumbers ? (_key: string, value: unknown) => (typeof value === 'number' ? String(value) : value) : undefined;
    return new HttpResponse(JSON.stringify(body, replacer), {
      status,
      headers: { 'Content-Type': 'application/json; charset=UTF-8', ...headers },
    });
  }

  /** GLPI appends a link to its documentation to most messages; login and add failures go without. */
  error(code: string, status: number, message: string | null, documentationLink = true): Response {
    const text = documentationLink ? `${message}; view documentation in your browser at ${this.url}/#${code}` : message;
    return this.json([code, text], status);
  }

  /** One page of `rows` as `range=start-end` asks (default 0-49), 206 when rows remain. */
  page(request: Request, itemtype: string, rows: readonly unknown[]): Response {
    const range = parseRange(new URL(request.url).searchParams.get('range'));
    if (!range) return this.badRange();
    const [start, end] = range;
    const total = rows.length;
    if (start > total) return this.rangeExceeded(total);
    const page = rows.slice(start, end + 1);
    const headers: Record<string, string> = { 'Accept-Range': `${itemtype} 1000` };
    if (total > 0) headers['Content-Range'] = `${start}-${Math.min(end, total - 1)}/${total}`;
    return this.json(page, page.length < total ? 206 : 200, headers);
  }

  /** `returnError()` with its defaults: the bare code "ERROR", 400. */
  badRequest(message: string): Response {
    return this.error('ERROR', 400, message);
  }

  badRange(): Response {
    return this.badRequest('range must be in format : [start-end] with integers');
  }

  /**
   * `createItems`: one input object answers `{id, message}` (201, Location) or 400
   * ERROR_GLPI_ADD with the reason; a list answers each, 207 when some failed.
   */
  created(itemtype: string, input: unknown, add: (one: unknown) => { id: number; message: string } | string): Response {
    if (!isRecord(input) && !Array.isArray(input)) return this.badArray();
    const results = (Array.isArray(input) ? input : [input]).map(add);
    const answers = results.map((result) => (typeof result === 'string' ? { id: false, message: result } : result));
    if (!Array.isArray(input)) {
      const [result] = results;
      if (typeof result === 'string') return this.error('ERROR_GLPI_ADD', 400, result, false);
      return this.json(result, 201, { Location: `${this.url}/${itemtype}/${result.id}` });
    }
    const failed = answers.filter((answer) => answer.id === false).length;
    if (failed === answers.length) return this.json(['ERROR_GLPI_ADD', answers], 400);
    if (failed > 0) return this.json(['ERROR_GLPI_PARTIAL_ADD', answers], 207);
    return this.json(answers, 201);
  }

  rangeExceeded(total: number): Response {
    return this.error('ERROR_RANGE_EXCEED_TOTAL', 400, `Provided range exceed total count of data: ${total}`);
  }

  badArray(): Response {
    return this.error('ERROR_BAD_ARRAY', 400, 'input parameter must be an array of objects');
  }
}

/** `range=start-end`: [0, 49] when absent, undefined when malformed. */
export function parseRange(value: string | null): [number, number] | undefined {
  if (value === null) return [0, 49];
  const match = /^(\d+)-(\d+)$/.exec(value);
  if (!match || Number(match[1]) > Number(match[2])) return undefined;
  return [Number(match[1]), Number(match[2])];
}

/**
 * The query string as PHP's `parse_str` reads it: `criteria[0][field]=12` gives
 * `{criteria: {0: {field: '12'}}}`, `forcedisplay[]=4` appends; "true"/"false"
 * become booleans as APIRest does.
 */
export function phpQuery(query: URLSearchParams): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, raw] of query) {
    const match = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(key);
    if (!match) continue;
    const path = [match[1], ...[...match[2].matchAll(/\[([^\]]*)\]/g)].map((part) => part[1])];
    const value = raw === 'true' ? true : raw === 'false' ? false : raw;
    let node = result;
    path.forEach((part, index) => {
      const name = part === '' ? String(Object.keys(node).length) : part;
      if (index === path.length - 1) node[name] = value;
      else node = (node[name] = isRecord(node[name]) ? node[name] : {}) as Record<string, unknown>;
    });
  }
  return result;
}

/** PHP's `isset`: there and not null. */
export const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** PHP's `empty` for what JSON can carry. */
export const isEmpty = (value: unknown): boolean => !value || value === '0' || (Array.isArray(value) && value.length === 0);

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

const GLPI_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#039;' };

/** How GLPI ≤ 10 returns stored text: HTML special characters entity-encoded (quotes too). */
export function encodeLikeGlpi(text: string): string {
  return text.replace(/[&<>"']/g, (char) => GLPI_ESCAPES[char]);
}

/**
 * Text as the API of `version` answers it. GLPI 10 sanitizes every input before storing it
 * (`Sanitizer::sanitize($object)` in `API::createItems`, `src/Api/API.php` line 1857 of 10.0.11)
 * and answers it as stored, since the `X-GLPI-Sanitized-Content` header (true by default,
 * `APIRest::returnSanitizedContent`, `src/Api/APIRest.php` line 688) cannot be sent cross-origin:
 * entity-encoded. GLPI 11 stores and answers raw text (its `APIRest` has no such header any more).
 */
export function asAnswered(version: 10 | 11, text: string): string {
  return version === 10 ? encodeLikeGlpi(text) : text;
}

/**
 * What a GLPI 11 migration leaves of text stored encoded by 10: the few entities the seed data
 * uses, decoded (`&amp; &lt; &gt; &quot; &#NN;` and accented letters). That the 10 → 11
 * migration decodes stored names at all is unconfirmed (not read in its migration scripts);
 * the fake assumes it so that 11 answers raw text throughout.
 */
export function decodeStored(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', eacute: 'é', egrave: 'è', agrave: 'à', ccedil: 'ç' };
  return text.replace(/&(?:#(\d+)|([a-z]+));/g, (whole, code: string, name: string) => (code ? String.fromCodePoint(Number(code)) : (named[name] ?? whole)));
}

/** A whole number from a JSON number or a numeric string, as PHP would take it. */
export function toInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}
