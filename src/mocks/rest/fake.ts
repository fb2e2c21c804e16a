/**
 * The example REST server as msw handlers, for the tests and the demo: the same
 * handler `examples/rest-server.mjs` serves, with what only a fake needs around it —
 * failures on demand (`state.failNext`) and a record of every exchange.
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { createRestExampleServer, problem, type RestFeatures } from './example-server.js';
import { addRestDemoTickets } from './demo-tickets.js';
import { RestStore } from './store.js';
import { proxyErrorPage } from '../proxy.js';

/**
 * What `failNext` can make go wrong:
 * - `network`: no answer at all (fetch rejects);
 * - `lost-answer`: the request is carried out, then the connection drops before the answer;
 * - `timeout`: the request is carried out and answered after `hangMs`;
 * - `500`: the server's own problem answer;
 * - `502`, `503`: a reverse proxy's HTML error page;
 * - `429`: a rate limit, with `Retry-After` unless `retryAfter` is null;
 * - `html`: a 200 HTML page (a login page: the URL does not reach the API).
 */
export type RestFailureKind = 'network' | 'lost-answer' | 'timeout' | '500' | '502' | '503' | '429' | 'html';

export interface RestFailureOptions {
  /** How many requests fail this way (default 1). */
  times?: number;
  /** Only requests whose path under the protocol's root starts with this (`tickets`, `tickets/1001/replies`). */
  path?: string;
  /** Only requests of this method (`POST`). */
  method?: string;
  /** `Retry-After` of a 429: seconds or an HTTP date (default "30"); null sends none. */
  retryAfter?: string | null;
}

/** One request the fake answered, and its answer (JSON bodies parsed). */
export interface RestExchange {
  method: string;
  /** The path under the protocol's root, e.g. `tickets/1001/replies`. */
  path: string;
  headers: Record<string, string>;
  status: number;
  contentType: string;
  /** The parsed JSON answer; undefined for files and HTML. */
  body?: unknown;
  /** The failure injected into this exchange, if any. */
  failure?: RestFailureKind;
}

interface QueuedFailure extends RestFailureOptions {
  kind: RestFailureKind;
  left: number;
}

export class RestFakeState extends RestStore {
  /** Every exchange, in order. */
  readonly exchanges: RestExchange[] = [];
  readonly #failures: QueuedFailure[] = [];

  /** Makes the next matching request(s) fail; see RestFailureKind. */
  failNext(kind: RestFailureKind, options: RestFailureOptions = {}): void {
    this.#failures.push({ ...options, kind, left: options.times ?? 1 });
  }

  /** The failure this request must suffer, if a test asked for one. */
  takeFailure(method: string, path: string): QueuedFailure | undefined {
    const index = this.#failures.findIndex((failure) => (!failure.path || path.startsWith(failure.path)) && (!failure.method || failure.method === method));
    if (index < 0) return undefined;
    const failure = this.#failures[index];
    if (--failure.left <= 0) this.#failures.splice(index, 1);
    return failure;
  }
}

export interface RestFakeOptions {
  /** Where the protocol answers; relative URLs are resolved against the page. Default `/api/support`. */
  baseUrl?: string;
  /** The server's optional parts; all on by default. */
  features?: Partial<RestFeatures>;
  /** Adds the demo's tickets (`addRestDemoTickets`); off by default, tests start empty. */
  demoTickets?: boolean;
  /** How long a `timeout` failure keeps the caller waiting, in ms (default 30 000). */
  hangMs?: number;
  maxFileSize?: number;
  ticketUrl?: string;
}

export interface RestFake {
  handlers: HttpHandler[];
  state: RestFakeState;
  baseUrl: string;
  /** The handler itself, as `examples/rest-server.mjs` serves it. */
  handle: (request: Request) => Promise<Response>;
}

export function createRestFake(options: RestFakeOptions = {}): RestFake {
  const baseUrl = (options.baseUrl ?? '/api/support').replace(/\/+$/, '');
  const state = new RestFakeState();
  if (options.demoTickets) addRestDemoTickets(state);
  const basePath = new URL(baseUrl, 'http://localhost/').pathname;
  const server = createRestExampleServer({ basePath, store: state, features: options.features, maxFileSize: options.maxFileSize, ticketUrl: options.ticketUrl });
  const hangMs = options.hangMs ?? 30_000;

  async function answer(request: Request, cookies: Record<string, string>): Promise<Response> {
    const path = new URL(request.url).pathname.slice(basePath.length + 1);
    const failure = state.takeFailure(request.method, path);
    const response = await failed(failure?.kind, failure?.retryAfter) ?? (await server.handle(request, { cookies }));
    await record(request, path, response, failure?.kind);
    // Done on the server, never heard of by the caller.
    return failure?.kind === 'lost-answer' ? HttpResponse.error() : response;
  }

  async function failed(kind: RestFailureKind | undefined, retryAfter: string | null | undefined): Promise<Response | undefined> {
    switch (kind) {
      case 'network':
        return HttpResponse.error();
      case 'html':
        return new Response(LOGIN_PAGE, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
      case '429': {
        const after = retryAfter === undefined ? '30' : retryAfter;
        return problem(429, 'rate-limited', 'Too many requests', after === null ? {} : { headers: { 'Retry-After': after } });
      }
      case '502':
      case '503':
        return proxyErrorPage(kind);
      case '500':
        return problem(500, 'server-error', 'Internal error');
      case 'timeout':
        await delay(hangMs);
        return undefined;
      default:
        return undefined;
    }
  }

  async function record(request: Request, path: string, response: Response, failure?: RestFailureKind): Promise<void> {
    if (response.type === 'error') {
      state.exchanges.push({ method: request.method, path, headers: Object.fromEntries(request.headers), status: 0, contentType: '', failure });
      return;
    }
    const contentType = response.headers.get('Content-Type') ?? '';
    const body = /json/.test(contentType) ? await response.clone().json() : undefined;
    state.exchanges.push({ method: request.method, path, headers: Object.fromEntries(request.headers), status: response.status, contentType, body, failure });
  }

  return {
    handlers: [http.all(`${baseUrl}/*`, ({ request, cookies }) => answer(request, cookies))],
    state,
    baseUrl,
    handle: (request) => server.handle(request),
  };
}

const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
<body><form action="/login" method="post"><input name="email"><input name="password" type="password">
<button type="submit">Sign in</button></form></body></html>`;
