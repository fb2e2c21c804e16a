import { expect } from '@open-wc/testing';
import {
  createFreshdeskFake,
  FRESHDESK_CLOSED,
  FRESHDESK_COLLEAGUE,
  FRESHDESK_DRAFT,
  FRESHDESK_PENDING,
  FRESHDESK_REQUESTER,
  FRESHDESK_RESOLVED,
  DEMO_ARTICLES,
  type FreshdeskFake,
  type FreshdeskFakeOptions,
} from '../../src/mocks/index.js';
import { useHandlers } from '../support/msw.js';

/** On the page's own origin, as a relay usually is: the host's cookie goes along with `same-origin`. */
const RELAY = '/fd-relay';

let fake: FreshdeskFake;

async function start(options: FreshdeskFakeOptions = {}): Promise<void> {
  fake = createFreshdeskFake({ baseUrl: RELAY, ...options });
  await useHandlers(...fake.handlers);
}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${RELAY}/api/v2/${path}`, { headers: { Accept: 'application/json' }, ...init });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const postJson = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

const ticket = (fields: Record<string, unknown> = {}) => ({ subject: 'Écran noir', description: '<p>Plus rien.</p>', status: 2, priority: 2, type: 'Incident', ...fields });

type Row = { id: number; subject: string; tags: string[]; requester_id: number; description?: string };

describe('fake Freshdesk behind the relay', () => {
  beforeEach(() => start());

  describe('the relay', () => {
    it('refuses every call while nobody is signed in on the host, as Freshdesk refuses bad credentials', async () => {
      fake.state.signOut();
      const { status, body, headers } = await call('tickets');
      expect(status).to.equal(401);
      expect(body).to.deep.equal({ code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' });
      // The relay answered, Freshdesk never saw the call.
      expect(headers.get('X-Ratelimit-Total')).to.equal(null);
    });

    it('sees the host session only when the fetch lets the cookie go along', async () => {
      expect((await call('tickets', { credentials: 'omit' })).status).to.equal(401);
      expect((await call('tickets', { credentials: 'same-origin' })).status).to.equal(200);
      expect(fake.state.requests.map((request) => request.credentials)).to.deep.equal(['omit', 'same-origin']);
    });

    it('pins the signed-in person as the requester of a new ticket', async () => {
      const { status, body } = await call('tickets', postJson(ticket()));
      expect(status).to.equal(201);
      expect((body as Row).requester_id).to.equal(FRESHDESK_REQUESTER.id);
      fake.state.signIn({ name: 'Zoé Petit', email: 'zoe.petit@example.fr' });
      const second = (await call('tickets', postJson(ticket()))).body as Row;
      expect(second.requester_id).to.equal(fake.state.contactByEmail('zoe.petit@example.fr')?.id);
    });

    it('lets through only what a requester may set', async () => {
      const { status, body } = await call('tickets', postJson(ticket({ email: 'someone@else.example', responder_id: 9001 })));
      expect(status).to.equal(400);
      expect(body).to.deep.equal({
        description: 'Validation failed',
        errors: [
          { field: 'email', message: 'Unexpected/invalid field in request', code: 'invalid_field' },
          { field: 'responder_id', message: 'Unexpected/invalid field in request', code: 'invalid_field' },
        ],
      });
      expect((await call('tickets?requester_id=5002')).status).to.equal(400);
      expect((await call('tickets', postJson(ticket({ status: 4 })))).status).to.equal(400);
    });

    it('copies people on a new ticket only as the relay allows (RELAY_ALLOW_CC), refusing the field otherwise as the relay does', async () => {
      // examples/freshdesk-relay.mjs, POST /api/v2/tickets: cc_emails only with RELAY_ALLOW_CC, a list of addresses, as many as it says.
      const refusedField = { description: 'Validation failed', errors: [{ field: 'cc_emails', message: 'Unexpected/invalid field in request', code: 'invalid_field' }] };
      expect((await call('tickets', postJson(ticket({ cc_emails: ['boss@example.com'] })))).body).to.deep.equal(refusedField);
      await start({ allowCc: 2 });
      for (const wrong of [['a@example.com', 'b@example.com', 'c@example.com'], 'boss@example.com', ['boss@example.com, it@example.com'], ['not an address']]) {
        expect((await call('tickets', postJson(ticket({ cc_emails: wrong })))).body, JSON.stringify(wrong)).to.deep.equal(refusedField);
      }
      const { status, body } = await call('tickets', postJson(ticket({ cc_emails: ['boss@example.com', 'it@example.com'] })));
      expect(status).to.equal(201);
      // Freshdesk's ticket holds them in `cc_emails` (developers.freshdesk.com/api, "Ticket properties").
      expect((body as Row & { cc_emails: string[] }).cc_emails).to.deep.equal(['boss@example.com', 'it@example.com']);
      expect(fake.state.tickets.at(-1)!.cc_emails).to.deep.equal(['boss@example.com', 'it@example.com']);
    });

    it('lists only the person’s tickets and refuses anyone else’s', async () => {
      const mine = fake.state.addTicket({ subject: 'Mine' });
      const theirs = fake.state.addTicket({ subject: 'Theirs', requester: FRESHDESK_COLLEAGUE.id });
      const list = (await call('tickets')).body as Row[];
      expect(list.map((row) => row.id)).to.deep.equal([mine.id]);
      const refused = await call(`tickets/${theirs.id}`);
      expect(refused.status).to.equal(403);
      expect(refused.body).to.deep.equal({ code: 'access_denied', message: 'You are not authorized to perform this action.' });
      expect((await call(`tickets/${theirs.id}/conversations`)).status).to.equal(403);
      expect((await call(`tickets/${theirs.id}/notes`, postJson({ body: 'x' }))).status).to.equal(403);
      expect((await call(`tickets/${theirs.id}`, postJson({ status: 5 }, 'PUT'))).status).to.equal(403);
    });

    it('makes the person’s note a public incoming note of their contact', async () => {
      const { id } = fake.state.addTicket({ subject: 'Mine' });
      const { status, body, headers } = await call(`tickets/${id}/notes`, postJson({ body: '<p>Still broken</p>', private: true }));
      expect(status).to.equal(201);
      expect(body).to.include({ incoming: true, private: false, user_id: FRESHDESK_REQUESTER.id, source: 2, body_text: 'Still broken' });
      expect(headers.get('Location')).to.match(/\/api\/v2\/conversations\/\d+$/);
    });

    // Freshdesk's "Create a Note" (developers.freshdesk.com/api) sets no status; a customer's
    // reply "always moves back to open" (support.freshdesk.com article 37600), even a closed
    // ticket (training.freshdesk.com article 3000031729): the relay does it for the note
    // (examples/freshdesk-relay.mjs, reopenAfterReply).
    it('leaves an Open ticket or a custom status as it is after the person’s note: Freshdesk’s notes set no status', async () => {
      const open = fake.state.addTicket({ subject: 'Open' });
      const custom = fake.state.addTicket({ subject: 'Waiting on a supplier', status: 7 });
      for (const { id } of [open, custom]) expect((await call(`tickets/${id}/notes`, postJson({ body: '<p>More</p>' }))).status).to.equal(201);
      expect([fake.state.ticket(open.id)?.status, fake.state.ticket(custom.id)?.status]).to.deep.equal([2, 7]);
      expect(fake.state.upstream).to.deep.equal([]);
    });

    it('reopens a Pending, Resolved or Closed ticket after the person’s note, with the relay’s own PUT status 2', async () => {
      for (const status of [FRESHDESK_PENDING, FRESHDESK_RESOLVED, FRESHDESK_CLOSED]) {
        const { id } = fake.state.addTicket({ subject: `Status ${status}`, status });
        const { status: code, body } = await call(`tickets/${id}/notes`, postJson({ body: '<p>Still broken</p>' }));
        expect([code, (body as { body_text: string }).body_text]).to.deep.equal([201, 'Still broken']);
        expect(fake.state.ticket(id)?.status, `from ${status}`).to.equal(2);
        expect(fake.state.upstream.at(-1)).to.deep.equal({ method: 'PUT', path: `tickets/${id}`, body: { status: 2 }, status: 200 });
      }
      // The browser sent the notes only: the PUTs are the relay's.
      expect(fake.state.requests.map((one) => one.method)).to.deep.equal(['POST', 'POST', 'POST']);
    });

    it('answers the note 201 when its reopen fails, the ticket left as it was', async () => {
      const { id } = fake.state.addTicket({ subject: 'Pending', status: FRESHDESK_PENDING });
      fake.state.failNext('500', { upstream: true, method: 'PUT' });
      const posted = await call(`tickets/${id}/notes`, postJson({ body: '<p>Here is the log</p>' }));
      expect(posted.status).to.equal(201);
      expect(fake.state.ticket(id)?.status).to.equal(FRESHDESK_PENDING);
      expect(fake.state.conversationsOf(id)).to.have.length(1);
      expect(fake.state.upstream).to.deep.equal([{ method: 'PUT', path: `tickets/${id}`, body: { status: 2 }, status: 500 }]);
      // An upstream failure is never the browser's: the next call answers.
      expect((await call(`tickets/${id}`)).status).to.equal(200);
    });

    it('counts the reopen against the minute: a spent minute refuses it, not the note', async () => {
      await start({ rateLimit: 1 });
      const { id } = fake.state.addTicket({ subject: 'Resolved', status: FRESHDESK_RESOLVED });
      expect((await call(`tickets/${id}/notes`, postJson({ body: '<p>Not fixed</p>' }))).status).to.equal(201);
      expect(fake.state.upstream.map((one) => one.status)).to.deep.equal([429]);
      expect(fake.state.ticket(id)?.status).to.equal(FRESHDESK_RESOLVED);
    });

    it('reopens only the statuses the relay is told to (RELAY_REOPEN_STATUSES)', async () => {
      await start({ reopenStatuses: [FRESHDESK_PENDING, 6] });
      const resolved = fake.state.addTicket({ subject: 'Resolved', status: FRESHDESK_RESOLVED });
      const waiting = fake.state.addTicket({ subject: 'Waiting on customer', status: 6 });
      for (const { id } of [resolved, waiting]) await call(`tickets/${id}/notes`, postJson({ body: '<p>Answer</p>' }));
      expect([fake.state.ticket(resolved.id)?.status, fake.state.ticket(waiting.id)?.status]).to.deep.equal([FRESHDESK_RESOLVED, 2]);
    });

    it('drops private notes from conversations, page by page', async () => {
      const { id } = fake.state.addTicket({ subject: 'Mine' });
      fake.state.reply(id, '<p>Public answer</p>');
      fake.state.note(id, '<p>Agents only</p>');
      fake.state.reply(id, '<p>Second answer</p>');
      const first = await call(`tickets/${id}/conversations?per_page=2`);
      expect((first.body as { body_text: string }[]).map((one) => one.body_text)).to.deep.equal(['Public answer']);
      expect(first.headers.get('link')).to.match(/page=2>; rel="next"$/);
      const second = await call(`tickets/${id}/conversations?per_page=2&page=2`);
      expect((second.body as { body_text: string }[]).map((one) => one.body_text)).to.deep.equal(['Second answer']);
      expect(second.headers.get('link')).to.equal(null);
    });

    it('lets the person close and reopen, nothing else', async () => {
      const { id } = fake.state.addTicket({ subject: 'Mine' });
      expect(((await call(`tickets/${id}`, postJson({ status: 5 }, 'PUT'))).body as { status: number }).status).to.equal(5);
      expect(((await call(`tickets/${id}`, postJson({ status: 2 }, 'PUT'))).body as { status: number }).status).to.equal(2);
      expect((await call(`tickets/${id}`, postJson({ status: 4 }, 'PUT'))).status).to.equal(400);
      expect((await call(`tickets/${id}`, postJson({ priority: 4 }, 'PUT'))).status).to.equal(400);
    });

    it('streams a file of the person’s ticket, and only such a file', async () => {
      const file = new File(['E-204 paper jam'], 'log.txt', { type: 'text/plain' });
      const mine = fake.state.addTicket({ subject: 'Mine', files: [file] });
      const hidden = fake.state.note(mine.id, '<p>secret</p>');
      hidden.attachments.push(fake.state.attachment(new File(['secret'], 'secret.txt')));
      const response = await fetch(`${RELAY}/api/v2/tickets/${mine.id}/attachments/${mine.attachments[0].id}`, { headers: { Accept: 'application/octet-stream' } });
      expect(response.status).to.equal(200);
      expect(response.headers.get('Content-Type')).to.equal('text/plain');
      expect(await response.text()).to.equal('E-204 paper jam');
      expect((await fetch(`${RELAY}/api/v2/tickets/${mine.id}/attachments/${hidden.attachments[0].id}`)).status).to.equal(404);
    });

    it('forwards nothing else', async () => {
      expect((await call('contacts')).status).to.equal(404);
      expect((await call('tickets/1', { method: 'DELETE' })).status).to.equal(404);
    });
  });

  describe('Freshdesk', () => {
    it('creates a ticket: 201, Location, the stored HTML in a div with its text twin', async () => {
      const { status, headers, body } = await call('tickets', postJson(ticket({ tags: ['sw-abc'], custom_fields: { cf_site: 'Lyon' } })));
      expect(status).to.equal(201);
      const created = body as Row & { description_text: string; custom_fields: Record<string, unknown>; attachments: unknown[] };
      expect(headers.get('Location')).to.equal(new URL(`${RELAY}/api/v2/tickets/${created.id}`, location.href).href);
      expect(created.description).to.equal('<div><p>Plus rien.</p></div>');
      expect(created.description_text).to.equal('Plus rien.');
      expect(created.tags).to.deep.equal(['sw-abc']);
      expect(created.custom_fields).to.deep.equal({ cf_site: 'Lyon', cf_station: null, cf_client_ref: null });
      expect(created.attachments).to.deep.equal([]);
    });

    it('validates as Freshdesk does, every error in one answer', async () => {
      const { status, body } = await call(
        'tickets',
        postJson({ description: '', priority: 5, type: 'Bug', tags: ['x'.repeat(33)], custom_fields: { cf_unknown: 'x' } }),
      );
      expect(status).to.equal(400);
      expect((body as { errors: { field: string; code: string }[] }).errors.map(({ field, code }) => `${field}:${code}`)).to.deep.equal([
        'subject:missing_field',
        'description:invalid_value',
        'priority:invalid_value',
        'type:invalid_value',
        'tags:invalid_value',
        'cf_unknown:invalid_field',
      ]);
      expect((await call('tickets', postJson({ subject: 'x', description: 'y', priority: '2' }))).status, 'a string is not a JSON integer').to.equal(400);
    });

    it('reads multipart as Freshdesk does: tags[], custom_fields[…], attachments[], numbers as text', async () => {
      const form = new FormData();
      form.append('subject', 'Avec pièce jointe');
      form.append('description', '<p>Voir le fichier</p>');
      form.append('priority', '3');
      form.append('status', '2');
      form.append('tags[]', 'sw-1');
      form.append('custom_fields[cf_station]', 'ST-4');
      form.append('attachments[]', new File(['abc'], 'a.txt', { type: 'text/plain' }));
      form.append('attachments[]', new File(['de'], 'b.txt', { type: 'text/plain' }));
      const { status, body } = await call('tickets', { method: 'POST', body: form });
      expect(status).to.equal(201);
      const created = body as Row & { priority: number; custom_fields: Record<string, unknown>; attachments: { name: string; size: number }[] };
      expect(created.priority).to.equal(3);
      expect(created.tags).to.deep.equal(['sw-1']);
      expect(created.custom_fields.cf_station).to.equal('ST-4');
      expect(created.attachments.map(({ name, size }) => `${name}:${size}`)).to.deep.equal(['a.txt:3', 'b.txt:2']);
    });

    it('refuses more than 20 MB of files on one ticket, the earlier ones counted', async () => {
      const big = (size: number, name: string) => new File([new Uint8Array(size)], name);
      const form = new FormData();
      form.append('subject', 'Trop gros');
      form.append('description', 'x');
      form.append('attachments[]', big(21 * 1024 * 1024, 'video.mp4'));
      const refused = await call('tickets', { method: 'POST', body: form });
      expect(refused.status).to.equal(400);
      expect((refused.body as { errors: { field: string }[] }).errors[0].field).to.equal('attachments');
      const { id } = fake.state.addTicket({ subject: 'Presque plein', files: [big(15 * 1024 * 1024, 'a.bin')] });
      const note = new FormData();
      note.append('body', 'encore');
      note.append('attachments[]', big(6 * 1024 * 1024, 'b.bin'));
      expect((await call(`tickets/${id}/notes`, { method: 'POST', body: note })).status).to.equal(400);
      expect(fake.state.conversations).to.have.length(0);
    });

    it('lists 30 per page by default, at most 100, with a link to the next page', async () => {
      fake.state.generateTickets(35, 'Ticket');
      const first = await call('tickets?order_by=updated_at');
      expect(first.body as Row[]).to.have.length(30);
      expect((first.body as Row[])[0].subject).to.equal('Ticket 1');
      expect(first.body as Row[]).to.not.have.nested.property('[0].description');
      const next = first.headers.get('link')!;
      expect(next).to.match(/^<.*[?&]page=2>; rel="next"$/);
      const second = await call(next.slice(next.indexOf('/api/v2/') + 8, next.indexOf('>')));
      expect(second.body as Row[]).to.have.length(5);
      expect(second.headers.get('link')).to.equal(null);
      const tooMany = await call('tickets?per_page=101');
      expect(tooMany.status).to.equal(400);
      expect(tooMany.body).to.deep.equal({
        description: 'Validation failed',
        errors: [{ field: 'per_page', message: 'It should be a Positive Integer less than or equal to 100', code: 'invalid_value' }],
      });
    });

    it('lists only the last 30 days of tickets unless updated_since says otherwise', async () => {
      fake.state.addTicket({ subject: 'Old', created: new Date(Date.now() - 40 * 86_400_000) });
      fake.state.addTicket({ subject: 'New' });
      expect(((await call('tickets')).body as Row[]).map((row) => row.subject)).to.deep.equal(['New']);
      const all = (await call('tickets?updated_since=2000-01-01T00:00:00Z&order_by=created_at&order_type=asc')).body as Row[];
      expect(all.map((row) => row.subject)).to.deep.equal(['Old', 'New']);
      expect((await call('tickets?updated_since=yesterday')).status).to.equal(400);
      expect((await call('tickets?order_by=subject')).status).to.equal(400);
    });

    it('embeds the requester and the description when asked', async () => {
      const { id } = fake.state.addTicket({ subject: 'Mine', description: '<p>Texte</p>' });
      const list = (await call('tickets?include=description')).body as Row[];
      expect(list[0].description).to.equal('<div><p>Texte</p></div>');
      const view = (await call(`tickets/${id}?include=requester`)).body as { requester: { name: string; email: string } };
      expect(view.requester).to.include({ name: FRESHDESK_REQUESTER.name, email: FRESHDESK_REQUESTER.email });
      expect((await call(`tickets/${id}?include=everything`)).status).to.equal(400);
    });

    it('answers an unknown ticket with a bare 404', async () => {
      const { status, body } = await call('tickets/987654');
      expect(status).to.equal(404);
      expect(body).to.equal(undefined);
    });

    it('refuses an Accept that is not JSON (406) and a body that is neither JSON nor multipart (415)', async () => {
      expect((await call('tickets', { headers: { Accept: 'text/html' } })).status).to.equal(406);
      expect((await call('tickets', { headers: { Accept: '*/*' } })).status).to.equal(200);
      const plain = await call('tickets', { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'text/plain' }, body: 'subject' });
      expect(plain.status).to.equal(415);
      const broken = await call('tickets', { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: '{"subject":' });
      expect(broken.body).to.deep.equal({ code: 'invalid_json', message: 'Request body has invalid json format' });
    });

    it('counts every call in the X-Ratelimit headers and answers 429 with Retry-After when the minute is spent', async () => {
      await start({ rateLimit: 3 });
      const first = await call('tickets?include=requester');
      expect(first.headers.get('X-Ratelimit-Total')).to.equal('3');
      expect(first.headers.get('X-Ratelimit-Used-CurrentRequest'), 'an embed costs 2 more credits').to.equal('3');
      expect(first.headers.get('X-Ratelimit-Remaining')).to.equal('0');
      const limited = await call('tickets');
      expect(limited.status).to.equal(429);
      expect(Number(limited.headers.get('Retry-After'))).to.be.within(1, 60);
      fake.state.rateWindowStart -= 60_000;
      expect((await call('tickets')).status, 'a new minute').to.equal(200);
    });
  });

  describe('failures and the agent’s side', () => {
    it('fails the next call as asked, then answers again', async () => {
      fake.state.failNext('429', { retryAfter: null });
      const limited = await call('tickets');
      expect(limited.status).to.equal(429);
      expect(limited.headers.get('Retry-After')).to.equal(null);
      fake.state.failNext('502');
      const proxy = await fetch(`${RELAY}/api/v2/tickets`);
      expect(proxy.status).to.equal(502);
      expect(await proxy.text()).to.contain('<h1>502 Bad Gateway</h1>');
      fake.state.failNext('html');
      const page = await fetch(`${RELAY}/api/v2/tickets`);
      expect([page.status, page.headers.get('Content-Type')]).to.deep.equal([200, 'text/html; charset=utf-8']);
      fake.state.failNext('network');
      let failed = false;
      await fetch(`${RELAY}/api/v2/tickets`).catch(() => (failed = true));
      expect(failed).to.equal(true);
      expect((await call('tickets')).status).to.equal(200);
    });

    it('creates the ticket and loses the answer', async () => {
      fake.state.failNext('lost-answer', { method: 'POST', path: 'tickets' });
      expect((await call('tickets')).status, 'a GET is not the one aimed at').to.equal(200);
      let failed = false;
      await call('tickets', postJson(ticket())).catch(() => (failed = true));
      expect(failed).to.equal(true);
      expect(fake.state.ticketsTitled('Écran noir')).to.have.length(1);
    });

    it('lets the agent reply, resolve and read the ticket as Freshdesk holds it', () => {
      const { id } = fake.state.addTicket({ subject: 'Mine', description: '<p>Broken &amp; dead</p>' });
      fake.state.reply(id, '<p>On it</p>', { files: [new File(['x'], 'howto.pdf')] });
      fake.state.note(id, '<p>internal</p>');
      fake.state.resolve(id, '<p>Fixed</p>');
      expect(fake.state.ticket(id)?.status).to.equal(FRESHDESK_RESOLVED);
      expect(fake.state.read(id)).to.deep.equal({ title: 'Mine', text: 'Broken & dead\n\nOn it\n\nFixed', attachments: ['howto.pdf'], cc: [] });
    });

    it('has demo tickets in every status, some older than 30 days, one of a colleague', async () => {
      await start({ demoTickets: true });
      const statuses = new Set(fake.state.tickets.map((one) => one.status));
      expect([...statuses].sort()).to.deep.equal([2, 3, 4, 5]);
      const mine = (await call('tickets?updated_since=2000-01-01T00:00:00Z&per_page=100')).body as Row[];
      expect(mine.length).to.equal(fake.state.tickets.length - 1);
      expect(((await call('tickets')).body as Row[]).length, 'the 30-day default hides the old ones').to.be.below(mine.length);
      expect(fake.state.conversations.some((one) => one.private)).to.equal(true);
    });
  });

  describe('solution articles', () => {
    type Article = { id: number; title: string; description: string; description_text: string; url?: string };

    function publishSome() {
      return {
        everyone: fake.state.publishArticle('Le VPN se déconnecte', '<p>Mettez le <strong>client VPN</strong> à jour.</p>'),
        signedIn: fake.state.publishArticle('VPN : accès distant', '<p>Connectez-vous au portail.</p>', { visibility: 2 }),
        draft: fake.state.publishArticle('VPN : brouillon', '<p>Pas relu.</p>', { status: FRESHDESK_DRAFT }),
        agents: fake.state.publishArticle('VPN : procédure interne', '<p>Pour les agents.</p>', { visibility: 3 }),
        company: fake.state.publishArticle('VPN : client Acme', '<p>Pour une société.</p>', { visibility: 4 }),
      };
    }

    it('searches as the relay answers: a bare array of published articles of customers’ folders, the fields the widget shows only', async () => {
      const { everyone, signedIn } = publishSome();
      const { status, headers, body } = await call('search/solutions?term=vpn');
      expect(status).to.equal(200);
      expect(headers.get('Content-Type')).to.match(/^application\/json/);
      expect(fake.state.rateUsed, 'one call of the minute').to.equal(1);
      expect(body).to.deep.equal(
        [everyone, signedIn].map(({ id, title, description, description_text }) => ({ id, title, description, description_text })),
      );
      expect((body as Article[])[0].description_text).to.equal('Mettez le client VPN à jour.');
      // Any of the words, case and accents aside, those holding the most first.
      const titles = async (term: string) => ((await call(`search/solutions?term=${encodeURIComponent(term)}`)).body as Article[]).map((one) => one.title);
      expect(await titles('portail deconnecte')).to.have.members(['Le VPN se déconnecte', 'VPN : accès distant']);
      expect(await titles('acces distant vpn')).to.deep.equal(['VPN : accès distant', 'Le VPN se déconnecte']);
      expect(await titles('  ')).to.deep.equal([]);
      expect((await call('search/solutions?term=vpn&page=2')).status, 'the relay forwards the term only').to.equal(400);
    });

    it('reads one article the person may read, and answers the others 404', async () => {
      const { everyone, draft, agents, company } = publishSome();
      const read = await call(`solutions/articles/${everyone.id}`);
      expect([read.status, read.body]).to.deep.equal([
        200,
        { id: everyone.id, title: everyone.title, description: everyone.description, description_text: everyone.description_text },
      ]);
      expect(fake.state.rateUsed, 'the article, then its folder').to.equal(2);
      for (const hidden of [draft, agents, company]) expect((await call(`solutions/articles/${hidden.id}`)).status).to.equal(404);
      expect((await call('solutions/articles/999999')).status).to.equal(404);
    });

    it('links each article to the portal when the relay knows it', async () => {
      await start({ portalUrl: 'https://support.example.com/' });
      const { everyone } = publishSome();
      const [found] = (await call('search/solutions?term=deconnecte')).body as Article[];
      expect(found.url).to.equal(`https://support.example.com/support/solutions/articles/${everyone.id}`);
      expect(((await call(`solutions/articles/${everyone.id}`)).body as Article).url).to.equal(found.url);
    });

    it('refuses the articles too while nobody is signed in on the host', async () => {
      publishSome();
      fake.state.signOut();
      expect((await call('search/solutions?term=vpn')).status).to.equal(401);
    });

    it('holds the demo’s articles with the demo tickets', async () => {
      await start({ demoTickets: true });
      expect(fake.state.solutionArticles.map((one) => one.title)).to.deep.equal(DEMO_ARTICLES.map((one) => one.title));
      expect(((await call('search/solutions?term=bourrage')).body as Article[]).map((one) => one.title)).to.deep.equal(['Imprimante : bourrage papier']);
    });
  });
});
