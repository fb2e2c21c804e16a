// The example relay (examples/freshdesk-relay.mjs) as a process, in front of a small
// stand-in for Freshdesk API v2 on node:http, both on 127.0.0.1. Node's own test runner,
// outside the browser suite:
//   node --test test/backends/freshdesk-relay.node-test.mjs
// The stand-in answers as developers.freshdesk.com/api documents (the verbatim copy
// FRESHDESK_API_DOCS.txt of ktsaou/freshdesk_mcp): `GET /contacts?email=` with an array,
// every contact when not filtered ("All unblocked and undeleted contacts will be returned
// by default"); a note (`POST /tickets/[id]/notes`) changes no status; `PUT /tickets/[id]`
// with `status` does; `GET /search/solutions?term=` answers a bare array of articles with
// their `status` and `folder_visibility`, `GET /solutions/articles/[id]` one article without
// the visibility, `GET /solutions/folders/[id]` its folder with it. Each relay started here
// is stopped by its own child process.
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { after, before, beforeEach, describe, it } from 'node:test';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const RELAY_FILE = fileURLToPath(new URL('../../examples/freshdesk-relay.mjs', import.meta.url));
const PREFIX = '/support/freshdesk';

const ANN = { id: 11, name: 'Ann Leroy', email: 'ann.leroy@example.org' };
const BOB = { id: 12, name: 'Bob Martin', email: 'bob.martin@example.org' };
const SESSIONS = {
  ann: { email: ANN.email, name: ANN.name },
  bob: { email: BOB.email, name: BOB.name },
  // Signed in on the host, never wrote to the helpdesk: no Freshdesk contact yet.
  carol: { email: 'carol.petit@example.org', name: 'Carol Petit' },
  // A host lookup that lost the email: must never widen a Freshdesk filter.
  blank: { email: '', name: 'Nobody' },
};

// ---- the stand-in for Freshdesk ----

const upstream = {
  contacts: [],
  tickets: new Map(),
  conversations: [],
  /** Every request it got: `METHOD path?query` and the JSON body. */
  log: [],
  /** Answers the next PUTs get instead of being carried out. */
  failPut: [],
  /** As Freshdesk does with no filter: every contact, whatever `email` says. */
  ignoreContactFilter: false,
  /** Solution folders by id, with their visibility, and the articles in them. */
  folders: new Map(),
  articles: [],
  server: undefined,
  url: '',
};

function resetUpstream() {
  upstream.contacts = [{ ...ANN }, { ...BOB }];
  upstream.tickets = new Map(
    [
      { id: 101, subject: 'Ann’s printer', requester_id: ANN.id, status: 2 },
      { id: 102, subject: 'Bob’s VPN', requester_id: BOB.id, status: 2 },
    ].map((ticket) => [ticket.id, { ...ticket, created_at: '2026-12-01T08:00:00Z', updated_at: '2026-12-01T08:00:00Z' }]),
  );
  upstream.conversations = [];
  upstream.log = [];
  upstream.failPut = [];
  upstream.ignoreContactFilter = false;
  // Folder visibility: 1 All Users, 2 Logged In Users, 3 Agents, 4 Selected Companies.
  upstream.folders = new Map([1, 2, 3, 4].map((visibility) => [70 + visibility, { id: 70 + visibility, name: `Folder ${visibility}`, visibility }]));
  const article = (id, title, folder, status = 2) => ({
    id,
    type: 1,
    category_id: 60,
    folder_id: folder,
    agent_id: 1,
    title,
    status,
    description: `<p>${title}: update the <b>client</b>.</p>`,
    description_text: `${title}: update the client.`,
    hits: 12,
    tags: ['internal-tag'],
    created_at: '2026-11-01T08:00:00Z',
    updated_at: '2026-11-02T08:00:00Z',
  });
  upstream.articles = [
    article(501, 'VPN for everyone', 71),
    article(502, 'VPN once signed in', 72),
    article(503, 'VPN draft', 71, 1),
    article(504, 'VPN for agents', 73),
    article(505, 'VPN for one company', 74),
  ];
}

const send = (response, status, body, headers = {}) => {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  response.end(body === undefined ? '' : JSON.stringify(body));
};

async function answerAsFreshdesk(request, response) {
  const url = new URL(request.url, upstream.url);
  let text = '';
  for await (const chunk of request) text += chunk;
  const body = text ? JSON.parse(text) : undefined;
  const path = url.pathname.replace(/^\/api\/v2\//, '');
  upstream.log.push({ call: `${request.method} ${path}${url.search}`, body });
  if (request.headers.authorization !== `Basic ${Buffer.from('test-key:X').toString('base64')}`) {
    return send(response, 401, { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' });
  }
  const email = url.searchParams.get('email')?.toLowerCase();
  if (request.method === 'GET' && path === 'contacts') {
    const rows = upstream.ignoreContactFilter || email === undefined ? upstream.contacts : upstream.contacts.filter((one) => one.email === email);
    return send(response, 200, rows);
  }
  if (request.method === 'GET' && path === 'tickets') {
    const contact = upstream.contacts.find((one) => one.email === email);
    return send(response, 200, [...upstream.tickets.values()].filter((one) => email === undefined || one.requester_id === contact?.id));
  }
  if (request.method === 'POST' && path === 'tickets') {
    const id = 100 + upstream.tickets.size + 1;
    upstream.tickets.set(id, { id, ...body, status: 2, created_at: '2026-12-07T08:00:00Z', updated_at: '2026-12-07T08:00:00Z' });
    return send(response, 201, upstream.tickets.get(id));
  }
  if (request.method === 'GET' && path === 'search/solutions') {
    // Search solution articles: every article holding the term, with its folder's visibility (an agent's key sees them all).
    const term = url.searchParams.get('term')?.toLowerCase() ?? '';
    const rows = upstream.articles.filter((one) => one.title.toLowerCase().includes(term));
    return send(response, 200, rows.map((one) => ({ ...one, folder_visibility: upstream.folders.get(one.folder_id).visibility })));
  }
  const solution = /^solutions\/(articles|folders)\/(\d+)$/.exec(path);
  if (request.method === 'GET' && solution) {
    const found = solution[1] === 'articles' ? upstream.articles.find((one) => one.id === Number(solution[2])) : upstream.folders.get(Number(solution[2]));
    return found ? send(response, 200, found) : send(response, 404);
  }
  const match = /^tickets\/(\d+)(\/notes|\/conversations)?$/.exec(path);
  const ticket = match && upstream.tickets.get(Number(match[1]));
  if (!ticket) return send(response, 404);
  if (request.method === 'GET' && !match[2]) return send(response, 200, ticket);
  if (request.method === 'GET' && match[2] === '/conversations') return send(response, 200, upstream.conversations.filter((one) => one.ticket_id === ticket.id));
  if (request.method === 'PUT' && !match[2]) {
    const failure = upstream.failPut.shift();
    if (failure) return send(response, failure.status, failure.body, failure.headers);
    // Update a Ticket: the status as sent.
    Object.assign(ticket, { status: body.status, updated_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z') });
    return send(response, 200, ticket);
  }
  if (request.method === 'POST' && match[2] === '/notes') {
    // Create a Note: stored as sent; the ticket's status stays as it is.
    const note = { id: 9000 + upstream.conversations.length, ticket_id: ticket.id, body: body.body, private: body.private, incoming: body.incoming, user_id: body.user_id };
    upstream.conversations.push(note);
    return send(response, 201, note, { Location: `${upstream.url}/api/v2/conversations/${note.id}` });
  }
  return send(response, 405);
}

// ---- the relay as a process ----

const children = new Set();

/**
 * Starts the relay script with only the given environment. Resolves once it listens
 * (`port`), or once it exits without listening (`code`); its stderr in both cases.
 */
function startRelay(env, file = RELAY_FILE) {
  const child = spawn(process.execPath, [file], { env: { PATH: process.env.PATH, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (output.stdout += chunk));
  child.stderr.on('data', (chunk) => (output.stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the relay neither listened nor exited: ${output.stderr}`)), 10_000);
    child.stdout.on('data', () => {
      const port = /Freshdesk relay on http:\/\/127\.0\.0\.1:(\d+)/.exec(output.stdout)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ port: Number(port), child, output });
      }
    });
    child.on('exit', (code) => {
      children.delete(child);
      clearTimeout(timer);
      resolve({ code, child, output });
    });
  });
}

function stopRelay(child) {
  if (child.exitCode === null && child.signalCode === null) child.kill();
}

const demoEnv = (extra = {}) => ({
  FRESHDESK_URL: upstream.url,
  FRESHDESK_API_KEY: 'test-key',
  FRESHDESK_RELAY_DEMO: '1',
  RELAY_DEMO_SESSIONS: JSON.stringify(SESSIONS),
  ...extra,
});

/** A call to the relay as the browser makes it, signed in on the host as `sid`. */
async function call(port, sid, path, init = {}) {
  const response = await fetch(`http://127.0.0.1:${port}${PREFIX}/api/v2/${path}`, {
    ...init,
    headers: { Accept: 'application/json', ...(sid ? { Cookie: `sid=${sid}` } : {}), ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const note = (body) => ({ method: 'POST', body: JSON.stringify({ body }) });
const calls = (pattern) => upstream.log.filter((entry) => pattern.test(entry.call));

async function waitFor(condition, what, timeout = 5000) {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

before(async () => {
  upstream.server = createServer((request, response) => void answerAsFreshdesk(request, response));
  await new Promise((resolve) => upstream.server.listen(0, '127.0.0.1', resolve));
  upstream.url = `http://127.0.0.1:${upstream.server.address().port}`;
});

after(async () => {
  for (const child of children) stopRelay(child);
  await new Promise((resolve) => upstream.server.close(resolve));
});

beforeEach(resetUpstream);

describe('the relay refuses to start while nobody wrote its identity lookup', () => {
  it('exits with a loud message naming signedInPerson and the demo flag, before listening', async () => {
    const { code, port, output } = await startRelay({ FRESHDESK_URL: upstream.url, FRESHDESK_API_KEY: 'test-key' });
    assert.equal(port, undefined);
    assert.equal(code, 1);
    assert.match(output.stderr, /THE FRESHDESK RELAY DID NOT START/);
    assert.match(output.stderr, /signedInPerson\(request\) in examples\/freshdesk-relay\.mjs is still the demo lookup/);
    assert.match(output.stderr, /FRESHDESK_RELAY_DEMO=1/);
    assert.equal(output.stdout, '');
  });

  it('takes FRESHDESK_RELAY_DEMO=1 for a trial, says so, and on loopback only', async () => {
    const demo = await startRelay(demoEnv());
    assert.ok(demo.port);
    assert.match(demo.output.stdout + demo.output.stderr, /DEMO SESSIONS/);
    stopRelay(demo.child);
    const exposed = await startRelay(demoEnv({ HOST: '0.0.0.0' }));
    assert.equal(exposed.code, 1);
    assert.match(exposed.output.stderr, /loopback only, not on HOST=0\.0\.0\.0/);
  });

  it('starts once the lookup is the host’s own, without the demo flag', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'freshdesk-relay-'));
    try {
      const source = await readFile(RELAY_FILE, 'utf8');
      const line = 'return demoSignedInPerson(request); // ← REPLACE THIS LINE with your session lookup';
      assert.ok(source.includes(line), 'the line the README tells hosts to replace');
      // A stand-in for the host's session store (a test only: a real lookup never trusts a header).
      const file = join(dir, 'relay.mjs');
      await writeFile(file, source.replace(line, "return request.headers['x-test-session'] === 'ann' ? { email: 'ann.leroy@example.org', name: 'Ann' } : undefined;"));
      const relay = await startRelay({ FRESHDESK_URL: upstream.url, FRESHDESK_API_KEY: 'test-key' }, file);
      assert.ok(relay.port, relay.output.stderr);
      assert.doesNotMatch(relay.output.stdout + relay.output.stderr, /DEMO SESSIONS/);
      const response = await fetch(`http://127.0.0.1:${relay.port}${PREFIX}/api/v2/tickets/101`, { headers: { 'X-Test-Session': 'ann' } });
      assert.equal(response.status, 200);
      stopRelay(relay.child);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start without Freshdesk’s account and key', async () => {
    const { code, output } = await startRelay({ FRESHDESK_RELAY_DEMO: '1' });
    assert.equal(code, 1);
    assert.match(output.stderr, /FRESHDESK_API_KEY/);
  });
});

describe('the relay in front of Freshdesk', () => {
  let relay;
  before(async () => {
    relay = await startRelay(demoEnv({ RELAY_REOPEN_RETRY: '0.3' }));
    assert.ok(relay.port, relay.output.stderr);
  });
  after(() => stopRelay(relay.child));

  describe('two people never share a contact', () => {
    it('looks each person up by their own email and shows each their own tickets only', async () => {
      const annList = await call(relay.port, 'ann', 'tickets');
      const bobList = await call(relay.port, 'bob', 'tickets');
      assert.deepEqual(annList.body.map((one) => one.id), [101]);
      assert.deepEqual(bobList.body.map((one) => one.id), [102]);
      assert.deepEqual(
        calls(/^GET contacts/).map((entry) => entry.call),
        [`GET contacts?email=${encodeURIComponent(ANN.email)}`, `GET contacts?email=${encodeURIComponent(BOB.email)}`],
      );
      // Ann's contact, kept for Ann, is never Bob's: each ticket is its requester's only.
      assert.equal((await call(relay.port, 'bob', 'tickets/101')).status, 403);
      assert.equal((await call(relay.port, 'ann', 'tickets/102')).status, 403);
      assert.equal((await call(relay.port, 'ann', 'tickets/101')).status, 200);
      assert.equal((await call(relay.port, 'bob', 'tickets/102')).status, 200);
      assert.equal((await call(relay.port, 'bob', 'tickets/101/notes', note('<p>me too</p>'))).status, 403);
      assert.equal(upstream.conversations.length, 0);
      // Each kept their own contact for the next calls (RELAY_CONTACT_TTL), looked up once each.
      assert.equal(calls(/^GET contacts/).length, 2);
    });

    it('takes only a contact whose email is the person’s, never the first row Freshdesk sends', async () => {
      // Freshdesk answering every contact (a filter it did not apply): Ann comes first.
      upstream.ignoreContactFilter = true;
      assert.deepEqual((await call(relay.port, 'carol', 'tickets')).body, []);
      assert.equal((await call(relay.port, 'carol', 'tickets/101')).status, 403);
      assert.equal((await call(relay.port, 'carol', 'tickets/101/notes', note('<p>hello</p>'))).status, 403);
      assert.equal(upstream.conversations.length, 0);
      // No list of Ann's tickets was even asked for Carol.
      assert.deepEqual(calls(/^GET tickets\?/), []);
    });

    it('refuses a signed-in person without an email instead of sending an empty filter', async () => {
      const { status, body } = await call(relay.port, 'blank', 'tickets');
      assert.equal(status, 500);
      assert.equal(body.code, 'relay_error');
      assert.deepEqual(upstream.log, []);
    });

    it('knows nobody by a session id that names an object’s own property', async () => {
      for (const sid of ['__proto__', 'constructor', 'toString', '%E0%A4%A']) {
        assert.equal((await call(relay.port, sid, 'tickets')).status, 401, sid);
      }
      assert.deepEqual(upstream.log, []);
    });
  });

  describe('a reply reopens a waiting, resolved or closed ticket, as an email reply would', () => {
    for (const [status, name] of [
      [3, 'Pending'],
      [4, 'Resolved'],
      [5, 'Closed'],
    ]) {
      it(`posts the note, then sets a ${name} ticket back to Open`, async () => {
        upstream.tickets.get(101).status = status;
        const { status: code, body } = await call(relay.port, 'ann', 'tickets/101/notes', note('<p>Still broken</p>'));
        assert.equal(code, 201);
        assert.deepEqual([body.incoming, body.private, body.user_id], [true, false, ANN.id]);
        assert.deepEqual(
          upstream.log.filter((entry) => entry.call.startsWith('POST') || entry.call.startsWith('PUT')),
          [
            { call: 'POST tickets/101/notes', body: { body: '<p>Still broken</p>', private: false, incoming: true, user_id: ANN.id } },
            { call: 'PUT tickets/101', body: { status: 2 } },
          ],
        );
        assert.equal(upstream.tickets.get(101).status, 2);
      });
    }

    it('leaves an Open ticket and a custom status alone', async () => {
      await call(relay.port, 'ann', 'tickets/101/notes', note('<p>More detail</p>'));
      upstream.tickets.get(102).status = 7;
      await call(relay.port, 'bob', 'tickets/102/notes', note('<p>More detail</p>'));
      assert.deepEqual(calls(/^PUT/), []);
      assert.deepEqual([upstream.tickets.get(101).status, upstream.tickets.get(102).status], [2, 7]);
    });

    it('still answers the note as posted when the reopen fails, and tries once more', async () => {
      upstream.tickets.get(101).status = 3;
      upstream.failPut.push({ status: 500, body: { code: 'internal_error', message: 'We are sorry, something went wrong.' } });
      const { status, body } = await call(relay.port, 'ann', 'tickets/101/notes', note('<p>Here is the log</p>'));
      assert.equal(status, 201);
      assert.equal(body.body, '<p>Here is the log</p>');
      assert.equal(upstream.tickets.get(101).status, 3);
      assert.equal(upstream.conversations.length, 1);
      // RELAY_REOPEN_RETRY=0.3: the ticket read again, still Pending, then reopened.
      await waitFor(() => upstream.tickets.get(101).status === 2, 'the second reopen');
      assert.equal(calls(/^PUT tickets\/101$/).length, 2);
      assert.match(relay.output.stderr, /ticket 101 stays in status 3 after the requester's reply \(HTTP 500/);
    });

    it('waits as long as Retry-After says, and leaves the ticket to an agent who changed it meanwhile', async () => {
      upstream.tickets.get(101).status = 3;
      upstream.failPut.push({ status: 429, body: { code: 'rate_limit_exceeded', message: 'You have exceeded the limit of requests per minute' }, headers: { 'Retry-After': '1' } });
      assert.equal((await call(relay.port, 'ann', 'tickets/101/notes', note('<p>Any news?</p>'))).status, 201);
      assert.match(relay.output.stderr, /trying again in 1 s/);
      upstream.tickets.get(101).status = 4; // an agent resolves it before the retry
      await waitFor(() => calls(/^GET tickets\/101$/).length >= 2, 'the ticket read again', 3000);
      await sleep(100);
      assert.equal(calls(/^PUT tickets\/101$/).length, 1);
      assert.equal(upstream.tickets.get(101).status, 4);
    });

    it('lets the person set Open or Closed themselves, nothing else', async () => {
      const put = (status) => call(relay.port, 'ann', 'tickets/101', { method: 'PUT', body: JSON.stringify({ status }) });
      assert.equal((await put(5)).status, 200);
      assert.equal((await put(2)).status, 200);
      const refused = await put(4);
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.body.errors.map((one) => one.field), ['status']);
      assert.equal(upstream.tickets.get(101).status, 2);
    });
  });
});

describe('people a new ticket copies (cc_emails), only as many as the owner allows', () => {
  const ticket = (cc) => ({ method: 'POST', body: JSON.stringify({ subject: 'VPN', description: '<p>Down</p>', status: 2, ...(cc ? { cc_emails: cc } : {}) }) });

  it('refuses cc_emails by default: each address would receive the helpdesk’s mail', async () => {
    const relay = await startRelay(demoEnv());
    try {
      const refused = await call(relay.port, 'ann', 'tickets', ticket(['boss@example.com']));
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.body.errors.map((error) => [error.field, error.code]), [['cc_emails', 'invalid_field']]);
      assert.equal(calls(/^POST tickets$/).length, 0);
      assert.equal((await call(relay.port, 'ann', 'tickets', ticket())).status, 201);
    } finally {
      stopRelay(relay.child);
    }
  });

  it('with RELAY_ALLOW_CC=2, passes on two addresses, and refuses three, a list that is not one, or a string that is not an address', async () => {
    const relay = await startRelay(demoEnv({ RELAY_ALLOW_CC: '2' }));
    try {
      const sent = await call(relay.port, 'ann', 'tickets', ticket(['boss@example.com', 'it@example.com']));
      assert.equal(sent.status, 201);
      assert.deepEqual(calls(/^POST tickets$/)[0].body.cc_emails, ['boss@example.com', 'it@example.com']);
      assert.equal(calls(/^POST tickets$/)[0].body.email, ANN.email, 'the requester is still the person signed in');
      for (const wrong of [['a@example.com', 'b@example.com', 'c@example.com'], 'boss@example.com', ['boss@example.com, it@example.com'], ['not an address']]) {
        const refused = await call(relay.port, 'ann', 'tickets', ticket(wrong));
        assert.equal(refused.status, 400, JSON.stringify(wrong));
        assert.deepEqual(refused.body.errors.map((error) => error.field), ['cc_emails']);
      }
      assert.equal(calls(/^POST tickets$/).length, 1);
    } finally {
      stopRelay(relay.child);
    }
  });
});

describe('solution articles through the relay', () => {
  let relay;
  let withPortal;
  before(async () => {
    relay = await startRelay(demoEnv());
    withPortal = await startRelay(demoEnv({ FRESHDESK_PORTAL_URL: 'https://support.example.org/' }));
    assert.ok(relay.port && withPortal.port, relay.output.stderr + withPortal.output.stderr);
  });
  after(() => {
    stopRelay(relay.child);
    stopRelay(withPortal.child);
  });

  const fields = (id, title) => ({ id, title, description: `<p>${title}: update the <b>client</b>.</p>`, description_text: `${title}: update the client.` });

  it('finds published articles of folders every customer may read, and answers only what the widget shows', async () => {
    const { status, body } = await call(relay.port, 'ann', 'search/solutions?term=vpn&per_page=100');
    assert.equal(status, 200);
    // Not the draft, nor the agents' folder, nor a folder for some companies; no author, tags or hits.
    assert.deepEqual(body, [fields(501, 'VPN for everyone'), fields(502, 'VPN once signed in')]);
    // Only the term goes to Freshdesk.
    assert.deepEqual(upstream.log.map((entry) => entry.call), ['GET search/solutions?term=vpn']);
    const linked = await call(withPortal.port, 'bob', 'search/solutions?term=everyone');
    assert.deepEqual(linked.body, [{ ...fields(501, 'VPN for everyone'), url: 'https://support.example.org/support/solutions/articles/501' }]);
  });

  it('reads an article the person may read, and answers the others as not found', async () => {
    const read = await call(relay.port, 'ann', 'solutions/articles/502');
    assert.deepEqual([read.status, read.body], [200, fields(502, 'VPN once signed in')]);
    assert.deepEqual(upstream.log.map((entry) => entry.call), ['GET solutions/articles/502', 'GET solutions/folders/72']);
    for (const id of [503, 504, 505, 599]) assert.equal((await call(relay.port, 'ann', `solutions/articles/${id}`)).status, 404, String(id));
    assert.equal((await call(withPortal.port, 'ann', 'solutions/articles/501')).body.url, 'https://support.example.org/support/solutions/articles/501');
  });

  it('asks Freshdesk nothing for a blank term, nor for someone not signed in', async () => {
    assert.deepEqual((await call(relay.port, 'ann', 'search/solutions?term=%20')).body, []);
    assert.equal((await call(relay.port, undefined, 'search/solutions?term=vpn')).status, 401);
    assert.equal((await call(relay.port, undefined, 'solutions/articles/501')).status, 401);
    assert.deepEqual(upstream.log, []);
  });
});
