/** initSession, killSession, getFullSession (BACKENDS.md §1.2). */
import { displayName, rightsOf } from '../itil.js';
import type { FakeCall, Route } from '../route.js';
import { ENTITY_NAME } from '../rows.js';
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

/**
 * What GLPI keeps in `$_SESSION`, reduced to what clients read. The profile's rights
 * are GLPI's bitmasks: ticket READMY 1, UPDATE 2, CREATE 4, READALL 1024; followup
 * SEEPUBLIC 1, ADDMYTICKET 4, ADDALLTICKET 4096, SEEPRIVATE 8192; user READ 1.
 */
function sessionData(state: GlpiFakeState, session: FakeSession): Record<string, unknown> {
  const user = state.userOf(session);
  const rights = rightsOf(user);
  const bits = (pairs: [boolean, number][]) => pairs.reduce((sum, [on, bit]) => sum + (on ? bit : 0), 0);
  const entity = user.entities_id ?? 0;
  return {
    valid_id: session.token,
    glpiID: user.id,
    glpiname: user.name,
    glpifirstname: user.firstname,
    glpirealname: user.realname,
    glpifriendlyname: displayName(user),
    glpilanguage: 'fr_FR',
    glpiactive_entity: entity,
    glpiactive_entity_name: ENTITY_NAME,
    glpiactiveentities: [entity],
    glpiactiveprofile: {
      id: rights.followupAll ? 4 : 1,
      name: user.profile ?? 'Self-Service',
      interface: rights.followupAll ? 'central' : 'helpdesk',
      ticket: bits([[true, 1 + 4], [rights.updateTickets, 2], [rights.entityTickets, 1024]]),
      followup: bits([[true, 1], [rights.followupOwn, 4], [rights.followupAll, 4096], [rights.seePrivate, 8192]]),
      user: bits([[rights.readUsers, 1]]),
    },
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
