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
  // Any session may read it: `APIRest::call` answers it with no right checked (`src/Api/APIRest.php`
  // line 198 of 10.0.11), `Config::getSafeConfig()` (`src/Config.php` line 3773) minus passwords.
  { method: 'get', path: 'getGlpiConfig', handle: ({ state, api }) => api.json({ cfg_glpi: glpiConfig(state) }) },
];

/** The fake's version, as `glpi_configs` holds it. */
const FAKE_VERSIONS = { 10: '10.0.11', 11: '11.0.2' } as const;

/**
 * A few keys of `$CFG_GLPI`: `version` is the `core` / `version` row of `glpi_configs`, merged
 * into `$CFG_GLPI` with the other core rows (`Config::loadLegacyConfiguration`, `src/Config.php`
 * line 2997 of 10.0.11; 11's `getGlpiConfig` answers the same `Config::getSafeConfig()`); `timezone` the
 * server's zone when the admin chose one (empty otherwise), used when a person has none
 * (`DBmysql::guessTimezone`, `src/DBmysql.php` line 289).
 */
function glpiConfig(state: GlpiFakeState): Record<string, unknown> {
  return {
    version: FAKE_VERSIONS[state.version],
    dbversion: `${FAKE_VERSIONS[state.version]}@0`,
    timezone: state.timeZone ?? null,
    url_base: 'https://support.example.fr/glpi',
    url_base_api: 'https://support.example.fr/glpi/apirest.php',
    enable_api: 1,
    enable_api_login_credentials: 1,
    use_notifications: 1,
    language: 'fr_FR',
  };
}

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
 * SEEPUBLIC 1, ADDMYTICKET 4, ADDALLTICKET 4096, SEEPRIVATE 8192; user READ 1; knowbase (below).
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
    // Now in the server's local time, without a zone (`src/Session.php` line 109 of 10.0.11).
    glpi_currenttime: state.now(),
    // The person's own zone, set at login when they chose one (`src/Auth.php` line 1108 of 10.0.11).
    ...(user.timeZone ? { glpi_tz: user.timeZone } : {}),
    glpiactive_entity: entity,
    glpiactive_entity_name: ENTITY_NAME,
    glpiactiveentities: [entity],
    glpiactiveprofile: {
      id: rights.followupAll ? 4 : 1,
      name: user.profile ?? 'Self-Service',
      interface: rights.central ? 'central' : 'helpdesk',
      ticket: bits([[true, 1 + 4], [rights.updateTickets, 2], [rights.entityTickets, 1024]]),
      followup: bits([[true, 1], [rights.followupOwn, 4], [rights.followupAll, 4096], [rights.seePrivate, 8192]]),
      // READ 1, KNOWBASEADMIN 1024, READFAQ 2048 (`src/KnowbaseItem.php` lines 52-55 of 10.0.17); `knowbase` is one
      // of `Profile::$helpdesk_rights` (`src/Profile.php` line 53), kept on both interfaces.
      knowbase: bits([[rights.readKnowbase, 1], [rights.knowbaseAdmin, 1024], [rights.readFaq, 2048]]),
      // Rights outside Profile::$helpdesk_rights exist only on the standard interface (Profile::cleanProfile).
      ...(rights.central ? { user: bits([[rights.readUsers, 1]]), itilcategory: 1, computer: 1, monitor: 1, printer: 1, phone: 1, peripheral: 1 } : {}),
      // `[from][to] => 0` forbids a change; a missing pair allows it (`CommonITILObject::isAllowedStatus`,
      // `src/CommonITILObject.php` line 3503 of 10.0.11). Self-Service's default, from `install/empty_data.php`
      // line 7993: nothing from New, Processing, Pending or Closed; Solved → Closed only.
      ticket_status: rights.reopenClosed ? {} : SELF_SERVICE_STATUS_MATRIX,
    },
  };
}

const SELF_SERVICE_STATUS_MATRIX = {
  1: { 2: 0, 3: 0, 4: 0, 5: 0, 6: 0 },
  2: { 1: 0, 3: 0, 4: 0, 5: 0, 6: 0 },
  3: { 1: 0, 2: 0, 4: 0, 5: 0, 6: 0 },
  4: { 1: 0, 2: 0, 3: 0, 5: 0, 6: 0 },
  5: { 1: 0, 2: 0, 3: 0, 4: 0 },
  6: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
};

function decodeBasic(encoded: string): [string, string] {
  try {
    const text = new TextDecoder().decode(Uint8Array.from(atob(encoded), (char) => char.charCodeAt(0)));
    const colon = text.indexOf(':');
    return colon < 0 ? [text, ''] : [text.slice(0, colon), text.slice(colon + 1)];
  } catch {
    return ['', ''];
  }
}
