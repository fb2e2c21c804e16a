/**
 * A strict, stateful fake of Request Tracker 5's REST2 API (`/REST/2.0`) as msw handlers,
 * for the demo and the tests, checked against a real RT 5.0.3 (Debian 12's) and its source.
 * It authenticates as RT's Auth middleware does (an auth token, or Basic with the login
 * and password) and, like it, answers a browser whose credentials it refuses with a 302
 * to RT's login page rather than a 401; a requester sees only the tickets they are
 * Requestor of, and never a comment.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { addRtDemoTickets } from './demo-tickets.js';
import { LOGIN_PAGE, RtApi, rtError } from './protocol.js';
import { rtRoutes, type RtRoute } from './routes.js';
import type { RtFakeSeed, RtFakeUser } from './seed.js';
import { RtFakeState, type RtFakeSettings } from './state.js';
import { answerWith, type FailureAnswers } from '../faults.js';

export interface RtFakeOptions extends Partial<RtFakeSettings> {
  /** The REST2 root (relative URLs are resolved against the page). Default `/fake-rt/REST/2.0`. */
  baseUrl?: string;
  /** How long a `timeout` failure keeps the caller waiting, in ms (default 30 000). */
  hangMs?: number;
  /** People, queues and custom fields to start from instead of `rtDemoSeed()`. */
  seed?: RtFakeSeed;
  /** Adds the demo's tickets (`addRtDemoTickets`); off by default, tests start empty. */
  demoTickets?: boolean;
}

export interface RtFake {
  handlers: HttpHandler[];
  state: RtFakeState;
  baseUrl: string;
}

/** Who the request authenticates as (Middleware/Auth.pm: token header or parameter, then Basic); undefined when refused. */
function authenticate(request: Request, state: RtFakeState): RtFakeUser | undefined {
  const header = request.headers.get('Authorization') ?? '';
  const token = /^token (.*)$/i.exec(header)?.[1] ?? new URL(request.url).searchParams.get('token');
  if (token) return state.users.find((user) => user.token && user.token === token);
  const basic = /^basic (.*)$/i.exec(header)?.[1];
  if (basic === undefined) return undefined;
  let decoded = ':';
  try {
    decoded = new TextDecoder().decode(Uint8Array.from(atob(basic), (char) => char.charCodeAt(0)));
  } catch {
    // RT decodes what it can; nothing here.
  }
  const colon = decoded.indexOf(':');
  const user = state.user(decoded.slice(0, colon));
  return user && user.password !== '' && user.password === decoded.slice(colon + 1) && user.name === decoded.slice(0, colon) ? user : undefined;
}

/** RT's answer to refused credentials: a browser (a Cookie, or "Mozilla" in its User-Agent) is sent to the login page. */
function unauthorized(request: Request, webPath: string): Response {
  // A service worker does not see the User-Agent the browser will send: the page's is the one.
  const agent = request.headers.get('User-Agent') ?? (typeof navigator === 'undefined' ? '' : navigator.userAgent);
  if (request.headers.has('Cookie') || /Mozilla/.test(agent)) {
    return new HttpResponse('Login required', { status: 302, headers: { Location: `${webPath}/` } });
  }
  return rtError(401, 'Unauthorized');
}

export function createRtFake(options: RtFakeOptions = {}): RtFake {
  const baseUrl = (options.baseUrl ?? '/fake-rt/REST/2.0').replace(/\/+$/, '');
  const state = new RtFakeState(options.seed, { openOnCorrespond: options.openOnCorrespond, aclChecksInSql: options.aclChecksInSql });
  if (options.demoTickets) addRtDemoTickets(state);
  const failureAnswers: FailureAnswers = {
    serverError: () => rtError(500, 'Internal Server Error'),
    rateLimited: (retryAfter) => new HttpResponse('Too Many Requests', { status: 429, headers: retryAfter === null ? {} : { 'Retry-After': retryAfter } }),
    retryAfter: '120',
    htmlPage: () => new HttpResponse(LOGIN_PAGE, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
    hangMs: options.hangMs ?? 30_000,
  };

  async function answer(request: Request): Promise<Response> {
    const root = new URL(baseUrl, request.url);
    const url = new URL(request.url);
    const endpoint = decodeURIComponent(url.pathname.slice(root.pathname.length + 1));
    const body = /^(POST|PUT)$/.test(request.method) ? await request.clone().text() : '';
    state.requests.push({ method: request.method, url: request.url, endpoint, headers: Object.fromEntries(request.headers), body });

    const failure = state.takeFailure(request.method, endpoint);
    return answerWith(failure, failureAnswers, () => respond(request, root.href.replace(/\/+$/, ''), endpoint, body));
  }

  async function respond(request: Request, rootUrl: string, endpoint: string, body: string): Promise<Response> {
    const user = authenticate(request, state);
    if (!user) return unauthorized(request, new URL(rootUrl).pathname.replace(/\/REST\/2\.0$/, ''));
    let match: RegExpExecArray | null = null;
    const route = rtRoutes.find((candidate): candidate is RtRoute => Boolean((match = candidate.pattern.exec(endpoint))));
    const api = new RtApi(rootUrl, state, user, new URL(request.url).searchParams);
    if (!route || !match) return api.error(404, 'Not Found');
    if (!route.methods.includes(request.method)) return api.error(405, 'Method Not Allowed');
    return route.handle({ request, api, state, user, params: (match as RegExpExecArray).slice(1), body });
  }

  const handlers: HttpHandler[] = [http.all(`${baseUrl}/*`, ({ request }) => answer(request))];
  return { handlers, state, baseUrl };
}
