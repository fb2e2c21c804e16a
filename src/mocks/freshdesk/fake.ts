/**
 * A strict, stateful fake of Freshdesk API v2 behind the host's relay, as msw handlers.
 * It plays both: the relay (the signed-in contact from the host's session, refused when
 * the fetch could not carry the host's cookie; the requester pinned) and Freshdesk (its
 * validations, `201` + `Location`, `X-Ratelimit-*` on every answer, `429` + `Retry-After`,
 * `link` pagination, `406` for an Accept that is not JSON, the 20 MB per ticket, its
 * error bodies). Adapter bugs show up here rather than on a customer's account.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { addFreshdeskDemoTickets } from './demo-tickets.js';
import { notFound, refused } from './protocol.js';
import { FRESHDESK_ROUTES, type FreshdeskRoute } from './routes.js';
import { FreshdeskFakeState, type FreshdeskFakeSettings } from './state.js';
import { answerWith, type FailureAnswers } from '../faults.js';

export interface FreshdeskFakeOptions extends Partial<FreshdeskFakeSettings> {
  /** Where the relay answers; relative URLs are resolved against the page. Default `/fake-freshdesk`. */
  baseUrl?: string;
  /** How long a `timeout` failure keeps the caller waiting, in ms (default 30 000). */
  hangMs?: number;
  /** Adds the demo's tickets (`addFreshdeskDemoTickets`); off by default, tests start empty. */
  demoTickets?: boolean;
  /** Another fake's state: a second relay of the same Freshdesk account (on another origin, say). */
  state?: FreshdeskFakeState;
}

export interface FreshdeskFake {
  handlers: HttpHandler[];
  state: FreshdeskFakeState;
  baseUrl: string;
}

/**
 * Whether the browser sent the host's session cookie: `include` always, `same-origin` only
 * to the page's own origin, `omit` never. Outside a browser (msw/node) the origin is unknown
 * and `same-origin` is taken as enough.
 */
function cookieSent(request: Request): boolean {
  if (request.credentials === 'include') return true;
  if (request.credentials === 'omit') return false;
  return typeof location === 'undefined' || new URL(request.url).origin === location.origin;
}

/** Accept must allow JSON (BACKENDS.md §2.1); the relay forwards it as it came. */
const acceptsJson = (request: Request) => /application\/json|\*\/\*/i.test(request.headers.get('Accept') ?? '*/*');

export function createFreshdeskFake(options: FreshdeskFakeOptions = {}): FreshdeskFake {
  const baseUrl = (options.baseUrl ?? '/fake-freshdesk').replace(/\/+$/, '');
  const state = options.state ?? new FreshdeskFakeState(options);
  if (options.demoTickets && !options.state) addFreshdeskDemoTickets(state);
  const failureAnswers: FailureAnswers = {
    serverError: () => refused(500, 'internal_error', 'We are sorry, something went wrong. Please try again.'),
    rateLimited: (retryAfter) => rateLimited(state.settings.rateLimit, retryAfter),
    retryAfter: '30',
    htmlPage: () => new HttpResponse(LOGIN_PAGE, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
    hangMs: options.hangMs ?? 30_000,
  };

  async function answer(route: FreshdeskRoute | undefined, request: Request, params: Record<string, string | readonly string[] | undefined>): Promise<Response> {
    const absolute = typeof location === 'undefined' ? baseUrl : new URL(baseUrl, location.href).href;
    const url = new URL(request.url);
    const path = decodeURIComponent(url.pathname.slice(new URL(absolute, url).pathname.length)).replace(/^\/api\/v2\/?/, '');
    state.requests.push({ method: request.method, url: request.url, path, credentials: request.credentials, headers: Object.fromEntries(request.headers) });

    const failure = state.takeFailure(request.method, path);
    return answerWith(failure, failureAnswers, () => checkedAnswer(route, request, params, absolute));
  }

  async function checkedAnswer(
    route: FreshdeskRoute | undefined,
    request: Request,
    params: Record<string, string | readonly string[] | undefined>,
    absolute: string,
  ): Promise<Response> {
    // The relay: who is signed in on the host? Nobody, or a cookie that could not come along.
    const contact = state.signedIn === undefined ? undefined : state.contact(state.signedIn);
    if (!contact || !cookieSent(request)) return refused(401, 'invalid_credentials', 'You have to be logged in to perform this action.');
    // The relay forwards only what the widget needs.
    if (!route) return notFound();
    if (route.relayOnly) return route.handle({ request, params, query: new URL(request.url).searchParams, state, contact, baseUrl: absolute });
    // Freshdesk: the Accept header, then the minute's budget (an invalid call costs too), then the route.
    const include = (new URL(request.url).searchParams.get('include') ?? '').split(',').filter(Boolean).length;
    const spent = state.spend(1 + include * (route.path === 'tickets' ? 2 : 1));
    if (spent.retryAfter !== undefined) return rateLimited(spent.total, String(spent.retryAfter));
    const response = acceptsJson(request)
      ? await route.handle({ request, params, query: new URL(request.url).searchParams, state, contact, baseUrl: absolute })
      : refused(406, 'invalid_accept_header', 'This request only supports application/json, */* Accept headers');
    response.headers.set('X-Ratelimit-Total', String(spent.total));
    response.headers.set('X-Ratelimit-Remaining', String(spent.remaining));
    response.headers.set('X-Ratelimit-Used-CurrentRequest', String(spent.used));
    response.headers.set('X-Freshdesk-Api-Version', 'latest=v2; requested=v2');
    return response;
  }

  const handlers: HttpHandler[] = [
    ...FRESHDESK_ROUTES.map((route) => http[route.method](`${baseUrl}/api/v2/${route.path}`, ({ request, params }) => answer(route, request, params))),
    http.all(`${baseUrl}/*`, ({ request, params }) => answer(undefined, request, params)),
  ];
  return { handlers, state, baseUrl };
}

/** Freshdesk's 429: the wait in `Retry-After` (none when `retryAfter` is null) and the spent budget. */
function rateLimited(total: number, retryAfter: string | null): Response {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'X-Ratelimit-Total': String(total),
    'X-Ratelimit-Remaining': '0',
    'X-Ratelimit-Used-CurrentRequest': '1',
  };
  if (retryAfter !== null) headers['Retry-After'] = retryAfter;
  return new HttpResponse(JSON.stringify({ code: 'rate_limit_exceeded', message: 'You have exceeded the limit of requests per minute' }), { status: 429, headers });
}

/** The host's own login page, where a relay path behind the host's authentication redirects. */
const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Connexion - Extranet</title></head>
<body><form action="/login" method="post"><input name="email"><input name="password" type="password">
<button type="submit">Se connecter</button></form></body></html>`;
