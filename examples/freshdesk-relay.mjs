// A relay between the widget and Freshdesk API v2, on node:http with Node's own fetch
// (Node ≥ 20, no dependencies). Why: a Freshdesk API key is an agent's key with all of
// that agent's rights; in a page, anyone could read it and see every ticket. The relay
// keeps the key on the server, learns who is signed in from the host's own session
// (`signedInPerson` below: THE function to write), and lets that person reach only their
// own tickets:
//   - a new ticket's requester is the person (`email`), and the list is filtered on them;
//   - a ticket, its conversations, a note, a status change: only on their own tickets;
//   - a requester's fields only (no `responder_id`, status 2 or 5 only, and `cc_emails` at
//     creation only when RELAY_ALLOW_CC says how many: each address receives the helpdesk's
//     mail about the ticket, so a relay open to any address would let anyone mail anyone);
//   - their messages become public incoming notes of their contact (`user_id`), and a
//     message on a Pending, Resolved or Closed ticket sets it back to Open, as their email
//     reply would (Freshdesk leaves the status of a ticket as it is after a note);
//   - private notes never leave the server;
//   - files come through `…/tickets/:id/attachments/:attachment`, fetched here from
//     Freshdesk's short-lived CDN link;
//   - solution articles (the suggestions under a new ticket's title): the search and one
//     article, published ones in folders every customer may read only, their title and
//     text only.
//
//   FRESHDESK_ACCOUNT=acme FRESHDESK_API_KEY=… node examples/freshdesk-relay.mjs
//   widget: { "backend": { "type": "freshdesk", "url": "/support/freshdesk" } }
//
// It refuses to start until `signedInPerson` is yours (FRESHDESK_RELAY_DEMO=1 tries it with
// made-up sessions, on loopback only). Other settings, all optional:
//   FRESHDESK_URL          Freshdesk's address instead of https://<FRESHDESK_ACCOUNT>.freshdesk.com (a local stub)
//   RELAY_PATH             where the widget calls it (default /support/freshdesk)
//   HOST, PORT             where it listens (default 127.0.0.1:8788, for a reverse proxy on the same machine)
//   RELAY_ALLOWED_ORIGINS  other origins of the host allowed to call it, comma-separated
//   RELAY_REOPEN_STATUSES  statuses a reply sets back to Open (default 3,4,5; add custom "waiting" ones)
//   RELAY_REOPEN_RETRY     seconds before the one retry of a failed reopen (default 30; Retry-After wins)
//   RELAY_CONTACT_TTL      seconds a person's contact id is kept (default 60; 0: looked up on every call)
//   FRESHDESK_PORTAL_URL   the customer portal (https://support.example.com), for links to its articles
//   RELAY_ALLOW_CC         people a new ticket may copy (cc_emails), e.g. 5; default 0: refused. Set the
//                          widget's `backend.cc` to true with it, and it offers "People to keep informed"
//
// Mount it under the host's own origin (a reverse-proxy location, or these handlers in
// the host's server) so that the session cookie reaches it and no CORS is needed.
import { createServer } from 'node:http';

const env = process.env;

// ███████████████████████████████████████████████████████████████████████████████████████
// ██  THE ONE FUNCTION YOU MUST WRITE: signedInPerson(request)                          ██
// ███████████████████████████████████████████████████████████████████████████████████████
// It is the whole security model: the relay holds a key that reads every ticket of the
// account, and shows a person the tickets of the email this function returns. Answer from
// YOUR session store (the session cookie your site set and verifies), never from anything
// the browser chooses (a header, a query parameter, an unsigned cookie).
// Return { email, name } of the person signed in on your site, or undefined for nobody.
// While this body still calls demoSignedInPerson, the relay refuses to start unless
// FRESHDESK_RELAY_DEMO=1 is set (a local trial; it then listens on loopback only).
async function signedInPerson(request) {
  return demoSignedInPerson(request); // ← REPLACE THIS LINE with your session lookup
}

/**
 * DEMO ONLY, never in production: sessions from RELAY_DEMO_SESSIONS='{"<sid>":{"email":"…","name":"…"}}',
 * chosen by a `sid` cookie that anyone can set to anything.
 */
const DEMO_SESSIONS = new Map(Object.entries(JSON.parse(env.RELAY_DEMO_SESSIONS ?? '{}')));
function demoSignedInPerson(request) {
  const sid = /(?:^|;\s*)sid=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  try {
    // A Map, not an object's keys: a `sid` of "__proto__" or "constructor" is nobody.
    return sid ? DEMO_SESSIONS.get(decodeURIComponent(sid)) : undefined;
  } catch {
    return undefined; // a malformed %-escape
  }
}

// ---- start-up: refuse what would expose every ticket ----

const HOST = env.HOST ?? '127.0.0.1';
const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];
/** Still the demo lookup: the function's own text calls it (the host removes that call when writing theirs). */
const DEMO = /\bdemoSignedInPerson\s*\(/.test(signedInPerson.toString());

function refuseToStart(...lines) {
  const rule = '!'.repeat(88);
  console.error(['', rule, '!! THE FRESHDESK RELAY DID NOT START', rule, ...lines.map((line) => `!! ${line}`), rule, ''].join('\n'));
  process.exit(1);
}

if (DEMO && env.FRESHDESK_RELAY_DEMO !== '1') {
  refuseToStart(
    'signedInPerson(request) in examples/freshdesk-relay.mjs is still the demo lookup.',
    'It is the whole security model: the relay holds an agent key that reads EVERY ticket, and the',
    'demo lookup believes a `sid` cookie that anyone can set, so anyone could read anyone’s tickets.',
    'Replace its body with your own session lookup (return { email, name } of the person signed in',
    'on your site, or undefined). To try the relay locally with made-up sessions, set',
    'FRESHDESK_RELAY_DEMO=1 and RELAY_DEMO_SESSIONS=\'{"<sid>":{"email":"…","name":"…"}}\'.',
  );
}
if (DEMO && !LOOPBACK.includes(HOST)) {
  refuseToStart(`FRESHDESK_RELAY_DEMO=1 listens on loopback only, not on HOST=${HOST}: its sessions are a cookie anyone can forge.`);
}
if (!env.FRESHDESK_API_KEY || !(env.FRESHDESK_ACCOUNT || env.FRESHDESK_URL)) {
  refuseToStart('Set FRESHDESK_ACCOUNT (acme for acme.freshdesk.com) and FRESHDESK_API_KEY (an agent’s API key).');
}

const FRESHDESK = env.FRESHDESK_URL ?? `https://${env.FRESHDESK_ACCOUNT}.freshdesk.com`;
const PREFIX = env.RELAY_PATH ?? '/support/freshdesk';
/** Other origins of the host allowed to call (a relay on `api.example.com` for `www.example.com`), comma-separated. */
const ORIGINS = (env.RELAY_ALLOWED_ORIGINS ?? '').split(',').filter(Boolean);
const AUTH = `Basic ${Buffer.from(`${env.FRESHDESK_API_KEY}:X`).toString('base64')}`;
/** Freshdesk's built-in statuses (developers.freshdesk.com/api, "Ticket Properties"): 2 Open, 3 Pending, 4 Resolved, 5 Closed. */
const OPEN = 2;
const CLOSED = 5;
const REOPEN_STATUSES = (env.RELAY_REOPEN_STATUSES ?? '3,4,5').split(',').map(Number).filter((status) => Number.isInteger(status) && status !== OPEN);
/** Seconds from the environment as milliseconds, the default when unset or not a number ≥ 0. */
const seconds = (value, otherwise) => 1000 * (value && Number(value) >= 0 ? Number(value) : otherwise);
const REOPEN_RETRY_MS = seconds(env.RELAY_REOPEN_RETRY, 30);
const CONTACT_TTL_MS = seconds(env.RELAY_CONTACT_TTL, 60);
/** How many people a new ticket may copy (`cc_emails`); 0 refuses the field. */
const ALLOW_CC = Math.max(0, Math.floor(Number(env.RELAY_ALLOW_CC) || 0));
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

const freshdesk = (path, init = {}) =>
  fetch(`${FRESHDESK}/api/v2/${path}`, { ...init, headers: { Authorization: AUTH, Accept: 'application/json', ...init.headers } });

/** An answer for the widget thrown from deep inside a route (a refusal, Freshdesk's own error passed on). */
class Answer {
  constructor(answer) {
    this.answer = answer;
  }
}

/**
 * The person `signedInPerson` returned, checked: Freshdesk knows a requester by their email,
 * so a person without one would make `contacts?email=` and `tickets?email=` unfiltered
 * (Freshdesk: "All unblocked and undeleted contacts will be returned by default").
 */
function personOf(found) {
  if (found === undefined || found === null) return undefined;
  const email = typeof found.email === 'string' ? found.email.trim() : '';
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    console.error('Freshdesk relay: signedInPerson returned a person without a usable email; refused.');
    throw new Answer(json(500, { code: 'relay_error', message: 'The relay could not tell who is signed in' }));
  }
  const name = typeof found.name === 'string' && found.name.trim() ? found.name.trim() : email;
  // The cache key: the person, by the only identity Freshdesk pins them with (emails compare without case).
  return { email, name, key: email.toLowerCase() };
}

/**
 * Contact ids by person (their email, lower-cased), each kept CONTACT_TTL_MS: an agent may
 * change a contact's email or merge contacts, and an old id must not outlive that for long.
 * Only a found contact is kept (the first ticket makes it), and only for the person it was
 * looked up for.
 */
const contacts = new Map();
const MAX_CONTACTS = 10_000;

async function contactId(person) {
  const cached = contacts.get(person.key);
  if (cached && cached.until > Date.now()) return cached.id;
  contacts.delete(person.key);
  const response = await freshdesk(`contacts?email=${encodeURIComponent(person.email)}`);
  if (!response.ok) throw new Answer(await passOn(response));
  const rows = await response.json();
  // Never "the first row": only the contact whose primary email is this person's. Another
  // contact with this email among its `other_emails` is not taken for them.
  const contact = Array.isArray(rows) ? rows.find((row) => typeof row?.email === 'string' && row.email.toLowerCase() === person.key) : undefined;
  if (!contact) return undefined;
  if (CONTACT_TTL_MS > 0) {
    if (contacts.size >= MAX_CONTACTS) {
      for (const [key, entry] of contacts) if (entry.until <= Date.now() || contacts.size >= MAX_CONTACTS) contacts.delete(key);
    }
    contacts.set(person.key, { id: contact.id, until: Date.now() + CONTACT_TTL_MS });
  }
  return contact.id;
}

// ---- solution articles ----

/**
 * Freshdesk's article statuses and folder visibilities (developers.freshdesk.com/api,
 * "Solutions": status 1 draft, 2 published; "Folder Visibility Properties": 1 All Users,
 * 2 Logged In Users, 3 Agents, 4 Selected Companies, 5 Bots, 6 and 7 segments). The key is an
 * agent's, and nothing documented says that the search leaves drafts or agents' folders out:
 * the relay keeps published articles of folders every customer may read. Folders for some
 * companies or segments are left out too, since the relay does not check who is in them.
 */
const PUBLISHED = 2;
const CUSTOMER_FOLDERS = [1, 2];
/** `https://<domain>/support/solutions/articles/<id>`: not in the API documentation, seen on portals. */
const PORTAL = env.FRESHDESK_PORTAL_URL?.replace(/\/+$/, '');

/** What the widget shows of an article, nothing more (no author, folder, tags nor hits). */
const articleOf = (row) => ({
  id: row.id,
  title: row.title,
  description: row.description,
  description_text: row.description_text,
  ...(PORTAL ? { url: `${PORTAL}/support/solutions/articles/${row.id}` } : {}),
});

/** `GET /api/v2/search/solutions?term=` ("Search solution articles"): a bare array, each row with its `folder_visibility`. */
async function searchArticles(term) {
  if (!term.trim()) return json(200, []);
  const response = await freshdesk(`search/solutions?term=${encodeURIComponent(term.trim())}`);
  if (!response.ok) return passOn(response);
  const rows = await response.json();
  const readable = (row) => row?.status === PUBLISHED && CUSTOMER_FOLDERS.includes(row.folder_visibility);
  return json(200, (Array.isArray(rows) ? rows : []).filter(readable).map(articleOf));
}

/**
 * `GET /api/v2/solutions/articles/[id]` ("View a Solution Article"), which does not give its
 * folder's visibility: `GET /api/v2/solutions/folders/[id]` ("View a Solution Folder") does.
 * An article the person may not read is answered as one that does not exist.
 */
async function readArticle(id) {
  const response = await freshdesk(`solutions/articles/${id}`);
  if (!response.ok) return passOn(response);
  const article = await response.json();
  if (article.status !== PUBLISHED || !Number.isInteger(article.folder_id)) return json(404);
  const folder = await freshdesk(`solutions/folders/${article.folder_id}`);
  if (!folder.ok) return folder.status === 404 ? json(404) : passOn(folder);
  return CUSTOMER_FOLDERS.includes((await folder.json()).visibility) ? json(200, articleOf(article)) : json(404);
}

/** Answers in Freshdesk's own shapes, so the widget reads the relay's refusals like Freshdesk's. */
const json = (status, body) => ({ status, body: body === undefined ? '' : JSON.stringify(body), headers: { 'Content-Type': 'application/json; charset=utf-8' } });
const invalidFields = (fields) =>
  json(400, { description: 'Validation failed', errors: fields.map((field) => ({ field, message: 'Unexpected/invalid field in request', code: 'invalid_field' })) });
const FORBIDDEN = json(403, { code: 'access_denied', message: 'You are not authorized to perform this action.' });

/** A Freshdesk URL as the relay's: the account stays unnamed, the filter the relay added is dropped. */
function toRelay(link) {
  const target = new URL(link, FRESHDESK);
  target.searchParams.delete('email');
  return `${PREFIX}${target.pathname}${target.search}`;
}

/** Freshdesk's answer passed on: its status, body (changed by `edit`), and the headers the widget reads. */
async function passOn(response, edit = (body) => body) {
  const text = await response.text();
  const headers = { 'Content-Type': response.headers.get('content-type') ?? 'application/json' };
  for (const name of ['retry-after', 'x-ratelimit-total', 'x-ratelimit-remaining', 'x-ratelimit-used-currentrequest', 'link', 'location']) {
    const value = response.headers.get(name);
    if (value) headers[name] = name === 'link' ? value.replace(/<([^>]*)>/g, (_, link) => `<${toRelay(link)}>`) : name === 'location' ? toRelay(value) : value;
  }
  return { status: response.status, body: response.ok && text ? JSON.stringify(edit(JSON.parse(text))) : text, headers };
}

/** The body's fields, JSON or multipart, the keys a requester sent (`tags[]` → `tags`), and a list field's items. */
async function readFields(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) {
    const fields = JSON.parse(Buffer.concat(chunks).toString() || '{}');
    return { fields, keys: Object.keys(fields), list: (name) => fields[name], set: (name, value) => (fields[name] = value), body: () => JSON.stringify(fields), type: 'application/json' };
  }
  const form = await new Response(Buffer.concat(chunks), { headers: { 'Content-Type': type } }).formData();
  // A list goes as `name[]` entries, one per item (as the widget sends tags with files).
  const list = (name) => (form.has(`${name}[]`) ? form.getAll(`${name}[]`) : (form.get(name) ?? undefined));
  return { fields: Object.fromEntries(form), keys: [...new Set([...form.keys()].map((key) => key.replace(/\[.*$/, '')))], list, set: (name, value) => form.set(name, String(value)), body: () => form };
}

/** Forwards a POST/PUT whose fields a requester may send, after `pin` set what the relay decides. */
async function forward(method, path, request, allowed, pin) {
  const body = await readFields(request);
  const unexpected = body.keys.filter((key) => !allowed.includes(key));
  if (unexpected.length) return invalidFields(unexpected);
  const refusal = await pin(body);
  if (refusal) return refusal;
  return passOn(await freshdesk(path, { method, body: body.body(), headers: body.type ? { 'Content-Type': body.type } : {} }));
}

/**
 * After the person's note on a ticket in one of REOPEN_STATUSES: the ticket back to Open
 * (`PUT /api/v2/tickets/[id]` with `status`, developers.freshdesk.com/api "Update a Ticket").
 * Why: "Create a Note" changes no status, while Freshdesk's own rule for a customer's reply
 * is that the ticket "always moves back to open", Closed included (support.freshdesk.com,
 * "Understanding ticket statuses", article 37600; training.freshdesk.com article 3000031729).
 * The note is posted whatever happens here, so nothing here reaches the person: a failure
 * is logged and tried once more later, unless the ticket's status changed in between (an
 * agent's choice wins).
 */
async function reopenAfterReply(id, seen, attempt = 1) {
  let failure;
  let retryAfter;
  try {
    const response = await freshdesk(`tickets/${id}`, {
      method: 'PUT',
      body: JSON.stringify({ status: OPEN }),
      headers: { 'Content-Type': 'application/json' },
      // Well within the widget's own timeout: a reply must not look lost because of this.
      signal: AbortSignal.timeout(5000),
    });
    if (response.ok) return;
    failure = `HTTP ${response.status} ${(await response.text()).slice(0, 200)}`;
    retryAfter = Number(response.headers.get('retry-after')) * 1000 || undefined;
  } catch (error) {
    failure = String(error);
  }
  const delay = retryAfter ?? REOPEN_RETRY_MS;
  console.error(
    `Freshdesk relay: ticket ${id} stays in status ${seen} after the requester's reply (${failure}); ` +
      (attempt === 1 ? `trying again in ${delay / 1000} s.` : 'not trying again: an agent should set it to Open.'),
  );
  if (attempt > 1) return;
  setTimeout(async () => {
    try {
      const viewed = await freshdesk(`tickets/${id}`);
      if (viewed.ok && (await viewed.json()).status === seen) await reopenAfterReply(id, seen, attempt + 1);
    } catch (error) {
      console.error(`Freshdesk relay: ticket ${id} could not be read again to reopen it (${error}).`);
    }
  }, delay).unref();
}

async function route(request, url, person) {
  const path = url.pathname.slice(PREFIX.length);
  const method = request.method;
  if (path === '/api/v2/tickets' && method === 'GET') {
    const query = new URLSearchParams([...url.searchParams].filter(([name]) => ['page', 'per_page', 'updated_since', 'order_by', 'order_type', 'include'].includes(name)));
    if (!(await contactId(person))) return json(200, []);
    query.set('email', person.email);
    return passOn(await freshdesk(`tickets?${query}`));
  }
  if (path === '/api/v2/tickets' && method === 'POST') {
    const fields = ['subject', 'description', 'status', 'priority', 'type', 'tags', 'custom_fields', 'attachments', ...(ALLOW_CC ? ['cc_emails'] : [])];
    return forward('POST', 'tickets', request, fields, async (body) => {
      if (body.fields.status !== undefined && Number(body.fields.status) !== OPEN) return invalidFields(['status']);
      const cc = body.list('cc_emails');
      // A list of addresses, each one an address, as many as the owner allows.
      if (cc !== undefined && (!Array.isArray(cc) || cc.length > ALLOW_CC || !cc.every((one) => typeof one === 'string' && EMAIL.test(one)))) {
        return invalidFields(['cc_emails']);
      }
      body.set('email', person.email);
      if (!(await contactId(person))) body.set('name', person.name);
    });
  }
  if (path === '/api/v2/search/solutions' && method === 'GET') return searchArticles(url.searchParams.get('term') ?? '');
  const article = /^\/api\/v2\/solutions\/articles\/(\d+)$/.exec(path);
  if (article && method === 'GET') return readArticle(article[1]);
  const match = /^\/api\/v2\/tickets\/(\d+)(\/conversations|\/notes|\/attachments\/(\d+))?$/.exec(path);
  if (!match) return json(404);
  const [, id, sub, attachment] = match;
  // The ticket, read as the agent: is it the person's?
  const include = url.searchParams.get('include');
  const viewed = await freshdesk(`tickets/${id}${!sub && include ? `?include=${encodeURIComponent(include)}` : ''}`);
  if (!viewed.ok) return passOn(viewed);
  const ticket = await viewed.clone().json();
  const contact = await contactId(person);
  if (!contact || ticket.requester_id !== contact) return FORBIDDEN;
  const publicOnly = (conversations) => conversations.filter((conversation) => !conversation.private);
  if (!sub && method === 'GET') return passOn(viewed, (body) => (body.conversations ? { ...body, conversations: publicOnly(body.conversations) } : body));
  if (!sub && method === 'PUT') {
    return forward('PUT', `tickets/${id}`, request, ['status'], (body) => (![OPEN, CLOSED].includes(Number(body.fields.status)) ? invalidFields(['status']) : undefined));
  }
  if (sub === '/conversations' && method === 'GET') {
    const query = new URLSearchParams([...url.searchParams].filter(([name]) => ['page', 'per_page'].includes(name)));
    return passOn(await freshdesk(`tickets/${id}/conversations?${query}`), publicOnly);
  }
  if (sub === '/notes' && method === 'POST') {
    const answer = await forward('POST', `tickets/${id}/notes`, request, ['body', 'private', 'incoming', 'attachments'], (body) => {
      body.set('private', false);
      body.set('incoming', true);
      body.set('user_id', contact);
    });
    // The status read just above, before the note: a reply on a waiting, resolved or closed ticket reopens it.
    if (answer.status === 201 && REOPEN_STATUSES.includes(ticket.status)) await reopenAfterReply(id, ticket.status);
    return answer;
  }
  if (attachment && method === 'GET') {
    let file = ticket.attachments?.find((one) => String(one.id) === attachment);
    for (let page = 1; !file; page++) {
      const conversations = await (await freshdesk(`tickets/${id}/conversations?per_page=100&page=${page}`)).json();
      file = publicOnly(conversations).flatMap((one) => one.attachments ?? []).find((one) => String(one.id) === attachment);
      if (conversations.length < 100) break;
    }
    if (!file) return json(404);
    // A signed CDN link: no key needed, and it expires, so it is fetched now.
    const bytes = await fetch(file.attachment_url);
    return { status: bytes.status, body: Buffer.from(await bytes.arrayBuffer()), headers: { 'Content-Type': file.content_type, 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}` } };
  }
  return json(404);
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://relay');
  const origin = request.headers.origin;
  const cors = origin && ORIGINS.includes(origin)
    ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin', 'Access-Control-Expose-Headers': 'link, location, retry-after, x-ratelimit-total, x-ratelimit-remaining, x-ratelimit-used-currentrequest' }
    : {};
  let answer;
  try {
    if (!url.pathname.startsWith(`${PREFIX}/api/v2/`)) answer = json(404);
    else if (request.method === 'OPTIONS' && cors['Access-Control-Allow-Origin']) {
      answer = { status: 204, body: '', headers: { 'Access-Control-Allow-Methods': 'GET, POST, PUT', 'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? '' } };
    }
    // A cookie-authenticated endpoint: refuse what another site's page sends (CSRF).
    else if (request.headers['sec-fetch-site'] && request.headers['sec-fetch-site'] !== 'same-origin' && !cors['Access-Control-Allow-Origin']) answer = FORBIDDEN;
    else {
      const person = personOf(await signedInPerson(request));
      answer = person ? await route(request, url, person) : json(401, { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' });
    }
  } catch (error) {
    if (error instanceof Answer) answer = error.answer;
    else if (error instanceof SyntaxError) answer = json(400, { code: 'invalid_json', message: 'Request body has invalid json format' });
    else {
      console.error(error);
      answer = json(502, { code: 'relay_error', message: 'Freshdesk could not be reached' });
    }
  }
  response.writeHead(answer.status, { ...answer.headers, ...cors });
  response.end(answer.body);
});

server.listen(Number(env.PORT ?? 8788), HOST, () => {
  const { port } = server.address();
  // Before the address, on the same stream: nobody reads the one without the other.
  if (DEMO) console.log('!! DEMO SESSIONS (FRESHDESK_RELAY_DEMO=1): whoever sets a `sid` cookie is that person. Write signedInPerson before any real use.');
  console.log(`Freshdesk relay on http://${HOST.includes(':') ? `[${HOST}]` : HOST}:${port}${PREFIX}/api/v2/ → ${FRESHDESK}`);
});
