import { expect } from '@open-wc/testing';
import { getResponse } from 'msw';
import { createGlpiFake, DEMO_USER, type GlpiFake, type GlpiFakeOptions } from '../../src/mocks/index.js';
import { useHandlers } from '../support/msw.js';

const API = 'https://glpi.test/glpi/apirest.php';

let fake: GlpiFake;

async function start(options: GlpiFakeOptions = {}): Promise<void> {
  // GLPI 10 unless a test says otherwise: its entity-encoded text is what most of these tests pin.
  fake = createGlpiFake({ baseUrl: API, version: 10, ...options });
  await useHandlers(...fake.handlers);
}

async function call(path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${API}/${path}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

async function sessionToken(): Promise<string> {
  const { body } = await call('initSession', { headers: { Authorization: `user_token ${DEMO_USER.userToken}` } });
  return (body as { session_token: string }).session_token;
}

function postJson(token: string, body: unknown): RequestInit {
  return { method: 'POST', headers: { 'Session-Token': token, 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * Browsers neither send a body with GET nor let scripts set `Origin`; real GLPI
 * sees both from other clients. This request carries them, for msw's getResponse.
 */
function forgedRequest(url: string, method: string, headers: Record<string, string>, body?: string): Request {
  const request = new Request(url, body === undefined ? {} : { method: 'POST', body });
  Object.defineProperty(request, 'method', { value: method });
  Object.defineProperty(request, 'headers', { value: new Headers(headers) });
  return request;
}

describe('fake GLPI', () => {
  beforeEach(() => start());

  describe('initSession', () => {
    it('opens a session with the demo user token, with the full session on request', async () => {
      const { status, body } = await call('initSession?get_full_session=true', {
        headers: { Authorization: 'user_token demo-user-token' },
      });
      expect(status).to.equal(200);
      const answer = body as { session_token: string; session: { glpiID: number } };
      expect(answer.session_token).to.match(/^[0-9a-f]{26}$/);
      expect(answer.session.glpiID).to.equal(7);
      expect(fake.state.sessions.get(answer.session_token)?.userId).to.equal(7);
    });

    it('opens a session with Basic demo/demo, without the full session unless asked', async () => {
      const { status, body } = await call('initSession', { headers: { Authorization: `Basic ${btoa('demo:demo')}` } });
      expect(status).to.equal(200);
      expect(Object.keys(body as object)).to.deep.equal(['session_token']);
    });

    it('refuses a bad password, a bad user token and missing credentials with GLPI codes', async () => {
      const badLogin = await call('initSession', { headers: { Authorization: `Basic ${btoa('demo:nope')}` } });
      expect(badLogin.status).to.equal(401);
      expect((badLogin.body as string[])[0]).to.equal('ERROR_GLPI_LOGIN');

      const badToken = await call('initSession', { headers: { Authorization: 'user_token nope' } });
      expect(badToken.status).to.equal(401);
      expect((badToken.body as string[])[0]).to.equal('ERROR_GLPI_LOGIN_USER_TOKEN');

      const none = await call('initSession');
      expect(none.status).to.equal(400);
      expect(none.body).to.deep.equal([
        'ERROR_LOGIN_PARAMETERS_MISSING',
        `Give login and password, or user_token; view documentation in your browser at ${API}/#ERROR_LOGIN_PARAMETERS_MISSING`,
      ]);
    });

    it('refuses login and password when the admin disabled them, but not user tokens', async () => {
      await start({ credentialsLogin: false });
      const basic = await call('initSession', { headers: { Authorization: `Basic ${btoa('demo:demo')}` } });
      expect(basic.status).to.equal(400);
      expect((basic.body as string[])[0]).to.equal('ERROR_LOGIN_WITH_CREDENTIALS_DISABLED');
      expect((await call('initSession', { headers: { Authorization: 'user_token demo-user-token' } })).status).to.equal(200);
    });
  });

  describe('versions, zones and text', () => {
    // APIRest::call answers getGlpiConfig with no right checked (src/Api/APIRest.php line 198 of 10.0.11);
    // cfg_glpi.version is glpi_configs' core/version merged into $CFG_GLPI (src/Config.php line 2997).
    it('says its version and zone in getGlpiConfig, to any session', async () => {
      for (const [version, name] of [[10, '10.0.11'], [11, '11.0.2']] as const) {
        await start({ version, timeZone: 'Europe/Paris' });
        const answer = await call('getGlpiConfig', { headers: { 'Session-Token': await sessionToken() } });
        const config = (answer.body as { cfg_glpi: Record<string, unknown> }).cfg_glpi;
        expect([answer.status, config.version, config.timezone]).to.deep.equal([200, name, 'Europe/Paris']);
      }
    });

    // glpi_currenttime is set at each request's Session::start (src/Session.php line 236 of 10.0.11), in PHP's
    // zone, which DBmysql::setTimezone (src/DBmysql.php line 1874) sets to the person's glpi_tz (src/Auth.php line 1108).
    it('writes dates and glpi_currenttime in the server’s zone, and the person’s zone as glpi_tz', async () => {
      await start({ timeZone: 'Asia/Kolkata' });
      fake.state.users[0].timeZone = 'Asia/Kolkata';
      fake.state.clock = () => new Date(Date.UTC(2025, 2, 1, 2, 30, 0));
      const { body } = await call('initSession?get_full_session=true', { headers: { Authorization: `user_token ${DEMO_USER.userToken}` } });
      const { session } = body as { session: Record<string, unknown> };
      expect([session.glpi_currenttime, session.glpi_tz]).to.deep.equal(['2025-03-01 08:00:00', 'Asia/Kolkata']);
    });

    // 10.0.11 stores text sanitized (API::createItems, src/Api/API.php line 1857) and answers it so by default
    // (X-GLPI-Sanitized-Content true, src/Api/APIRest.php line 688); 11 stores and answers raw HTML.
    it('answers text entity-encoded as GLPI 10, raw as GLPI 11', async () => {
      for (const [version, content] of [[10, '&lt;p&gt;Tom &amp; &quot;Jerry&quot;&lt;/p&gt;'], [11, '<p>Tom & "Jerry"</p>']] as const) {
        await start({ version });
        const token = await sessionToken();
        const { id } = fake.state.addTicket({ name: 'T', content: '<p>Tom & "Jerry"</p>' });
        expect(((await call(`Ticket/${id}`, { headers: { 'Session-Token': token } })).body as { content: string }).content).to.equal(content);
      }
    });
  });

  // Profile::cleanProfile (src/Profile.php lines 527-538 of 10.0.11) keeps only $helpdesk_rights (line 44) for a
  // helpdesk-interface profile; API::getItems refuses an itemtype it may not view (src/Api/API.php lines 1108-1109).
  describe('Self-Service (helpdesk interface)', () => {
    it('answers 403 to ITILCategory, to the person’s own assets and to others’ records', async () => {
      const { body } = await call('initSession', { headers: { Authorization: 'user_token colleague-user-token' } });
      const headers = { 'Session-Token': (body as { session_token: string }).session_token };
      for (const path of ['ITILCategory', 'User/8/Computer', 'User/7']) {
        const answer = await call(path, { headers });
        expect([path, answer.status, (answer.body as string[])[0]]).to.deep.equal([path, 403, 'ERROR_RIGHT_MISSING']);
      }
      expect((await call('User/8', { headers })).status).to.equal(200);
    });

    // Ticket::rawSearchOptions marks nosearch what lies outside 'common', 'requester', 'satisfaction' for a helpdesk
    // session (src/Ticket.php lines 3657-3685 of 10.0.11, the same in 11); API::searchItems refuses it (API.php line 1621).
    it('refuses to search the technician (assign section), and searches externalid (common section) on GLPI 11', async () => {
      await start({ version: 11 });
      const { body } = await call('initSession', { headers: { Authorization: 'user_token colleague-user-token' } });
      const headers = { 'Session-Token': (body as { session_token: string }).session_token };
      const technician = await call('search/Ticket?criteria[0][field]=5&criteria[0][searchtype]=equals&criteria[0][value]=2', { headers });
      expect([technician.status, (technician.body as string[])[1]]).to.deep.equal([
        400,
        `Forbidden field ID in search criteria; view documentation in your browser at ${API}/#ERROR`,
      ]);
      fake.state.addTicket({ name: 'a', requester: 8, externalid: 'abc-1' });
      fake.state.addTicket({ name: 'b', requester: 8, externalid: 'abc-10' });
      const found = await call('search/Ticket?criteria[0][field]=87&criteria[0][searchtype]=contains&criteria[0][value]=%5Eabc-1%24&uid_cols=true', { headers });
      expect((found.body as { data: Record<string, unknown>[] }).data.map((row) => row['Ticket.name'])).to.deep.equal(['a']);
    });
  });

  describe('tokens', () => {
    it('checks the App-Token when one is configured', async () => {
      await start({ appToken: 'app-123' });
      const auth = { Authorization: 'user_token demo-user-token' };
      const missing = await call('initSession', { headers: auth });
      expect(missing.status).to.equal(400);
      expect((missing.body as string[])[0]).to.equal('ERROR_APP_TOKEN_PARAMETERS_MISSING');
      const wrong = await call('initSession', { headers: { ...auth, 'App-Token': 'app-999' } });
      expect(wrong.status).to.equal(400);
      expect((wrong.body as string[])[0]).to.equal('ERROR_WRONG_APP_TOKEN_PARAMETER');
      expect((await call('initSession', { headers: { ...auth, 'App-Token': 'app-123' } })).status).to.equal(200);
    });

    it('wants a Session-Token on every other call, and a live one', async () => {
      const missing = await call('getFullSession');
      expect(missing.status).to.equal(400);
      expect((missing.body as string[])[0]).to.equal('ERROR_SESSION_TOKEN_MISSING');

      const unknown = await call('getFullSession', { headers: { 'Session-Token': 'abc' } });
      expect(unknown.status).to.equal(401);
      expect((unknown.body as string[])[0]).to.equal('ERROR_SESSION_TOKEN_INVALID');

      const token = await sessionToken();
      const full = await call('getFullSession', { headers: { 'Session-Token': token } });
      expect((full.body as { session: { glpiID: number } }).session.glpiID).to.equal(7);

      expect((await call('killSession', { headers: { 'Session-Token': token } })).body).to.equal(true);
      expect((await call('getFullSession', { headers: { 'Session-Token': token } })).status).to.equal(401);
    });

    it('refuses a GET that carries a body', async () => {
      const token = await sessionToken();
      const request = forgedRequest(`${API}/getFullSession`, 'GET', { 'Session-Token': token }, '{"a":1}');
      const response = await getResponse(fake.handlers, request);
      expect(response?.status).to.equal(400);
      expect(await response?.json()).to.have.property('0', 'ERROR_JSON_PAYLOAD_FORBIDDEN');
    });
  });

  describe('POST /Ticket', () => {
    let token: string;
    beforeEach(async () => {
      token = await sessionToken();
    });

    it('GLPI 11 keeps the externalid it is given, finds it with search option 87, and gives it back', async () => {
      await start({ version: 11 });
      token = await sessionToken();
      const created = async (externalid?: unknown) =>
        (await (await fetch(`${API}/Ticket`, postJson(token, { input: { name: 'T', content: '<p>x</p>', externalid } }))).json()) as { id: number };
      const { id } = await created('a1b2-c3');
      await created('a1b2-c3-other');
      await created();
      expect(fake.state.tickets.map((ticket) => ticket.externalid)).to.deep.equal(['a1b2-c3', 'a1b2-c3-other', '']);
      const found = await call(`search/Ticket?criteria[0][field]=87&criteria[0][searchtype]=contains&criteria[0][value]=%5Ea1b2-c3%24&forcedisplay[0]=2&uid_cols=true`, {
        headers: { 'Session-Token': token },
      });
      expect((found.body as { data: Record<string, unknown>[] }).data.map((row) => row['Ticket.id'])).to.deep.equal([id]);
      const row = await call(`Ticket/${id}`, { headers: { 'Session-Token': token } });
      expect(row.body).to.have.property('externalid', 'a1b2-c3');
    });

    // 10.0.11: no glpi_tickets.externalid (install/mysql/glpi-empty.sql), CommonDBTM::add copies only
    // columns (src/CommonDBTM.php lines 1322-1327), API::searchItems refuses an unknown option
    // (src/Api/API.php lines 1609-1613) with returnError's defaults: 400 and the bare code "ERROR".
    it('GLPI 10 drops the externalid and answers option 87 with 400 “Bad field ID in search criteria”', async () => {
      await start({ version: 10 });
      token = await sessionToken();
      const response = await fetch(`${API}/Ticket`, postJson(token, { input: { name: 'T', content: '<p>x</p>', externalid: 'a1b2-c3' } }));
      const { id } = (await response.json()) as { id: number };
      expect([response.status, fake.state.tickets[0].externalid]).to.deep.equal([201, '']);
      const row = await call(`Ticket/${id}`, { headers: { 'Session-Token': token } });
      expect(row.body).not.to.have.property('externalid');
      const search = await call(`search/Ticket?criteria[0][field]=87&criteria[0][searchtype]=contains&criteria[0][value]=%5Ea1b2-c3%24`, {
        headers: { 'Session-Token': token },
      });
      expect([search.status, search.body]).to.deep.equal([
        400,
        ['ERROR', `Bad field ID in search criteria; view documentation in your browser at ${API}/#ERROR`],
      ]);
    });

    // 10.0.11 CommonITILObject::updateActors (src/CommonITILObject.php line 8416) adds only the requesters given;
    // Ticket::getDefaultValues (src/Ticket.php line 4150), which names the session's user, serves the web form.
    // The writer is the session's person (prepareInputForAdd, src/CommonITILObject.php lines 2607-2613).
    it('gives an API-created ticket no default requester; `_users_id_requester` names one, with its notification choice', async () => {
      await fetch(`${API}/Ticket`, postJson(token, { input: { name: 'Sans demandeur', content: '<p>x</p>' } }));
      await fetch(
        `${API}/Ticket`,
        postJson(token, {
          input: { name: 'Avec', content: '<p>x</p>', _users_id_requester: [7], _users_id_requester_notif: { use_notification: [0], alternative_email: [''] } },
        }),
      );
      expect(fake.state.tickets.map((ticket) => [ticket.requester, ticket.users_id_recipient])).to.deep.equal([
        [0, 7],
        [7, 7],
      ]);
      expect(fake.state.tickets[1].requesterNotification).to.deep.equal({ use_notification: [0], alternative_email: [''] });
      const mine = await call('search/Ticket?criteria[0][field]=4&criteria[0][searchtype]=equals&criteria[0][value]=7&uid_cols=true', {
        headers: { 'Session-Token': token },
      });
      expect((mine.body as { data: Record<string, unknown>[] }).data.map((row) => row['Ticket.name'])).to.deep.equal(['Avec']);
    });

    it('creates a ticket: 201, id in the body, Location header', async () => {
      const response = await fetch(`${API}/Ticket`, postJson(token, { input: { name: 'Imprimante', content: '<p>HS</p>', urgency: 4 } }));
      expect(response.status).to.equal(201);
      const body = (await response.json()) as { id: number; message: string };
      expect(body.id).to.equal(100);
      expect(body.message).to.contain('100');
      expect(response.headers.get('Location')).to.equal(`${API}/Ticket/100`);
      expect(fake.state.tickets.map((ticket) => [ticket.id, ticket.name, ticket.type, ticket.urgency])).to.deep.equal([[100, 'Imprimante', 1, 4]]);
    });

    it('refuses invalid JSON, a body without the input wrapper, and JSON sent without its Content-Type', async () => {
      const invalid = await call('Ticket', { ...postJson(token, {}), body: '{"input":' });
      expect([invalid.status, (invalid.body as string[])[0]]).to.deep.equal([400, 'ERROR_JSON_PAYLOAD_INVALID']);

      const unwrapped = await call('Ticket', postJson(token, { name: 'Imprimante', content: 'HS' }));
      expect([unwrapped.status, (unwrapped.body as string[])[0]]).to.deep.equal([400, 'ERROR_BAD_ARRAY']);

      const untyped = await call('Ticket', {
        method: 'POST',
        headers: { 'Session-Token': token },
        body: JSON.stringify({ input: { name: 'x', content: 'y' } }),
      });
      expect([untyped.status, (untyped.body as string[])[0]]).to.deep.equal([400, 'ERROR_BAD_ARRAY']);
      expect(fake.state.tickets).to.have.length(0);
    });

    it('refuses a ticket without title or description, without a documentation link', async () => {
      const { status, body } = await call('Ticket', postJson(token, { input: { name: '  ', content: '' } }));
      expect(status).to.equal(400);
      expect(body).to.deep.equal(['ERROR_GLPI_ADD', 'Mandatory fields are not filled. Please correct: Title, Description']);
    });

    it('refuses categories that do not fit the type and items that are not the person’s', async () => {
      const requestOnly = await call('Ticket', postJson(token, { input: { name: 'a', content: 'b', type: 1, itilcategories_id: 5 } }));
      expect((requestOnly.body as string[])[0]).to.equal('ERROR_GLPI_ADD');
      const hidden = await call('Ticket', postJson(token, { input: { name: 'a', content: 'b', itilcategories_id: 10 } }));
      expect((hidden.body as string[])[0]).to.equal('ERROR_GLPI_ADD');
      const othersPc = await call('Ticket', postJson(token, { input: { name: 'a', content: 'b', items_id: { Computer: [13] } } }));
      expect((othersPc.body as string[])[0]).to.equal('ERROR_GLPI_ADD');
      const badUrgency = await call('Ticket', postJson(token, { input: { name: 'a', content: 'b', urgency: 9 } }));
      expect((badUrgency.body as string[])[0]).to.equal('ERROR_GLPI_ADD');

      const fine = await call('Ticket', postJson(token, { input: { name: 'a', content: 'b', type: 2, itilcategories_id: 5, items_id: { Computer: [12] } } }));
      expect(fine.status).to.equal(201);
      expect(fake.state.tickets[0].items).to.deep.equal([{ itemtype: 'Computer', items_id: 12 }]);
    });

    it('answers bulk adds with 207 when some fail', async () => {
      const { status, body } = await call('Ticket', postJson(token, { input: [{ name: 'a', content: 'b' }, { name: 'c' }] }));
      expect(status).to.equal(207);
      expect((body as [string, { id: number | false }[]])[0]).to.equal('ERROR_GLPI_PARTIAL_ADD');
      expect((body as [string, { id: number | false }[]])[1].map((answer) => answer.id)).to.deep.equal([100, false]);
    });

    it('gives a ticket back with its text entity-encoded, as GLPI 10 stores it', async () => {
      await call('Ticket', postJson(token, { input: { name: 'A & B', content: '<p>x</p>' } }));
      const { body } = await call('Ticket/100', { headers: { 'Session-Token': token } });
      expect(body).to.include({ id: 100, name: 'A &amp; B', content: '&lt;p&gt;x&lt;/p&gt;' });
      const missing = await call('Ticket/999', { headers: { 'Session-Token': token } });
      expect([missing.status, (missing.body as string[])[0]]).to.deep.equal([404, 'ERROR_ITEM_NOT_FOUND']);
    });
  });

  describe('POST /Document', () => {
    let token: string;
    beforeEach(async () => {
      token = await sessionToken();
      await fetch(`${API}/Ticket`, postJson(token, { input: { name: 'a', content: 'b' } }));
    });

    function upload(manifest: string | undefined, file?: File): Promise<{ status: number; body: unknown }> {
      const form = new FormData();
      if (manifest !== undefined) form.append('uploadManifest', manifest);
      if (file) form.append('filename[0]', file, file.name);
      return call('Document', { method: 'POST', headers: { 'Session-Token': token }, body: form });
    }

    const manifest = JSON.stringify({ input: { name: 'capture.png', itemtype: 'Ticket', items_id: 100 } });

    it('stores the file and links it to the ticket', async () => {
      const { status, body } = await upload(manifest, new File(['png'], 'capture.png', { type: 'image/png' }));
      expect(status).to.equal(201);
      expect((body as { id: number }).id).to.equal(1);
      expect(fake.state.documents.map((doc) => [doc.name, doc.mime, doc.size])).to.deep.equal([['capture.png', 'image/png', 3]]);
      expect(fake.state.documentItems).to.have.length(1);
      expect(fake.state.documentItems[0]).to.include({ id: 1, documents_id: 1, itemtype: 'Ticket', items_id: 100, users_id: 7 });
    });

    it('refuses an upload without a file, a bad manifest and a link to an unknown ticket', async () => {
      expect((await upload(manifest)).body).to.have.property('0', 'ERROR_UPLOAD_FILE_TOO_BIG_POST_MAX_SIZE');
      expect((await upload('{bad', new File(['x'], 'a.txt'))).body).to.have.property('0', 'ERROR_JSON_PAYLOAD_INVALID');
      const elsewhere = JSON.stringify({ input: { name: 'a', itemtype: 'Ticket', items_id: 555 } });
      expect((await upload(elsewhere, new File(['x'], 'a.txt'))).body).to.have.property('0', 'ERROR_GLPI_ADD');
      expect(fake.state.documents).to.have.length(0);
    });

    it('loses files past post_max_size, as PHP does', async () => {
      await start({ postMaxSize: 10 });
      token = await sessionToken();
      await fetch(`${API}/Ticket`, postJson(token, { input: { name: 'a', content: 'b' } }));
      const { status, body } = await upload(manifest, new File(['more than ten bytes'], 'big.txt'));
      expect(status).to.equal(400);
      expect((body as string[])[0]).to.equal('ERROR_UPLOAD_FILE_TOO_BIG_POST_MAX_SIZE');
    });
  });

  describe('lists', () => {
    let headers: Record<string, string>;
    beforeEach(async () => {
      headers = { 'Session-Token': await sessionToken() };
    });

    it('answers a range with Content-Range and 206 while rows remain', async () => {
      const first = await call('ITILCategory?range=0-3', { headers });
      expect(first.status).to.equal(206);
      expect(first.headers.get('Content-Range')).to.equal('0-3/10');
      expect((first.body as { id: number }[]).map((row) => row.id)).to.deep.equal([1, 2, 3, 4]);

      const all = await call('ITILCategory?range=0-999', { headers });
      expect(all.status).to.equal(200);
      expect(all.headers.get('Content-Range')).to.equal('0-9/10');
      expect(all.headers.get('Accept-Range')).to.equal('ITILCategory 1000');

      const byDefault = await call('ITILCategory', { headers });
      expect((byDefault.body as unknown[]).length).to.equal(10);
    });

    it('refuses a range that starts after the total', async () => {
      const { status, body } = await call('ITILCategory?range=11-20', { headers });
      expect(status).to.equal(400);
      expect((body as string[])[0]).to.equal('ERROR_RANGE_EXCEED_TOTAL');
    });

    it('expands dropdowns into names when asked', async () => {
      const { body } = await call('ITILCategory?range=1-1&expand_dropdowns=true', { headers });
      expect((body as Record<string, unknown>[])[0]).to.include({ id: 2, itilcategories_id: 'Matériel', completename: 'Matériel > Imprimante' });
    });

    it('lists only the person’s own, live items, with no Content-Range when there are none', async () => {
      const computers = await call('User/7/Computer', { headers });
      expect((computers.body as { id: number }[]).map((row) => row.id)).to.deep.equal([12]);
      const phones = await call('User/7/Phone', { headers });
      expect([phones.status, phones.body, phones.headers.get('Content-Range')]).to.deep.equal([200, [], null]);
      const someoneElse = await call('User/2/Computer', { headers });
      expect([someoneElse.status, (someoneElse.body as string[])[0]]).to.deep.equal([403, 'ERROR_RIGHT_MISSING']);
      const nobody = await call('User/404/Computer', { headers });
      expect([nobody.status, (nobody.body as string[])[0]]).to.deep.equal([404, 'ERROR_ITEM_NOT_FOUND']);
      const notAType = await call('User/7/Spaceship', { headers });
      expect((notAType.body as string[])[0]).to.equal('ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM');
    });

    it('refuses the asset types the profile may not read', async () => {
      await start({ deniedItemtypes: ['Monitor'] });
      headers = { 'Session-Token': await sessionToken() };
      expect((await call('User/7/Monitor', { headers })).body).to.have.property('0', 'ERROR_RIGHT_MISSING');
      expect((await call('User/7/Printer', { headers })).status).to.equal(200);
    });

    it('says an unknown resource is not one', async () => {
      const { status, body } = await call('Spaceship', { headers });
      expect([status, (body as string[])[0]]).to.deep.equal([400, 'ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM']);
    });
  });

  describe('CORS', () => {
    it('exposes list headers on GET only, and allows any origin only when there is an Origin', async () => {
      const token = await sessionToken();
      const get = await fetch(`${API}/ITILCategory`, { headers: { 'Session-Token': token } });
      expect(get.headers.get('Access-Control-Expose-Headers')).to.equal('content-type, content-range, accept-range');
      expect(get.headers.get('Access-Control-Allow-Origin')).to.equal(null);

      const post = await fetch(`${API}/Ticket`, postJson(token, { input: { name: 'a', content: 'b' } }));
      expect(post.headers.get('Access-Control-Expose-Headers')).to.equal(null);

      const withOrigin = await getResponse(
        fake.handlers,
        forgedRequest(`${API}/getFullSession`, 'GET', { Origin: 'https://intranet.example.fr', 'Session-Token': 'stale' }),
      );
      expect(withOrigin?.status).to.equal(401);
      expect(withOrigin?.headers.get('Access-Control-Allow-Origin')).to.equal('*');
    });

    it('answers preflights without PATCH and with the GLPI header list', async () => {
      const response = await getResponse(
        fake.handlers,
        forgedRequest(`${API}/Ticket`, 'OPTIONS', {
          Origin: 'https://intranet.example.fr',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'session-token, content-type',
        }),
      );
      expect(response?.status).to.equal(200);
      expect(response?.headers.get('Access-Control-Allow-Methods')).to.equal('PUT, GET, POST, DELETE, OPTIONS');
      expect(response?.headers.get('Access-Control-Allow-Headers')).to.contain('app-token');
      expect(response?.headers.get('Access-Control-Allow-Origin')).to.equal('*');
    });
  });

  describe('failure switches', () => {
    it('fails the next matching request only, the asked number of times', async () => {
      const token = await sessionToken();
      fake.state.failNext('500', { endpoint: 'ITILCategory', times: 2 });
      expect((await call('getFullSession', { headers: { 'Session-Token': token } })).status).to.equal(200);
      expect((await call('ITILCategory', { headers: { 'Session-Token': token } })).status).to.equal(500);
      const second = await call('ITILCategory', { headers: { 'Session-Token': token } });
      expect([second.status, (second.body as string[])[0]]).to.deep.equal([500, 'ERROR_SQL']);
      expect((await call('ITILCategory', { headers: { 'Session-Token': token } })).status).to.equal(200);
    });

    it('damages answers: HTML page, PHP notice, truncated body, no answer, rate limit', async () => {
      const token = await sessionToken();
      const headers = { 'Session-Token': token };

      fake.state.failNext('html');
      const html = await fetch(`${API}/getFullSession`, { headers });
      expect(html.headers.get('Content-Type')).to.contain('text/html');
      expect(await html.text()).to.match(/^<!DOCTYPE html>/);

      fake.state.failNext('php-notice');
      const notice = await (await fetch(`${API}/getFullSession`, { headers })).text();
      expect(notice).to.match(/^<br \/>\n<b>Notice<\/b>/);
      expect(JSON.parse(notice.slice(notice.indexOf('{')))).to.have.nested.property('session.glpiID', 7);

      fake.state.failNext('truncated');
      const truncated = await (await fetch(`${API}/getFullSession`, { headers })).text();
      expect(() => JSON.parse(truncated)).to.throw();

      fake.state.failNext('network');
      let failed = false;
      await fetch(`${API}/getFullSession`, { headers }).catch(() => (failed = true));
      expect(failed).to.equal(true);

      fake.state.failNext('429', { retryAfter: '30' });
      const limited = await fetch(`${API}/getFullSession`, { headers });
      expect([limited.status, limited.headers.get('Retry-After')]).to.deep.equal([429, '30']);

      fake.state.failNext('429', { retryAfter: null });
      const bare = await fetch(`${API}/getFullSession`, { headers });
      expect([bare.status, bare.headers.get('Retry-After')]).to.deep.equal([429, null]);

      for (const status of ['502', '503'] as const) {
        fake.state.failNext(status);
        const proxy = await fetch(`${API}/getFullSession`, { headers });
        expect(proxy.status).to.equal(Number(status));
        expect(proxy.headers.get('Content-Type')).to.contain('text/html');
        expect(await proxy.text()).to.contain(status === '502' ? '502 Bad Gateway' : '503 Service Temporarily Unavailable');
      }
    });

    it('loses the answer of a request it carried out', async () => {
      const token = await sessionToken();
      fake.state.failNext('lost-answer', { endpoint: 'Ticket' });
      let failed = false;
      await fetch(`${API}/Ticket`, postJson(token, { input: { name: 'Imprimante', content: '<p>HS</p>' } })).catch(() => (failed = true));
      expect(failed).to.equal(true);
      expect(fake.state.tickets.map((ticket) => ticket.name)).to.deep.equal(['Imprimante']);
    });

    it('carries out a request it answers late, even to a caller that gave up', async () => {
      await start({ hangMs: 300 });
      const token = await sessionToken();
      fake.state.failNext('timeout', { endpoint: 'Ticket' });
      await fetch(`${API}/Ticket`, { ...postJson(token, { input: { name: 'Lent', content: '<p>HS</p>' } }), signal: AbortSignal.timeout(50) }).catch(
        () => undefined,
      );
      expect(fake.state.tickets).to.have.length(0);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(fake.state.tickets.map((ticket) => ticket.name)).to.deep.equal(['Lent']);
    });

    it('expires sessions on the next request that carries one', async () => {
      fake.state.failNext('expire-session');
      const token = await sessionToken();
      expect(fake.state.sessions.size).to.equal(1);
      const { status } = await call('getFullSession', { headers: { 'Session-Token': token } });
      expect(status).to.equal(401);
      expect(fake.state.sessions.size).to.equal(0);
    });

    it('records every request it answers', async () => {
      await sessionToken();
      expect(fake.state.requests.map((request) => [request.method, request.endpoint])).to.deep.equal([['GET', 'initSession']]);
      expect(fake.state.requests[0].headers.authorization).to.equal('user_token demo-user-token');
    });
  });

  it('serves relative to the page by default, for the demo', async () => {
    fake = createGlpiFake();
    await useHandlers(...fake.handlers);
    expect(fake.baseUrl).to.equal('/fake-glpi/apirest.php');
    const response = await fetch('/fake-glpi/apirest.php/initSession', { headers: { Authorization: `Basic ${btoa('demo:demo')}` } });
    expect(response.status).to.equal(200);
  });
});
