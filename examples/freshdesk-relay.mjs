// A relay between the widget and Freshdesk API v2, on node:http with Node's own fetch
// (Node ≥ 20, no dependencies). Why: a Freshdesk API key is an agent's key with all of
// that agent's rights; in a page, anyone could read it and see every ticket. The relay
// keeps the key on the server, learns who is signed in from the host's own session
// cookie, and lets that person reach only their own tickets:
//   - a new ticket's requester is the person (`email`), and the list is filtered on them;
//   - a ticket, its conversations, a note, a status change: only on their own tickets;
//   - a requester's fields only (no `responder_id`, no `cc_emails`, status 2 or 5 only);
//   - their messages become public incoming notes of their contact (`user_id`);
//   - private notes never leave the server;
//   - files come through `…/tickets/:id/attachments/:attachment`, fetched here from
//     Freshdesk's short-lived CDN link.
//
//   FRESHDESK_ACCOUNT=acme FRESHDESK_API_KEY=… node examples/freshdesk-relay.mjs
//   widget: { "backend": { "type": "freshdesk", "url": "/support/freshdesk" } }
//
// Mount it under the host's own origin (a reverse-proxy location, or these handlers in
// the host's server) so that the session cookie reaches it and no CORS is needed.
import { createServer } from 'node:http';

const env = process.env;
const FRESHDESK = env.FRESHDESK_URL ?? `https://${env.FRESHDESK_ACCOUNT}.freshdesk.com`; // FRESHDESK_URL: a local stub
const PREFIX = env.RELAY_PATH ?? '/support/freshdesk';
/** Other origins of the host allowed to call (a relay on `api.example.com` for `www.example.com`), comma-separated. */
const ORIGINS = (env.RELAY_ALLOWED_ORIGINS ?? '').split(',').filter(Boolean);
if (!env.FRESHDESK_API_KEY || !(env.FRESHDESK_ACCOUNT || env.FRESHDESK_URL)) throw new Error('Set FRESHDESK_ACCOUNT and FRESHDESK_API_KEY');
const AUTH = `Basic ${Buffer.from(`${env.FRESHDESK_API_KEY}:X`).toString('base64')}`;

// ---- THE HOST PLUGS ITS SESSION LOOKUP HERE ----
// Who is signed in, from the request's cookie: { email, name }, or undefined. Replace the body
// with your framework's session store. To try the relay: RELAY_DEMO_SESSIONS='{"<sid>":{"email":"…","name":"…"}}'.
const DEMO_SESSIONS = JSON.parse(env.RELAY_DEMO_SESSIONS ?? '{}');
async function signedInPerson(request) {
  const sid = /(?:^|;\s*)sid=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  return sid ? DEMO_SESSIONS[decodeURIComponent(sid)] : undefined;
}

const freshdesk = (path, init = {}) =>
  fetch(`${FRESHDESK}/api/v2/${path}`, { ...init, headers: { Authorization: AUTH, Accept: 'application/json', ...init.headers } });

/** The contact id of an email, once Freshdesk has one (the first ticket makes it). */
const contacts = new Map();
async function contactId(email) {
  if (!contacts.has(email)) {
    const [contact] = await (await freshdesk(`contacts?email=${encodeURIComponent(email)}`)).json();
    if (contact) contacts.set(email, contact.id);
  }
  return contacts.get(email);
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

/** The body's fields, JSON or multipart, and the keys a requester sent (`tags[]` → `tags`). */
async function readFields(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) {
    const fields = JSON.parse(Buffer.concat(chunks).toString() || '{}');
    return { fields, keys: Object.keys(fields), set: (name, value) => (fields[name] = value), body: () => JSON.stringify(fields), type: 'application/json' };
  }
  const form = await new Response(Buffer.concat(chunks), { headers: { 'Content-Type': type } }).formData();
  return { fields: Object.fromEntries(form), keys: [...new Set([...form.keys()].map((key) => key.replace(/\[.*$/, '')))], set: (name, value) => form.set(name, String(value)), body: () => form };
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

async function route(request, url, person) {
  const path = url.pathname.slice(PREFIX.length);
  const method = request.method;
  if (path === '/api/v2/tickets' && method === 'GET') {
    const query = new URLSearchParams([...url.searchParams].filter(([name]) => ['page', 'per_page', 'updated_since', 'order_by', 'order_type', 'include'].includes(name)));
    if (!(await contactId(person.email))) return json(200, []);
    query.set('email', person.email);
    return passOn(await freshdesk(`tickets?${query}`));
  }
  if (path === '/api/v2/tickets' && method === 'POST') {
    return forward('POST', 'tickets', request, ['subject', 'description', 'status', 'priority', 'type', 'tags', 'custom_fields', 'attachments'], async (body) => {
      if (body.fields.status !== undefined && Number(body.fields.status) !== 2) return invalidFields(['status']);
      body.set('email', person.email);
      if (!(await contactId(person.email))) body.set('name', person.name);
    });
  }
  const match = /^\/api\/v2\/tickets\/(\d+)(\/conversations|\/notes|\/attachments\/(\d+))?$/.exec(path);
  if (!match) return json(404);
  const [, id, sub, attachment] = match;
  // The ticket, read as the agent: is it the person's?
  const include = url.searchParams.get('include');
  const viewed = await freshdesk(`tickets/${id}${!sub && include ? `?include=${encodeURIComponent(include)}` : ''}`);
  if (!viewed.ok) return passOn(viewed);
  const ticket = await viewed.clone().json();
  const contact = await contactId(person.email);
  if (!contact || ticket.requester_id !== contact) return FORBIDDEN;
  const publicOnly = (conversations) => conversations.filter((conversation) => !conversation.private);
  if (!sub && method === 'GET') return passOn(viewed, (body) => (body.conversations ? { ...body, conversations: publicOnly(body.conversations) } : body));
  if (!sub && method === 'PUT') {
    return forward('PUT', `tickets/${id}`, request, ['status'], (body) => (![2, 5].includes(Number(body.fields.status)) ? invalidFields(['status']) : undefined));
  }
  if (sub === '/conversations' && method === 'GET') {
    const query = new URLSearchParams([...url.searchParams].filter(([name]) => ['page', 'per_page'].includes(name)));
    return passOn(await freshdesk(`tickets/${id}/conversations?${query}`), publicOnly);
  }
  if (sub === '/notes' && method === 'POST') {
    return forward('POST', `tickets/${id}/notes`, request, ['body', 'private', 'incoming', 'attachments'], (body) => {
      body.set('private', false);
      body.set('incoming', true);
      body.set('user_id', contact);
    });
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

createServer(async (request, response) => {
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
      const person = await signedInPerson(request);
      answer = person ? await route(request, url, person) : json(401, { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' });
    }
  } catch (error) {
    if (error instanceof SyntaxError) answer = json(400, { code: 'invalid_json', message: 'Request body has invalid json format' });
    else {
      console.error(error);
      answer = json(502, { code: 'relay_error', message: 'Freshdesk could not be reached' });
    }
  }
  response.writeHead(answer.status, { ...answer.headers, ...cors });
  response.end(answer.body);
}).listen(Number(env.PORT ?? 8788), () => console.log(`Freshdesk relay on http://localhost:${env.PORT ?? 8788}${PREFIX}/api/v2/ → ${FRESHDESK}`));
