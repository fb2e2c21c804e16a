/**
 * A strict, stateful fake of Zammad's REST API (`/api/v1`) as msw handlers, for the
 * demo and the tests. It authenticates as Zammad does (access token or Basic), lets a
 * customer see only their own tickets (and their shared organisation's) and never an
 * internal article, and refuses what Zammad refuses with the same statuses and bodies.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { addZammadDemoTickets } from './demo-tickets.js';
import { preflight, withCors, ZammadApi } from './protocol.js';
import { zammadRoutes, type ZammadFakeSettings, type ZammadRoute } from './routes.js';
import type { ZammadFakeSeed, ZammadFakeUser } from './seed.js';
import { ZammadFakeState } from './state.js';
import { answerWith, type FailureAnswers } from '../faults.js';

export interface ZammadFakeOptions extends Partial<ZammadFakeSettings> {
  /** Where the API answers (relative URLs are resolved against the page). Default `/fake-zammad/api/v1`. */
  baseUrl?: string;
  /** How long a `timeout` failure keeps the caller waiting, in ms (default 30 000). */
  hangMs?: number;
  /** Data to start from instead of the demo's people, groups, states and priorities. */
  seed?: ZammadFakeSeed;
  /** Adds the demo's tickets (`addZammadDemoTickets`); off by default, tests start empty. */
  demoTickets?: boolean;
}

export interface ZammadFake {
  handlers: HttpHandler[];
  state: ZammadFakeState;
  baseUrl: string;
}

/**
 * Who the request authenticates as (undefined: it carries no credentials), or the answer
 * refusing it. Zammad 6.6.x (develop at bfa96f03):
 * `app/controllers/application_controller/authenticates.rb` and `lib/auth.rb`.
 * Basic auth goes through `Auth#valid!`: an unknown login, a wrong password and an inactive
 * account (`Auth::User#can_login?`) all fail as "Invalid BasicAuth credentials"; the right
 * password of an account with a two-factor method set up raises `TwoFactorRequired`, answered
 * "Two-factor authentication is not supported with HTTP BasicAuth." (401, X-Failure). Token
 * auth checks no second factor; an inactive account's token fails in
 * `authentication_check_prerequesits` with `Auth::Error::AuthenticationFailed::MESSAGE`.
 */
function authenticate(request: Request, state: ZammadFakeState, settings: ZammadFakeSettings, api: ZammadApi): ZammadFakeUser | Response | undefined {
  const header = request.headers.get('Authorization') ?? '';
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (basic) {
    if (!settings.passwordAccess) return api.forbidden('API password access disabled!');
    let decoded = '';
    try {
      decoded = new TextDecoder().decode(Uint8Array.from(atob(basic[1]), (char) => char.charCodeAt(0)));
    } catch {
      return api.unauthorized('Invalid BasicAuth credentials');
    }
    const colon = decoded.indexOf(':');
    const [login, password] = [decoded.slice(0, colon).toLowerCase(), decoded.slice(colon + 1)];
    const user = state.users.find((one) => (one.login.toLowerCase() === login || one.email.toLowerCase() === login) && one.password && one.password === password);
    if (!user?.active) return api.unauthorized('Invalid BasicAuth credentials');
    return user.twoFactor ? api.unauthorized('Two-factor authentication is not supported with HTTP BasicAuth.') : user;
  }
  // Rails' token parsing: `Token token="abc"`, `Token token=abc`, `Token abc` and `Bearer abc`.
  const token = /^(?:Token|Bearer)\s+(?:token=)?"?([^",\s]+)"?/i.exec(header);
  if (token) {
    if (!settings.tokenAccess) return api.forbidden('API token access disabled!');
    const user = state.users.find((one) => one.tokens.includes(token[1]));
    if (!user) return api.unauthorized("Can't find User for Token");
    return user.active ? user : api.unauthorized('Login failed. Have you double-checked your credentials and completed the email verification step?');
  }
  // No credentials: `authentication_check` refuses with "Authentication required", `authentication_check_only` lets it through.
  return undefined;
}

export function createZammadFake(options: ZammadFakeOptions = {}): ZammadFake {
  const baseUrl = (options.baseUrl ?? '/fake-zammad/api/v1').replace(/\/+$/, '');
  const state = new ZammadFakeState(options.seed);
  if (options.demoTickets) addZammadDemoTickets(state);
  const settings: ZammadFakeSettings = {
    tokenAccess: options.tokenAccess ?? true,
    passwordAccess: options.passwordAccess ?? true,
    customerPriority: options.customerPriority ?? true,
    tagNew: options.tagNew ?? true,
  };
  const hangMs = options.hangMs ?? 30_000;

  async function answer(route: ZammadRoute | undefined, request: Request, params: Record<string, string | readonly string[] | undefined>): Promise<Response> {
    const api = new ZammadApi(state, request);
    const url = new URL(request.url);
    const root = new URL(baseUrl, request.url).pathname;
    const endpoint = decodeURIComponent(url.pathname.slice(root.length + 1));
    const body = /^(POST|PUT)$/.test(request.method) ? await request.clone().text() : '';
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    state.requests.push({ method: request.method, url: request.url, endpoint, headers: Object.fromEntries(request.headers), body: json });

    const failure = state.takeFailure(request.method, endpoint);
    if (failure?.kind === 'token-expired') return api.unauthorized('Not authorized (token expired)!');
    const failureAnswers: FailureAnswers = {
      serverError: () => api.masked(500),
      rateLimited: (retryAfter) =>
        new HttpResponse('<html><body><h1>429 Too Many Requests</h1></body></html>', {
          status: 429,
          headers: { 'Content-Type': 'text/html', ...(retryAfter === null ? {} : { 'Retry-After': retryAfter }) },
        }),
      retryAfter: '60',
      htmlPage: () => new HttpResponse(APP_PAGE, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
      hangMs,
    };
    return answerWith(failure, failureAnswers, async () => {
      if (!route) {
        // ErrorsController#routing.
        return api.error(404, `No route matches [${request.method}] ${url.pathname}`);
      }
      const user = authenticate(request, state, settings, api);
      if (user instanceof Response) return user;
      const call = { request, params, query: url.searchParams, state, settings, api };
      // SetsHeaders#set_access_control_headers: the CORS headers only after a token or Basic authentication.
      if (route.guest) return user ? withCors(await route.handle({ ...call, user })) : route.handle({ ...call, user });
      return user ? withCors(await route.handle({ ...call, user })) : api.forbidden('Authentication required');
    });
  }

  const handlers: HttpHandler[] = [
    http.options(`${baseUrl}/*`, () => preflight()),
    ...zammadRoutes.map((route) => http[route.method](`${baseUrl}/${route.path}`, ({ request, params }) => answer(route, request, params))),
    http.all(`${baseUrl}/*`, ({ request, params }) => answer(undefined, request, params)),
  ];
  return { handlers, state, baseUrl };
}

/** What a proxy path that reaches Zammad's web app instead of `/api/v1` answers. */
const APP_PAGE = `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Zammad Helpdesk</title></head>
<body><div id="app" class="content horizontal"><noscript>Zammad needs JavaScript.</noscript></div></body></html>`;
