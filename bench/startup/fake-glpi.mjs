/**
 * A tiny GLPI for the startup benchmark: answers, at once, what a form may ask while it
 * appears (the session, the person's profile, the server's settings, the categories),
 * in the shapes of GLPI 10.0.11's REST API as src/mocks/glpi describes them. The bench
 * page's configuration carries no user token, so the form usually asks nothing before the
 * person signs in; a path this fake does not know is answered 404 and counted, and
 * `--verbose` prints it.
 */

const CATEGORIES = [
  { id: 1, name: 'Messagerie', completename: 'Messagerie', level: 1, itilcategories_id: 0, is_incident: 1, is_request: 1 },
  { id: 2, name: 'Poste de travail', completename: 'Poste de travail', level: 1, itilcategories_id: 0, is_incident: 1, is_request: 1 },
  { id: 3, name: 'Imprimante', completename: 'Poste de travail > Imprimante', level: 2, itilcategories_id: 2, is_incident: 1, is_request: 0 },
  { id: 4, name: 'Nouvel utilisateur', completename: 'Nouvel utilisateur', level: 1, itilcategories_id: 0, is_incident: 0, is_request: 1 },
];

const SESSION = {
  valid_id: 'bench-session',
  glpiID: 7,
  glpiname: 'marie.durand',
  glpifirstname: 'Marie',
  glpirealname: 'Durand',
  glpifriendlyname: 'Marie Durand',
  glpilanguage: 'fr_FR',
  glpiactive_entity: 0,
  glpiactive_entity_name: 'Entité racine',
  glpiactiveentities: [0],
  glpiactiveprofile: { id: 1, name: 'Self-Service', interface: 'helpdesk', ticket: 5, followup: 5 },
};

/** `path` is what follows `apirest.php/`, without the query. */
function answerOf(method, path) {
  // The floor benchmark (bench/floor.mjs) sends one ticket: GLPI 10 answers 201 with its id and message, as
  // src/mocks/glpi/protocol.ts (`createItems`) has it from GLPI's `API::createItems` (src/Api/API.php, 10.0.11) and tests it (test/mocks/glpi-fake.test.ts).
  if (method === 'POST' && path === 'Ticket') return { status: 201, body: { id: 101, message: 'Item successfully added: Ticket (101)' } };
  if (method !== 'GET') return undefined;
  switch (path) {
    case 'initSession':
      return { body: { session_token: 'bench-session' } };
    case 'killSession':
      return { body: true };
    case 'getFullSession':
      return { body: { session: SESSION } };
    case 'getMyProfiles':
      return { body: { myprofiles: [{ id: 1, name: 'Self-Service', entities: [{ id: 0, name: 'Entité racine', is_recursive: 1 }] }] } };
    case 'getGlpiConfig':
      return { body: { cfg_glpi: { version: '10.0.11', enable_api: 1, enable_api_login_credentials: 1, language: 'fr_FR', timezone: null } } };
    case 'ITILCategory': {
      const rows = CATEGORIES.map((row) => ({ ...row, entities_id: 0, is_recursive: 1, comment: null, is_helpdeskvisible: 1, is_problem: 1, is_change: 0 }));
      return { body: rows, headers: { 'Content-Range': `0-${rows.length - 1}/${rows.length}`, 'Accept-Range': 'ITILCategory 1000' } };
    }
    default:
      return undefined;
  }
}

/**
 * Answers a request under `/glpi/apirest.php/`; returns false when the path is unknown
 * (after answering it 404 as GLPI does), so that the caller can count and log it.
 */
export function answerGlpi(request, response, path) {
  const headers = {
    'Access-Control-Allow-Origin': request.headers.origin ?? '*',
    'Access-Control-Allow-Headers': 'App-Token, Session-Token, Authorization, Content-Type',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'Access-Control-Expose-Headers': 'Content-Range, Accept-Range',
    'Cache-Control': 'no-store',
  };
  if (request.method === 'OPTIONS') {
    response.writeHead(204, headers).end();
    return true;
  }
  const answer = answerOf(request.method, path.replace(/\/+$/, ''));
  if (!answer) {
    response
      .writeHead(404, { ...headers, 'Content-Type': 'application/json; charset=utf-8' })
      .end(JSON.stringify(['ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM', 'resource not found or not an instance of CommonDBTM']));
    return false;
  }
  response.writeHead(answer.status ?? 200, { ...headers, ...answer.headers, 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer.body));
  return true;
}
