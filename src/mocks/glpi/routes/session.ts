/** initSession, killSession, getFullSession (BACKENDS.md §1.2). */
import type { FakeCall, Route } from '../route.js';
import type { FakeSession, GlpiFakeState } from '../state.js';

export const sessionRoutes: Route[] = [
  { method: 'get', path: 'initSession', needsSession: false, handle: initSession },
  {
    method: 'get',
    path: 'killSession',
    handle: ({ state, session, api }) => {
      state.expireSession(session.token);
      return api.json(true);
    },
  },
  { method: 'get', path: 'getFullSession', handle: ({ state, session, api }) => api.json({ session: sessionData(state, session) }) },
];

function initSession({ request, query, state, settings, api }: FakeCall): Response {
  const authorization = request.headers.get('Authorization') ?? '';
  const userToken = /^user_token\s+(\S+)\s*$/i.exec(authorization)?.[1] ?? query.get('user_token') ?? '';
  const basic = /^Basic\s+(\S+)\s*$/i.exec(authorization)?.[1];
  const [login, password] = basic ? decodeBasic(basic) : [query.get('login') ?? '', query.get('password') ?? ''];

  if (!userToken && !(login && password)) {
    return api.error('ERROR_LOGIN_PARAMETERS_MISSING', 400, 'Give login and password, or user_token');
  }
  if (!userToken && !settings.credentialsLogin) {
    return api.error('ERROR_LOGIN_WITH_CREDENTIALS_DISABLED', 400, 'Signing in to the API with a login and password is disabled', false);
  }
  const user = userToken
    ? state.users.find((candidate) => candidate.userToken === userToken)
    : state.users.find((candidate) => candidate.name === login && candidate.password === password);
  if (!user) {
    return userToken
      ? api.error('ERROR_GLPI_LOGIN_USER_TOKEN', 401, 'The user_token parameter seems invalid', false)
      : api.error('ERROR_GLPI_LOGIN', 401, 'Incorrect login or password', false);
  }
  const session = state.openSession(user);
  const full = ['true', '1'].includes(query.get('get_full_session') ?? '');
  return api.json(full ? { session_token: session.token, session: sessionData(state, session) } : { session_token: session.token });
}

/** What GLPI keeps in `$_SESSION` for a self-service person, reduced to what clients read. */
function sessionData(state: GlpiFakeState, session: FakeSession): Record<string, unknown> {
  const user = state.userOf(session);
  return {
    valid_id: session.token,
    glpiID: user.id,
    glpiname: user.name,
    glpifirstname: user.firstname,
    glpirealname: user.realname,
    glpifriendlyname: `${user.firstname} ${user.realname}`,
    glpilanguage: 'fr_FR',
    glpiactive_entity: 0,
    glpiactive_entity_name: 'Entité racine',
    glpiactiveentities: [0],
    glpiactiveprofile: { id: 1, name: 'Self-Service', interface: 'helpdesk' },
  };
}

function decodeBasic(encoded: string): [string, string] {
  try {
    const text = new TextDecoder().decode(Uint8Array.from(atob(encoded), (char) => char.charCodeAt(0)));
    const colon = text.indexOf(':');
    return colon < 0 ? [text, ''] : [text.slice(0, colon), text.slice(colon + 1)];
  } catch {
    return ['', ''];
  }
}
