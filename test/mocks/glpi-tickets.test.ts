import { expect } from '@open-wc/testing';
import { getResponse } from 'msw';
import {
  addHostileTicket,
  ASSIGNED,
  CLOSED,
  COLLEAGUE,
  createGlpiFake,
  DEMO_USER,
  HOSTILE_TEXTS,
  hugeText,
  NEW,
  PENDING,
  PLANNED,
  SOLUTION_ACCEPTED,
  SOLUTION_REFUSED,
  SOLUTION_WAITING,
  SOLVED,
  TECHNICIAN,
  type GlpiFake,
  type GlpiFakeOptions,
} from '../../src/mocks/index.js';
import { useHandlers } from '../support/msw.js';

const API = 'https://glpi.test/glpi/apirest.php';
const TOKENS = { demo: DEMO_USER.userToken, tech: TECHNICIAN.userToken, colleague: COLLEAGUE.userToken };

let fake: GlpiFake;

async function start(options: GlpiFakeOptions = {}): Promise<void> {
  // GLPI 10 unless a test says otherwise: its entity-encoded text is what most of these tests pin.
  fake = createGlpiFake({ baseUrl: API, version: 10, ...options });
  await useHandlers(...fake.handlers);
}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${API}/${path}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const sessions: Record<string, string> = {};

/** GET as one of the seeded people, with a session opened once per test. */
async function as(who: keyof typeof TOKENS, path: string, init: RequestInit = {}): Promise<Answer> {
  sessions[who] ??= ((await call('initSession', { headers: { Authorization: `user_token ${TOKENS[who]}` } })).body as { session_token: string })
    .session_token;
  return call(path, { ...init, headers: { 'Session-Token': sessions[who], ...init.headers } });
}

const send = (who: keyof typeof TOKENS, method: string, path: string, body: unknown) =>
  as(who, path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

const code = (answer: Answer) => [answer.status, (answer.body as unknown[])[0]];

/** A clock the test moves by hand. */
function tick(minutes: number): void {
  const next = new Date(fake.state.clock().getTime() + minutes * 60_000);
  fake.state.clock = () => next;
}

const searchPath = (query: string) => `search/Ticket?${query}`;
const ids = (answer: Answer) =>
  ((answer.body as { data?: Record<string, unknown>[] }).data ?? []).map((row) => row['Ticket.id'] ?? row['2']);

describe('fake GLPI: following tickets', () => {
  beforeEach(async () => {
    for (const key of Object.keys(sessions)) delete sessions[key];
    await start();
    const fixed = new Date(2025, 2, 10, 9, 30, 0);
    fake.state.clock = () => fixed;
  });

  describe('state controls', () => {
    it('adds tickets with GLPI’s defaults, dated by the clock in local time', () => {
      const ticket = fake.state.addTicket({ name: 'Imprimante' });
      expect(ticket).to.include({ id: 100, status: NEW, requester: DEMO_USER.id, users_id_recipient: DEMO_USER.id, entities_id: 0 });
      expect([ticket.date, ticket.date_mod, ticket.solvedate, ticket.closedate]).to.deep.equal([
        '2025-03-10 09:30:00',
        '2025-03-10 09:30:00',
        null,
        null,
      ]);
      expect(fake.state.addTicket({ name: 'b', technician: TECHNICIAN.id }).status).to.equal(ASSIGNED);
    });

    it('generates tickets for paging, newest update first, every status in turn', () => {
      const tickets = fake.state.generateTickets(12, { requester: COLLEAGUE.id });
      expect(tickets.map((ticket) => ticket.status)).to.deep.equal([1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6]);
      expect(tickets[0].date_mod > tickets[1].date_mod).to.equal(true);
      expect(tickets.every((ticket) => ticket.requester === COLLEAGUE.id)).to.equal(true);
    });

    it('follows GLPI’s status rules for follow-ups and solutions, updating date_mod each time', () => {
      const { id } = fake.state.addTicket({ name: 'VPN', technician: TECHNICIAN.id });
      tick(5);
      fake.state.addFollowup(id, { content: '<p>Quel poste ?</p>', pending: true });
      expect([fake.state.ticket(id)?.status, fake.state.ticket(id)?.date_mod]).to.deep.equal([PENDING, '2025-03-10 09:35:00']);
      tick(5);
      fake.state.addFollowup(id, { content: 'PC-COMPTA-03', userId: DEMO_USER.id });
      expect(fake.state.ticket(id)?.status).to.equal(ASSIGNED);
      tick(5);
      const solution = fake.state.proposeSolution(id, '<p>Réglé</p>');
      expect([fake.state.ticket(id)?.status, fake.state.ticket(id)?.solvedate, solution.status]).to.deep.equal([
        SOLVED,
        '2025-03-10 09:45:00',
        SOLUTION_WAITING,
      ]);
      expect(() => fake.state.proposeSolution(id, 'again')).to.throw(/already has a solution/);
      tick(5);
      fake.state.refuseSolution(id, 'Toujours en panne');
      expect([fake.state.ticket(id)?.status, solution.status, fake.state.ticket(id)?.solvedate]).to.deep.equal([ASSIGNED, SOLUTION_REFUSED, null]);
      const second = fake.state.proposeSolution(id, '<p>Vraiment réglé</p>');
      tick(5);
      fake.state.approveSolution(id);
      const ticket = fake.state.ticket(id)!;
      expect([ticket.status, second.status, second.date_approval, ticket.closedate]).to.deep.equal([
        CLOSED,
        SOLUTION_ACCEPTED,
        '2025-03-10 09:55:00',
        '2025-03-10 09:55:00',
      ]);
      expect(ticket.date_mod).to.equal('2025-03-10 09:55:00');
      tick(5);
      fake.state.setStatus(id, PLANNED);
      expect([ticket.status, ticket.closedate, second.status]).to.deep.equal([PLANNED, null, SOLUTION_REFUSED]);
    });

    it('reopens a new ticket without technician to new', () => {
      const { id } = fake.state.addTicket({ name: 'a' });
      fake.state.proposeSolution(id, 'x');
      fake.state.refuseSolution(id, 'non');
      expect(fake.state.ticket(id)?.status).to.equal(NEW);
    });

    it('attaches documents to a ticket or to one of its messages', () => {
      const { id } = fake.state.addTicket({ name: 'a' });
      const followup = fake.state.addFollowup(id, { content: 'voir pièce jointe' });
      tick(7);
      const onTicket = fake.state.attachDocument(id, new File(['abc'], 'a.txt', { type: 'text/plain' }));
      const onFollowup = fake.state.attachDocument(id, new File(['x'], 'b.log'), { to: { itemtype: 'ITILFollowup', id: followup.id }, userId: 2 });
      expect([onTicket.mime, onTicket.size, onTicket.users_id, onTicket.tickets_id]).to.deep.equal(['text/plain', 3, DEMO_USER.id, id]);
      expect(onFollowup.mime).to.equal('application/octet-stream');
      expect(fake.state.ticket(id)?.date_mod).to.equal('2025-03-10 09:37:00');
      expect(fake.state.documentItems.map((link) => [link.itemtype, link.items_id])).to.deep.equal([
        ['Ticket', id],
        ['ITILFollowup', followup.id],
      ]);
    });

    it('seeds the demo’s tickets on request only', async () => {
      expect(fake.state.tickets).to.have.length(0);
      await start({ demoTickets: true });
      const mine = fake.state.tickets.filter((ticket) => ticket.requester === DEMO_USER.id);
      const theirs = fake.state.tickets.filter((ticket) => ticket.requester === COLLEAGUE.id);
      expect(mine.length).to.be.within(10, 14);
      expect(theirs).to.have.length(3);
      expect(new Set(mine.map((ticket) => ticket.status))).to.deep.equal(new Set([1, 2, 3, 4, 5, 6]));
      const pending = mine.find((ticket) => ticket.status === PENDING)!;
      expect(fake.state.followups.filter((f) => f.items_id === pending.id).at(-1)?.content).to.contain('?');
      const solved = mine.find((ticket) => ticket.status === SOLVED)!;
      expect(fake.state.solutions.find((s) => s.items_id === solved.id)?.status).to.equal(SOLUTION_WAITING);
      expect(fake.state.solutions.some((s) => s.status === SOLUTION_REFUSED)).to.equal(true);
      expect(fake.state.followups.filter((f) => f.is_private)).to.have.length(1);
      expect(fake.state.documents.map((doc) => doc.mime).sort()).to.deep.equal(['image/png', 'text/plain']);
      // New tickets still start at 100.
      expect(fake.state.addTicket({ name: 'x' }).id).to.equal(100);
    });
  });

  describe('GET search/Ticket', () => {
    beforeEach(() => {
      fake.state.addTicket({ name: 'Imprimante HS', requester: DEMO_USER.id, urgency: 4, dateMod: new Date(2025, 2, 9) });
      fake.state.addTicket({ name: 'Écran & clavier', requester: DEMO_USER.id, status: CLOSED, dateMod: new Date(2025, 2, 8) });
      fake.state.addTicket({ name: 'Badge parking', requester: COLLEAGUE.id, technician: 2, dateMod: new Date(2025, 2, 7) });
    });

    const mine = (extra = '') =>
      searchPath(`criteria[0][field]=4&criteria[0][searchtype]=equals&criteria[0][value]=7${extra}&uid_cols=true&forcedisplay[0]=12`);

    it('answers rows keyed by uid, with totalcount, count, sort, order and content-range', async () => {
      const answer = await as('demo', mine('&sort=19&order=DESC&forcedisplay[1]=19&forcedisplay[2]=4'));
      expect(answer.status).to.equal(200);
      expect(answer.body).to.deep.include({ totalcount: 2, count: 2, sort: [19], order: ['DESC'], 'content-range': '0-1/2' });
      const [first] = (answer.body as { data: Record<string, unknown>[] }).data;
      expect(first).to.deep.equal({
        'Ticket.name': 'Imprimante HS',
        'Ticket.Entity.completename': 'Entité racine',
        'Ticket.status': 1,
        'Ticket.date_mod': '2025-03-09 00:00:00',
        'Ticket.Ticket_User.User.name': 7,
        'Ticket.id': 100,
      });
      expect(answer.headers.get('Content-Range')).to.equal('0-1/2');
      expect(answer.headers.get('Accept-Range')).to.equal('Ticket 1000');
      expect(answer.headers.get('Access-Control-Expose-Headers')).to.contain('content-range');
    });

    it('keys rows by search option without uid_cols, and encodes text like GLPI 10', async () => {
      const answer = await as('demo', searchPath('criteria[0][field]=2&criteria[0][searchtype]=equals&criteria[0][value]=101'));
      const [row] = (answer.body as { data: Record<string, unknown>[] }).data;
      expect(row['1']).to.equal('Écran &amp; clavier');
      expect(row['2']).to.equal(101);
    });

    it('limits rows to what the profile sees: the entity’s tickets, or only one’s own', async () => {
      expect(ids(await as('demo', searchPath('uid_cols=1&sort=2')))).to.deep.equal([100, 101, 102]);
      expect(ids(await as('colleague', searchPath('uid_cols=1&sort=2')))).to.deep.equal([102]);
      expect(ids(await as('colleague', mine()))).to.deep.equal([]);
    });

    it('filters on status with numbers and GLPI’s pseudo-values, names, ids, OR and NOT', async () => {
      const status = (value: string, type = 'equals') =>
        as('demo', searchPath(`criteria[0][field]=12&criteria[0][searchtype]=${type}&criteria[0][value]=${value}&uid_cols=1&sort=2`));
      expect(ids(await status('notold'))).to.deep.equal([100, 102]);
      expect(ids(await status('old'))).to.deep.equal([101]);
      expect(ids(await status('6'))).to.deep.equal([101]);
      expect(ids(await status('6', 'notequals'))).to.deep.equal([100, 102]);
      expect(ids(await status('all'))).to.deep.equal([100, 101, 102]);
      const name = (value: string) =>
        as('demo', searchPath(`criteria[0][field]=1&criteria[0][searchtype]=contains&criteria[0][value]=${encodeURIComponent(value)}&uid_cols=1`));
      expect(ids(await name('imprim'))).to.deep.equal([100]);
      expect(ids(await name('^badge'))).to.deep.equal([102]);
      expect(ids(await name('& clavier$'))).to.deep.equal([101]);
      const either = await as(
        'demo',
        searchPath(
          'criteria[0][field]=2&criteria[0][searchtype]=equals&criteria[0][value]=100' +
            '&criteria[1][link]=OR&criteria[1][field]=2&criteria[1][searchtype]=equals&criteria[1][value]=102&uid_cols=1&sort=2',
        ),
      );
      expect(ids(either)).to.deep.equal([100, 102]);
      const nested = await as(
        'demo',
        searchPath(
          'criteria[0][field]=4&criteria[0][searchtype]=equals&criteria[0][value]=myself' +
            '&criteria[1][link]=AND NOT&criteria[1][criteria][0][field]=12&criteria[1][criteria][0][searchtype]=equals&criteria[1][criteria][0][value]=6&uid_cols=1',
        ),
      );
      expect(ids(nested)).to.deep.equal([100]);
    });

    it('pages with range, 206 and Content-Range while rows remain, an empty page at the end, an error past it', async () => {
      fake.state.generateTickets(250);
      const path = (range: string) => mine(`&range=${range}&sort=19&order=DESC`);
      const first = await as('demo', path('0-99'));
      expect([first.status, first.headers.get('Content-Range'), (first.body as { count: number }).count]).to.deep.equal([206, '0-99/252', 100]);
      const last = await as('demo', path('200-299'));
      expect([last.status, last.headers.get('Content-Range'), (last.body as { count: number }).count]).to.deep.equal([206, '200-251/252', 52]);
      expect((last.body as { 'content-range': string })['content-range']).to.equal('200-251/252');
      const atEnd = await as('demo', path('252-351'));
      expect(atEnd.status).to.equal(206);
      expect(atEnd.body).to.deep.equal({ totalcount: 252, count: 0, sort: [19], order: ['DESC'], 'content-range': '252-251/252' });
      const past = await as('demo', path('253-300'));
      expect(code(past)).to.deep.equal([400, 'ERROR_RANGE_EXCEED_TOTAL']);
      const dates = [...ids(first)].map((id) => fake.state.ticket(id as number)!.date_mod);
      expect(dates).to.deep.equal([...dates].sort().reverse());
    });

    it('answers an empty search without data nor Content-Range, 200', async () => {
      const answer = await as('colleague', mine());
      expect([answer.status, answer.headers.get('Content-Range')]).to.deep.equal([200, null]);
      expect(answer.body).to.deep.equal({ totalcount: 0, count: 0, sort: [1], order: ['ASC'], 'content-range': '0--1/0' });
    });

    it('refuses malformed criteria, unknown fields and ranges as GLPI does', async () => {
      const malformed = await as('demo', searchPath('criteria[0][field]=12&criteria[0][value]=1'));
      expect(malformed.body).to.deep.equal(['ERROR', `Malformed search criteria; view documentation in your browser at ${API}/#ERROR`]);
      const unknown = await as('demo', searchPath('criteria[0][field]=9999&criteria[0][searchtype]=equals&criteria[0][value]=1'));
      expect((unknown.body as string[])[1]).to.match(/^Bad field ID in search criteria/);
      expect(code(await as('demo', searchPath('range=10')))).to.deep.equal([400, 'ERROR']);
      expect(code(await as('demo', 'search/Spaceship'))).to.deep.equal([400, 'ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM']);
    });

    it('shows the default columns without forcedisplay, where the technician overwrites the requester under their shared uid', async () => {
      const answer = await as('demo', searchPath('criteria[0][field]=2&criteria[0][searchtype]=equals&criteria[0][value]=102&uid_cols=1'));
      const [row] = (answer.body as { data: Record<string, unknown>[] }).data;
      expect(row).to.include.keys('Ticket.status', 'Ticket.date_mod', 'Ticket.date', 'Ticket.priority', 'Ticket.ITILCategory.completename');
      expect(row['Ticket.Ticket_User.User.name']).to.equal(TECHNICIAN.id);
    });

    it('keys rows by id with withindexes, and sends numbers as strings like GLPI 9.5 when asked', async () => {
      const indexed = await as('demo', mine('&withindexes=1'));
      expect(Object.keys((indexed.body as { data: object }).data)).to.deep.equal(['100', '101']);
      await start({ stringNumbers: true });
      fake.state.addTicket({ name: 'a' });
      for (const key of Object.keys(sessions)) delete sessions[key];
      const answer = await as('demo', mine());
      expect(answer.body).to.deep.include({ totalcount: '1', count: '1' });
      expect((answer.body as { data: Record<string, unknown>[] }).data[0]).to.include({ 'Ticket.id': '100', 'Ticket.status': '1' });
    });
  });

  describe('GET Ticket/:id and its sub-items', () => {
    let ticketId: number;
    beforeEach(() => {
      const ticket = fake.state.addTicket({ name: 'Wi-Fi & "invités"', content: '<p>Rien ne va</p>', technician: 2, category: 9 });
      ticketId = ticket.id;
      tick(10);
      fake.state.addFollowup(ticketId, { content: '<p>Je regarde</p>' });
      fake.state.addFollowup(ticketId, { content: '<p>Note interne</p>', isPrivate: true });
      fake.state.addFollowup(ticketId, { content: '<p>Ma note privée</p>', isPrivate: true, userId: DEMO_USER.id });
      fake.state.attachDocument(ticketId, new File(['log'], 'journal.txt', { type: 'text/plain' }));
      tick(10);
      fake.state.proposeSolution(ticketId, '<p>Borne remplacée</p>');
    });

    it('answers the ticket entity-encoded, with names and documents when asked', async () => {
      const { status, body, headers } = await as('demo', `Ticket/${ticketId}?expand_dropdowns=true&with_documents=true`);
      expect(status).to.equal(200);
      expect(body).to.deep.include({
        id: ticketId,
        name: 'Wi-Fi &amp; &quot;invités&quot;',
        content: '&lt;p&gt;Rien ne va&lt;/p&gt;',
        status: SOLVED,
        users_id_recipient: 'Martin Camille',
        itilcategories_id: 'R&eacute;seau &amp; Wi-Fi',
        entities_id: 'Entité racine',
        solvedate: '2025-03-10 09:50:00',
        date_mod: '2025-03-10 09:50:00',
      });
      const [document] = (body as { _documents: Record<string, unknown>[] })._documents;
      expect(document).to.include({ id: 1, name: 'journal.txt', filename: 'journal.txt', mime: 'text/plain', users_id: 'Martin Camille' });
      expect(document).to.include.keys('assocID', 'assocdate', 'date_creation');
      expect(headers.get('Last-Modified')).to.equal(new Date(2025, 2, 10, 9, 50).toUTCString());
      const plain = (await as('demo', `Ticket/${ticketId}`)).body as Record<string, unknown>;
      expect([plain.users_id_recipient, plain._documents]).to.deep.equal([7, undefined]);
      expect(plain.links).to.deep.include({ rel: 'ITILFollowup', href: `${API}/Ticket/${ticketId}/ITILFollowup/` });
    });

    // API::messageRightError answers 403 (src/Api/API.php line 2720 of 10.0.11, the same in 11).
    it('answers 404 for an unknown ticket and a missing right (403) for someone else’s', async () => {
      expect((await as('demo', 'Ticket/999')).body).to.deep.equal(['ERROR_ITEM_NOT_FOUND', 'Item not found']);
      const theirs = await as('colleague', `Ticket/${ticketId}`);
      expect(theirs.status).to.equal(403);
      expect(theirs.body).to.deep.equal(['ERROR_RIGHT_MISSING', "You don't have permission to perform this action."]);
      expect(code(await as('colleague', `Ticket/${ticketId}/ITILFollowup`))).to.deep.equal([403, 'ERROR_RIGHT_MISSING']);
      expect(code(await as('colleague', 'Ticket/999/ITILFollowup'))).to.deep.equal([404, 'ERROR_ITEM_NOT_FOUND']);
      await start({ rightMissingStatus: 401 });
      fake.state.addTicket({ name: 'a' });
      for (const key of Object.keys(sessions)) delete sessions[key];
      expect(code(await as('colleague', 'Ticket/100'))).to.deep.equal([401, 'ERROR_RIGHT_MISSING']);
    });

    it('lists follow-ups without others’ private ones, with names instead of ids when expanded', async () => {
      const mine = await as('demo', `Ticket/${ticketId}/ITILFollowup?expand_dropdowns=true`);
      const rows = mine.body as Record<string, unknown>[];
      expect(rows.map((row) => [row.id, row.is_private, row.users_id])).to.deep.equal([
        [1, 0, 'Bernard Sacha'],
        [3, 1, 'Martin Camille'],
      ]);
      expect(rows[0]).to.include({ content: '&lt;p&gt;Je regarde&lt;/p&gt;', items_id: 'Wi-Fi &amp; &quot;invités&quot;', itemtype: 'Ticket' });
      const technician = await as('tech', `Ticket/${ticketId}/ITILFollowup`);
      expect((technician.body as { id: number }[]).map((row) => row.id)).to.deep.equal([1, 2, 3]);
      expect((technician.body as Record<string, unknown>[])[0].users_id).to.equal(2);
    });

    it('pages and sorts sub-items as getItems does', async () => {
      const page = await as('tech', `Ticket/${ticketId}/ITILFollowup?range=1-1&order=DESC`);
      expect([page.status, page.headers.get('Content-Range'), (page.body as { id: number }[])[0].id]).to.deep.equal([206, '1-1/3', 2]);
      expect(code(await as('tech', `Ticket/${ticketId}/ITILFollowup?order=UP`))).to.deep.equal([400, 'ERROR']);
      expect(code(await as('tech', `Ticket/${ticketId}/ITILFollowup?sort=nope`))).to.deep.equal([400, 'ERROR']);
      expect(code(await as('tech', `Ticket/${ticketId}/ITILFollowup?range=9-10`))).to.deep.equal([400, 'ERROR_RANGE_EXCEED_TOTAL']);
    });

    it('lists solutions, document links, actors and empty kinds; refuses unknown ones', async () => {
      const [solution] = (await as('demo', `Ticket/${ticketId}/ITILSolution?expand_dropdowns=1`)).body as Record<string, unknown>[];
      expect(solution).to.include({ status: SOLUTION_WAITING, users_id: 'Bernard Sacha', users_id_approval: 0, date_approval: null });
      expect(solution.content).to.equal('&lt;p&gt;Borne remplacée&lt;/p&gt;');
      const [link] = (await as('demo', `Ticket/${ticketId}/Document_Item`)).body as Record<string, unknown>[];
      expect(link).to.include({ documents_id: 1, itemtype: 'Ticket', items_id: ticketId });
      const actors = (await as('demo', `Ticket/${ticketId}/Ticket_User`)).body as Record<string, unknown>[];
      expect(actors.map((actor) => [actor.type, actor.users_id])).to.deep.equal([
        [1, 7],
        [2, 2],
      ]);
      expect((await as('demo', `Ticket/${ticketId}/TicketTask`)).body).to.deep.equal([]);
      expect(code(await as('demo', `Ticket/${ticketId}/Spaceship`))).to.deep.equal([400, 'ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM']);
    });
  });

  describe('POST ITILFollowup', () => {
    let ticketId: number;
    beforeEach(() => {
      ticketId = fake.state.addTicket({ name: 'Outlook', technician: 2 }).id;
    });

    const followup = (input: Record<string, unknown>, who: keyof typeof TOKENS = 'demo') =>
      send(who, 'POST', 'ITILFollowup', { input: { itemtype: 'Ticket', items_id: ticketId, ...input } });

    it('adds a reply: 201, its id, an empty message, Location, no exposed headers', async () => {
      tick(3);
      const answer = await followup({ content: '<p>Toujours en panne</p>', is_private: 0 });
      expect([answer.status, answer.body]).to.deep.equal([201, { id: 1, message: '' }]);
      expect(answer.headers.get('Access-Control-Expose-Headers')).to.equal(null);
      expect(fake.state.followups[0]).to.include({ users_id: 7, content: '<p>Toujours en panne</p>', is_private: 0, date: '2025-03-10 09:33:00' });
      expect(fake.state.ticket(ticketId)?.date_mod).to.equal('2025-03-10 09:33:00');
    });

    it('refuses an empty reply, and a refusal or reopening without a reason', async () => {
      expect((await followup({ content: '' })).body).to.deep.equal(['ERROR_GLPI_ADD', "You can't add a followup without description"]);
      fake.state.proposeSolution(ticketId, 'x');
      expect((await followup({ content: '', add_reopen: 1 })).body).to.deep.equal([
        'ERROR_GLPI_ADD',
        'If you want to reopen this item, you must specify a reason',
      ]);
      expect(fake.state.followups).to.have.length(0);
      expect(fake.state.ticket(ticketId)?.status).to.equal(SOLVED);
    });

    it('approves a solution with add_close, even empty: the ticket closes, the solution is accepted', async () => {
      const solution = fake.state.proposeSolution(ticketId, 'x');
      expect((await followup({ add_close: 1, content: '' })).status).to.equal(201);
      expect(fake.state.followups[0].content).to.equal('Solution approved');
      expect([fake.state.ticket(ticketId)?.status, solution.status]).to.deep.equal([CLOSED, SOLUTION_ACCEPTED]);
    });

    it('refuses a solution with add_reopen and a reason: back to processing, the solution refused', async () => {
      const solution = fake.state.proposeSolution(ticketId, 'x');
      expect((await followup({ add_reopen: 1, content: '<p>Non</p>' })).status).to.equal(201);
      expect([fake.state.ticket(ticketId)?.status, solution.status]).to.deep.equal([ASSIGNED, SOLUTION_REFUSED]);
    });

    it('reopens a closed ticket with add_reopen; a plain follow-up leaves it closed; without the right, nothing', async () => {
      fake.state.setStatus(ticketId, CLOSED);
      expect((await followup({ content: 'info' })).status).to.equal(201);
      expect(fake.state.ticket(ticketId)?.status).to.equal(CLOSED);
      expect((await followup({ add_reopen: 1, content: 'Ça recommence' })).status).to.equal(201);
      expect(fake.state.ticket(ticketId)?.status).to.equal(ASSIGNED);
      fake.state.setStatus(ticketId, CLOSED);
      fake.state.users[0].rights = { ...fake.state.users[0].rights, followupOwn: false };
      const refused = await followup({ add_reopen: 1, content: 'Ça recommence' });
      expect(refused.body).to.deep.equal(['ERROR_GLPI_ADD', "You don't have permission to perform this action."]);
    });

    // Ticket::canReopen (src/Ticket.php lines 660-666 of 10.0.11) reads the profile's status matrix; Self-Service's
    // default (install/empty_data.php line 7993) forbids Closed → New and Closed → Processing, so ITILFollowup::canCreateItem
    // (src/ITILFollowup.php lines 177-183) refuses any follow-up on a closed ticket; the session carries the matrix.
    it('refuses a follow-up on a closed ticket where the status matrix forbids reopening, as the default Self-Service', async () => {
      const own = fake.state.addTicket({ name: 'mine', requester: COLLEAGUE.id, status: CLOSED }).id;
      const refused = await followup({ items_id: own, add_reopen: 1, content: 'Ça recommence' }, 'colleague');
      expect([refused.status, refused.body]).to.deep.equal([400, ['ERROR_GLPI_ADD', "You don't have permission to perform this action."]]);
      expect(fake.state.ticket(own)?.status).to.equal(CLOSED);
      const { body } = await as('colleague', 'getFullSession');
      const profile = (body as { session: { glpiactiveprofile: { ticket_status: Record<string, Record<string, number>> } } }).session.glpiactiveprofile;
      expect(profile.ticket_status[6]).to.deep.equal({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });
      fake.state.users.find((user) => user.id === COLLEAGUE.id)!.rights = { reopenClosed: true };
      expect((await followup({ items_id: own, add_reopen: 1, content: 'Ça recommence' }, 'colleague')).status).to.equal(201);
    });

    it('puts a pending ticket back to processing', async () => {
      fake.state.addFollowup(ticketId, { content: 'Quel poste ?', pending: true });
      await followup({ content: 'PC-COMPTA-03' });
      expect(fake.state.ticket(ticketId)?.status).to.equal(ASSIGNED);
    });

    it('refuses follow-ups on unknown tickets and on colleagues’ tickets one only sees', async () => {
      const other = fake.state.addTicket({ name: 'theirs', requester: COLLEAGUE.id }).id;
      const permission = ['ERROR_GLPI_ADD', "You don't have permission to perform this action."];
      expect((await followup({ items_id: other, content: 'x' })).body).to.deep.equal(permission);
      expect((await followup({ items_id: 999, content: 'x' })).body).to.deep.equal(permission);
      expect((await followup({ itemtype: 'Change', content: 'x' })).body).to.deep.equal(permission);
      expect((await followup({ items_id: other, content: 'x' }, 'tech')).status).to.equal(201);
    });

    it('answers lists of inputs with 207 when some fail', async () => {
      const answer = await send('demo', 'POST', 'ITILFollowup', {
        input: [
          { itemtype: 'Ticket', items_id: ticketId, content: 'a' },
          { itemtype: 'Ticket', items_id: ticketId, content: '' },
        ],
      });
      expect(code(answer)).to.deep.equal([207, 'ERROR_GLPI_PARTIAL_ADD']);
    });
  });

  describe('PUT Ticket/:id', () => {
    it('closes a ticket for a profile with the update right, answering GLPI’s list of results', async () => {
      const { id } = fake.state.addTicket({ name: 'a', technician: 2 });
      const answer = await send('demo', 'PUT', `Ticket/${id}`, { input: { status: CLOSED } });
      expect([answer.status, answer.body]).to.deep.equal([200, [{ [id]: true, message: '' }]]);
      expect([fake.state.ticket(id)?.status, fake.state.ticket(id)?.closedate]).to.deep.equal([CLOSED, '2025-03-10 09:30:00']);
    });

    // CommonITILObject::APPROVAL = 10 exists in GLPI 11 (Ticket::getAllStatusArray of src/Ticket.php), not in 10.0.11.
    it('takes status 10 (Approval) on GLPI 11 only, and finds it among the not-solved', async () => {
      await start({ version: 10 });
      for (const key of Object.keys(sessions)) delete sessions[key];
      const { id } = fake.state.addTicket({ name: 'a', technician: 2 });
      expect((await send('demo', 'PUT', `Ticket/${id}`, { input: { status: 10 } })).body).to.deep.equal(['ERROR_GLPI_UPDATE', 'Status 10 does not exist']);
      await start({ version: 11 });
      for (const key of Object.keys(sessions)) delete sessions[key];
      const other = fake.state.addTicket({ name: 'b', technician: 2 });
      expect((await send('demo', 'PUT', `Ticket/${other.id}`, { input: { status: 10 } })).status).to.equal(200);
      const found = await as('demo', 'search/Ticket?criteria[0][field]=12&criteria[0][searchtype]=equals&criteria[0][value]=notold&forcedisplay[0]=12&uid_cols=true');
      expect((found.body as { data: Record<string, unknown>[] }).data.map((row) => row['Ticket.status'])).to.deep.equal([10]);
    });

    it('refuses without the right, for an unknown ticket, and without input', async () => {
      const { id } = fake.state.addTicket({ name: 'a', requester: COLLEAGUE.id });
      expect((await send('colleague', 'PUT', `Ticket/${id}`, { input: { status: CLOSED } })).body).to.deep.equal([
        'ERROR_GLPI_UPDATE',
        "You don't have permission to perform this action.",
      ]);
      expect(fake.state.ticket(id)?.status).to.equal(NEW);
      expect((await send('demo', 'PUT', 'Ticket/999', { input: { status: CLOSED } })).body).to.deep.equal(['ERROR_GLPI_UPDATE', null]);
      expect(code(await send('demo', 'PUT', `Ticket/${id}`, { status: CLOSED }))).to.deep.equal([400, 'ERROR_BAD_ARRAY']);
      expect(code(await send('demo', 'PUT', `Ticket/${id}`, { input: { status: 9 } }))).to.deep.equal([400, 'ERROR_GLPI_UPDATE']);
    });

    it('is allowed by preflight (PUT is in the list, PATCH is not)', async () => {
      const request = new Request(`${API}/Ticket/1`, { method: 'OPTIONS' });
      Object.defineProperty(request, 'headers', {
        value: new Headers({ Origin: 'https://intranet.example.fr', 'Access-Control-Request-Method': 'PUT' }),
      });
      const response = await getResponse(fake.handlers, request);
      expect(response?.headers.get('Access-Control-Allow-Methods')).to.equal('PUT, GET, POST, DELETE, OPTIONS');
    });
  });

  describe('GET Document/:id', () => {
    let documentId: number;
    beforeEach(() => {
      const { id } = fake.state.addTicket({ name: 'a' });
      documentId = fake.state.attachDocument(id, new File([new Uint8Array([137, 80, 78, 71, 0, 255])], 'écran.png', { type: 'image/png' })).id;
    });

    it('sends the bytes with alt=media or Accept: application/octet-stream, the row otherwise', async () => {
      await as('demo', 'getFullSession');
      const media = await fetch(`${API}/Document/${documentId}?alt=media`, { headers: { 'Session-Token': sessions.demo } });
      expect(media.headers.get('Content-Type')).to.equal('image/png');
      expect(media.headers.get('Content-Disposition')).to.contain("filename*=utf-8''%C3%A9cran.png");
      expect([...new Uint8Array(await media.arrayBuffer())]).to.deep.equal([137, 80, 78, 71, 0, 255]);
      const accept = await fetch(`${API}/Document/${documentId}`, {
        headers: { 'Session-Token': sessions.demo, Accept: 'application/octet-stream' },
      });
      expect((await accept.arrayBuffer()).byteLength).to.equal(6);
      const row = await as('demo', `Document/${documentId}`);
      expect(row.body).to.include({ id: documentId, filename: 'écran.png', mime: 'image/png' });
    });

    it('refuses documents of tickets one cannot see, and unknown ones', async () => {
      expect(code(await as('colleague', `Document/${documentId}?alt=media`))).to.deep.equal([403, 'ERROR_RIGHT_MISSING']);
      expect(code(await as('demo', 'Document/99?alt=media'))).to.deep.equal([404, 'ERROR_ITEM_NOT_FOUND']);
      // A technician sees the entity's tickets, hence their files.
      expect((await as('tech', `Document/${documentId}`)).status).to.equal(200);
    });

    it('damages downloads byte for byte when asked', async () => {
      fake.state.failNext('truncated', { endpoint: 'Document' });
      await as('demo', 'getFullSession');
      const response = await fetch(`${API}/Document/${documentId}?alt=media`, { headers: { 'Session-Token': sessions.demo } });
      expect([...new Uint8Array(await response.arrayBuffer())]).to.deep.equal([137, 80, 78]);
    });
  });

  describe('people and sessions', () => {
    it('answers a person’s record to themselves and to profiles that may read users', async () => {
      expect((await as('colleague', `User/${COLLEAGUE.id}`)).body).to.include({ id: 8, realname: 'Dupont', firstname: 'Julien' });
      expect(code(await as('colleague', `User/${DEMO_USER.id}`))).to.deep.equal([403, 'ERROR_RIGHT_MISSING']);
      const read = (await as('demo', `User/${COLLEAGUE.id}`)).body as Record<string, unknown>;
      expect(read).not.to.have.any.keys('password', 'userToken', 'api_token');
      expect(code(await as('demo', 'User/999'))).to.deep.equal([404, 'ERROR_ITEM_NOT_FOUND']);
    });

    it('reports the profile’s rights as GLPI’s bitmasks in the session', async () => {
      const profile = async (who: keyof typeof TOKENS) =>
        ((await as(who, 'getFullSession')).body as { session: { glpiactiveprofile: Record<string, unknown> } }).session.glpiactiveprofile;
      // A helpdesk profile keeps only Profile::$helpdesk_rights (src/Profile.php lines 44 and 527-538 of 10.0.11).
      const colleague = await profile('colleague');
      expect(colleague).to.include({ interface: 'helpdesk', ticket: 5, followup: 5 });
      expect(colleague).not.to.have.any.keys('user', 'itilcategory', 'computer');
      expect(await profile('demo')).to.include({ interface: 'central', ticket: 1 + 2 + 4 + 1024, user: 1, itilcategory: 1 });
      expect(await profile('tech')).to.include({ interface: 'central', followup: 1 + 4 + 4096 + 8192 });
    });

    it('applies failures and session checks to the new routes too', async () => {
      fake.state.failNext('500', { endpoint: 'search' });
      expect(code(await as('demo', searchPath('uid_cols=1')))).to.deep.equal([500, 'ERROR_SQL']);
      fake.state.failNext('expire-session', { endpoint: 'ITILFollowup' });
      const expired = await send('demo', 'POST', 'ITILFollowup', { input: {} });
      expect(code(expired)).to.deep.equal([401, 'ERROR_SESSION_TOKEN_INVALID']);
      expect(code(await call('search/Ticket'))).to.deep.equal([400, 'ERROR_SESSION_TOKEN_MISSING']);
      await start({ appToken: 'app-1' });
      const opened = await call('initSession', { headers: { Authorization: `user_token ${TOKENS.demo}`, 'App-Token': 'app-1' } });
      const token = (opened.body as { session_token: string }).session_token;
      expect(code(await call('search/Ticket', { headers: { 'Session-Token': token } }))).to.deep.equal([400, 'ERROR_APP_TOKEN_PARAMETERS_MISSING']);
      expect((await call('search/Ticket', { headers: { 'Session-Token': token, 'App-Token': 'app-1' } })).status).to.equal(200);
    });
  });

  describe('hostile content', () => {
    it('keeps any string and answers it encoded, never as markup', async () => {
      const ticket = addHostileTicket(fake.state);
      const huge = hugeText();
      fake.state.addFollowup(ticket.id, { content: huge });
      expect(ticket.name).to.contain(HOSTILE_TEXTS[0]);
      const { body } = await as('demo', `Ticket/${ticket.id}?expand_dropdowns=true&with_documents=true`);
      const text = JSON.stringify(body);
      expect(text).not.to.match(/<(script|img|svg)/i);
      const followups = (await as('demo', `Ticket/${ticket.id}/ITILFollowup?expand_dropdowns=true`)).body as Record<string, string>[];
      expect(followups).to.have.length(2);
      expect(followups[0].users_id).to.contain('&lt;script&gt;');
      expect(followups[1].content.length).to.be.greaterThan(huge.length);
    });
  });
});
