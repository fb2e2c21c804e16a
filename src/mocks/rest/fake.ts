/**
 * The example REST server as msw handlers, for the tests and the demo: the same
 * handler `examples/rest-server.mjs` serves, with what only a fake needs around it —
 * failures on demand (`state.failNext`) and a record of every exchange.
 */
import { http, type HttpHandler } from 'msw';
import { createRestExampleServer, problem, type RestFeatures } from './example-server.js';
import { addRestDemoTickets } from './demo-tickets.js';
import { RestStore } from './store.js';
import { delivered, failedAnswer, FaultSwitch, sameMethod, type CommonFailureKind, type CommonFailureOptions, type FailureAnswers } from '../faults.js';

/**
 * What `failNext` can make go wrong: the failures every fake makes (`CommonFailureKind`),
 * the 500 being the protocol's problem answer, the 429's `Retry-After` 30 s by default,
 * and `html` a 200 login page (the URL does not reach the API).
 */
export type RestFailureKind = CommonFailureKind;

export interface RestFailureOptions extends CommonFailureOptions {
  /** Only requests whose path under the protocol's root starts with this (`tickets`, `tickets/1001/replies`). */
  path?: string;
  /** Only requests of this method (`POST`). */
  method?: string;
}

/** One request the fake answered, and its answer (JSON bodies parsed). */
export interface RestExchange {
  method: string;
  /** The path under the protocol's root, e.g. `tickets/1001/replies`. */
  path: string;
  /** The query string, e.g. `?q=vpn&limit=6`; empty when none. */
  query: string;
  headers: Record<string, string>;
  status: number;
  contentType: string;
  /** The parsed JSON answer; undefined for files and HTML. */
  body?: unknown;
  /** The failure injected into this exchange, if any. */
  failure?: RestFailureKind;
}

export class RestFakeState extends RestStore {
  /** Every exchange, in order. */
  readonly exchanges: RestExchange[] = [];
  readonly #faults = new FaultSwitch<RestFailureKind, RestFailureOptions>();

  /** Makes the next matching request(s) fail; see RestFailureKind. */
  failNext(kind: RestFailureKind, options: RestFailureOptions = {}): void {
    this.#faults.failNext(kind, options);
  }

  /** The failure this request must suffer, if a test asked for one. */
  takeFailure(method: string, path: string) {
    return this.#faults.take((failure) => (!failure.path || path.startsWith(failure.path)) && sameMethod(method, failure.method));
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
  articleUrl?: string;
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
  const server = createRestExampleServer({ basePath, store: state, features: options.features, maxFileSize: options.maxFileSize, ticketUrl: options.ticketUrl, articleUrl: options.articleUrl });
  const failureAnswers: FailureAnswers = {
    serverError: () => problem(500, 'server-error', 'Internal error'),
    rateLimited: (retryAfter) => problem(429, 'rate-limited', 'Too many requests', retryAfter === null ? {} : { headers: { 'Retry-After': retryAfter } }),
    retryAfter: '30',
    htmlPage: () => new Response(LOGIN_PAGE, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
    hangMs: options.hangMs ?? 30_000,
  };

  async function answer(request: Request, cookies: Record<string, string>): Promise<Response> {
    const path = new URL(request.url).pathname.slice(basePath.length + 1);
    const failure = state.takeFailure(request.method, path);
    const response = (await failedAnswer(failure, failureAnswers)) ?? (await server.handle(request, { cookies }));
    await record(request, path, response, failure?.kind);
    return delivered(failure, response);
  }

  async function record(request: Request, path: string, response: Response, failure?: RestFailureKind): Promise<void> {
    if (response.type === 'error') {
      state.exchanges.push({ method: request.method, path, query: new URL(request.url).search, headers: Object.fromEntries(request.headers), status: 0, contentType: '', failure });
      return;
    }
    const contentType = response.headers.get('Content-Type') ?? '';
    const body = /json/.test(contentType) ? await response.clone().json() : undefined;
    state.exchanges.push({ method: request.method, path, query: new URL(request.url).search, headers: Object.fromEntries(request.headers), status: response.status, contentType, body, failure });
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
