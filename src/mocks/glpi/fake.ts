/**
 * A strict, stateful fake of GLPI's legacy REST API as msw handlers: what the
 * demo runs on and what the tests run against. It refuses what real GLPI
 * refuses, with the same codes and statuses, so adapter bugs show up here
 * rather than on a customer's server.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { GlpiApi, preflight, withCors } from './protocol.js';
import type { FakeSettings, Route } from './route.js';
import { addDemoTickets } from './demo-tickets.js';
import { assetRoutes } from './routes/assets.js';
import { documentRoutes } from './routes/documents.js';
import { dropdownRoutes } from './routes/dropdowns.js';
import { followupRoutes } from './routes/followups.js';
import { knowbaseRoutes } from './routes/knowbase.js';
import { observerRoutes } from './routes/observers.js';
import { searchRoutes } from './routes/search.js';
import { sessionRoutes } from './routes/session.js';
import { ticketRoutes } from './routes/tickets.js';
import { userRoutes } from './routes/users.js';
import type { FakeSeed } from './seed.js';
import { GlpiFakeState, type GlpiVersion } from './state.js';
import { answerWith, type FailureAnswers } from '../faults.js';

export interface GlpiFakeOptions extends Partial<FakeSettings> {
  /** Where the API answers; relative URLs are resolved against the page. Default `/fake-glpi/apirest.php`. */
  baseUrl?: string;
  /** When set, every call needs this `App-Token` (400 `ERROR_APP_TOKEN_PARAMETERS_MISSING` / `ERROR_WRONG_APP_TOKEN_PARAMETER`). */
  appToken?: string;
  /** How long a `timeout` failure keeps the caller waiting, in ms (default 30 000). */
  hangMs?: number;
  /** Data to start from instead of the demo data. */
  seed?: FakeSeed;
  /** Adds the demo's tickets, follow-ups, solutions, documents and articles (`addDemoTickets`); off by default, tests start empty. */
  demoTickets?: boolean;
  /** Every number of a JSON answer as a string, as GLPI 9.5 sends them. */
  stringNumbers?: boolean;
  /** The status of ERROR_RIGHT_MISSING: 403 as GLPI 10 and 11 answer (default), 401 for older servers. */
  rightMissingStatus?: 401 | 403;
  /**
   * The GLPI the fake behaves as: 11 (11.0.x, the default and the demo's) or 10 (10.0.11). On 10 text
   * is answered entity-encoded, tickets have no `externalid` and search option 87 does not exist; 11
   * answers raw text, keeps `externalid`, finds it through option 87 and knows status 10 (Approval).
   * Knowledge base: the subject is search option 6 on 10 and 1 on 11, and 10's search shows every
   * article where 11's applies their visibility (routes/knowbase.ts).
   */
  version?: GlpiVersion;
  /** The server's time zone (IANA name), in which it writes its zone-less dates; the browser's by default. */
  timeZone?: string;
}

export interface GlpiFake {
  handlers: HttpHandler[];
  state: GlpiFakeState;
  baseUrl: string;
}

const ROUTES: Route[] = [
  ...sessionRoutes,
  ...dropdownRoutes,
  ...assetRoutes,
  ...userRoutes,
  ...searchRoutes,
  ...ticketRoutes,
  ...followupRoutes,
  ...documentRoutes,
  ...knowbaseRoutes,
  ...observerRoutes,
];

/** Anything else under apirest.php: not a resource this API has. */
const UNKNOWN: Route = {
  method: 'get',
  path: '*',
  handle: ({ api }) => api.error('ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM', 400, 'This resource does not exist'),
};

export function createGlpiFake(options: GlpiFakeOptions = {}): GlpiFake {
  const baseUrl = (options.baseUrl ?? '/fake-glpi/apirest.php').replace(/\/+$/, '');
  const state = new GlpiFakeState(options.seed, { version: options.version ?? 11, timeZone: options.timeZone });
  if (options.demoTickets) addDemoTickets(state);
  const settings: FakeSettings = {
    credentialsLogin: options.credentialsLogin ?? true,
    deniedItemtypes: options.deniedItemtypes ?? [],
    postMaxSize: options.postMaxSize ?? 8 * 1024 * 1024,
  };
  const hangMs = options.hangMs ?? 30_000;

  async function answer(route: Route, request: Request, params: Record<string, string | readonly string[] | undefined>): Promise<Response> {
    const api = new GlpiApi(new URL(baseUrl, request.url).href, options);
    const url = new URL(request.url);
    const endpoint = decodeURIComponent(url.pathname.slice(new URL(api.url).pathname.length + 1));
    state.requests.push({ method: request.method, url: request.url, endpoint, headers: Object.fromEntries(request.headers) });
    const sessionToken = request.headers.get('Session-Token') ?? url.searchParams.get('session_token') ?? '';

    const failure = state.takeFailure(endpoint, Boolean(sessionToken));
    const failureAnswers: FailureAnswers = {
      serverError: () => withCors(request, api.error('ERROR_SQL', 500, 'An SQL error occurred, see the GLPI logs (files/_log/sql-errors.log)')),
      rateLimited: (retryAfter) => new HttpResponse('Too Many Requests', { status: 429, headers: retryAfter === null ? {} : { 'Retry-After': retryAfter } }),
      retryAfter: '120',
      htmlPage: () => new HttpResponse(LOGIN_PAGE, { status: 200, headers: { 'Content-Type': 'text/html; charset=UTF-8' } }),
      hangMs,
    };
    return answerWith(failure, failureAnswers, async () => {
      if (failure?.kind === 'expire-session') state.expireSessions();
      const response = withCors(request, await checkedAnswer(route, request, params, api, sessionToken));
      return failure?.kind === 'php-notice' ? withNotice(response) : response;
    });
  }

  async function checkedAnswer(
    route: Route,
    request: Request,
    params: Record<string, string | readonly string[] | undefined>,
    api: GlpiApi,
    sessionToken: string,
  ): Promise<Response> {
    const query = new URL(request.url).searchParams;
    if (request.method === 'GET' && (await request.clone().text()) !== '') {
      return api.error('ERROR_JSON_PAYLOAD_FORBIDDEN', 400, 'GET requests must not have a body');
    }
    if (options.appToken !== undefined) {
      const appToken = request.headers.get('App-Token') ?? query.get('app_token') ?? '';
      if (!appToken) return api.error('ERROR_APP_TOKEN_PARAMETERS_MISSING', 400, 'The app_token parameter is missing');
      if (appToken !== options.appToken) return api.error('ERROR_WRONG_APP_TOKEN_PARAMETER', 400, 'The app_token parameter seems wrong');
    }
    let session = undefined;
    if (route.needsSession !== false) {
      if (!sessionToken) return api.error('ERROR_SESSION_TOKEN_MISSING', 400, 'The session_token parameter is missing or empty');
      session = state.sessions.get(sessionToken);
      if (!session) return api.error('ERROR_SESSION_TOKEN_INVALID', 401, 'session_token seems invalid');
    }
    return route.handle({ request, params, query, state, settings, api, session: session! });
  }

  const handlers: HttpHandler[] = [
    http.options(`${baseUrl}/*`, ({ request }) => preflight(request)),
    ...ROUTES.map((route) => http[route.method](`${baseUrl}/${route.path}`, ({ request, params }) => answer(route, request, params))),
    http.all(`${baseUrl}/*`, ({ request, params }) => answer(UNKNOWN, request, params)),
  ];
  return { handlers, state, baseUrl };
}

/** The real answer with a PHP notice printed before it; bytes, so that downloads are damaged the same way. */
async function withNotice(response: Response): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  headers.delete('Content-Length');
  return new HttpResponse(new Uint8Array([...new TextEncoder().encode(PHP_NOTICE), ...bytes]), { status: response.status, headers });
}

const PHP_NOTICE =
  '<br />\n<b>Notice</b>:  Undefined index: glpi_use_mode in <b>/var/www/glpi/inc/session.class.php</b> on line <b>1187</b><br />\n';

const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>GLPI - Authentification</title></head>
<body><form action="/front/login.php" method="post"><input name="login_name"><input name="login_password" type="password">
<button type="submit">Se connecter</button></form></body></html>`;
