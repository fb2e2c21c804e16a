import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { GlpiBackendConfig } from '../../src/config/index.js';
import type { TicketDetail } from '../../src/core/ticket.js';
import { GlpiBackend } from '../../src/backends/glpi/glpi-backend.js';
import { memoryTokenStore, type TokenStore } from '../../src/store/session-token.js';
import {
  APPROVAL,
  CLOSED,
  COLLEAGUE,
  createGlpiFake,
  DEMO_USER,
  PENDING,
  SOLUTION_ACCEPTED,
  SOLUTION_REFUSED,
  SOLVED,
  TECHNICIAN,
  type FailureKind,
  type GlpiFake,
  type GlpiFakeOptions,
} from '../../src/mocks/index.js';
import { useHandlers } from '../support/msw.js';
import { rejection } from '../support/errors.js';

const API = 'https://support.example.fr/glpi/apirest.php';

let fake: GlpiFake;
/** One session store per person, as if each used their own browser. */
let stores: Map<string, TokenStore>;

async function start(options: GlpiFakeOptions = {}): Promise<void> {
  fake = createGlpiFake({ baseUrl: API, ...options });
  // Each date the fake writes is a minute after the previous one, so threads have a clear order.
  let time = new Date(2025, 2, 10, 9, 0, 0).getTime();
  fake.state.clock = () => new Date((time += 60_000));
  stores = new Map();
  await useHandlers(...fake.handlers);
}

function glpi(userToken = DEMO_USER.userToken, config: Partial<GlpiBackendConfig> = {}): GlpiBackend {
  if (!stores.has(userToken)) stores.set(userToken, memoryTokenStore());
  return new GlpiBackend({ type: 'glpi', url: API, timeout: 5000, auth: { userToken }, ...config }, { tokenStore: stores.get(userToken) });
}

const calls = (endpoint: string) => fake.state.requests.filter((request) => request.endpoint === endpoint);
const mine = { scope: 'mine', start: 0, limit: 100 } as const;
const organisation = { scope: 'organisation', start: 0, limit: 100 } as const;

describe('GlpiBackend: following tickets', () => {
  beforeEach(async () => {
    sessionStorage.clear();
    await start();
  });

  describe('listTickets', () => {
    beforeEach(() => {
      const { state } = fake;
      state.addTicket({ name: 'Imprimante &lt;HS&gt; & "bloquée"', urgency: 5, type: 1, date: '2025-03-01 08:00:00', dateMod: '2025-03-02 17:45:12' });
      const pending = state.addTicket({ name: 'Accès VPN', type: 2, urgency: 2, technician: 2, date: '2025-03-03 08:00:00' });
      state.addFollowup(pending.id, { content: 'Quel poste ?', pending: true, date: '2025-03-04 09:00:00' });
      state.addTicket({ name: 'Badge', requester: COLLEAGUE.id, date: '2025-03-05 08:00:00' });
    });

    it('asks search/Ticket for the person’s tickets, newest activity first, and maps every field', async () => {
      const page = await glpi().listTickets(mine);
      const [search] = calls('search/Ticket');
      const query = new URL(search.url).searchParams;
      expect(Object.fromEntries(query)).to.deep.include({
        'criteria[0][field]': '4',
        'criteria[0][searchtype]': 'equals',
        'criteria[0][value]': '7',
        sort: '19',
        order: 'DESC',
        range: '0-99',
        uid_cols: 'true',
      });
      expect(query.getAll('forcedisplay[4]')).to.deep.equal(['14']);
      expect(page.total).to.equal(2);
      expect(page.more).to.equal(false);
      expect(page.tickets.map((ticket) => ticket.id)).to.deep.equal(['101', '100']);
      const [vpn, printer] = page.tickets;
      // Plain text is decoded twice: what GLPI stored encoded once more shows as meant.
      expect(printer).to.deep.equal({
        id: '100',
        title: 'Imprimante <HS> & "bloquée"',
        status: { group: 'open', code: '1', label: { en: 'New', fr: 'Nouveau' } },
        urgency: 'very-high',
        type: 'incident',
        openedAt: new Date(2025, 2, 1, 8, 0, 0),
        updatedAt: new Date(2025, 2, 2, 17, 45, 12),
      });
      expect(vpn.status).to.deep.equal({ group: 'waiting', code: '4', label: { en: 'Pending', fr: 'En attente' } });
      expect([vpn.type, vpn.urgency, vpn.requester]).to.deep.equal(['request', 'low', undefined]);
    });

    it('maps every GLPI status to its group and GLPI’s own names', async () => {
      fake.state.generateTickets(6, { name: 'Statut' });
      const { tickets } = await glpi().listTickets(mine);
      const byCode = Object.fromEntries(tickets.map((ticket) => [ticket.status.code, [ticket.status.group, ticket.status.label]]));
      expect(byCode).to.deep.equal({
        1: ['open', { en: 'New', fr: 'Nouveau' }],
        2: ['open', { en: 'Processing (assigned)', fr: 'En cours (Attribué)' }],
        3: ['open', { en: 'Processing (planned)', fr: 'En cours (Planifié)' }],
        4: ['waiting', { en: 'Pending', fr: 'En attente' }],
        5: ['solved', { en: 'Solved', fr: 'Résolu' }],
        6: ['closed', { en: 'Closed', fr: 'Clos' }],
      });
    });

    it('pages through 250 tickets with range, and answers a page past the end as empty', async () => {
      fake.state.generateTickets(250, { requester: COLLEAGUE.id });
      const backend = glpi(COLLEAGUE.userToken);
      const pages = [];
      for (let start = 0; ; start += 100) {
        const page = await backend.listTickets({ scope: 'mine', start, limit: 100 });
        pages.push(page);
        if (!page.more) break;
      }
      expect(pages.map((page) => [page.tickets.length, page.total, page.more])).to.deep.equal([
        [100, 251, true],
        [100, 251, true],
        [51, 251, false],
      ]);
      const all = pages.flatMap((page) => page.tickets);
      expect(new Set(all.map((ticket) => ticket.id)).size).to.equal(251);
      const times = all.map((ticket) => ticket.updatedAt.getTime());
      expect(times).to.deep.equal([...times].sort((a, b) => b - a));
      expect(calls('search/Ticket').map((request) => new URL(request.url).searchParams.get('range'))).to.deep.equal([
        '0-99',
        '100-199',
        '200-299',
      ]);
      expect(await backend.listTickets({ scope: 'mine', start: 251, limit: 100 })).to.deep.equal({ tickets: [], total: 251, more: false });
      expect(await backend.listTickets({ scope: 'mine', start: 400, limit: 100 })).to.deep.equal({ tickets: [], total: 251, more: false });
    });

    it('lists the organisation’s tickets with their requesters’ names, asking each person once', async () => {
      fake.state.addTicket({ name: 'Badge 2', requester: COLLEAGUE.id });
      const backend = glpi();
      const page = await backend.listTickets(organisation);
      expect(page.tickets.map((ticket) => [ticket.title, ticket.requester])).to.deep.equal([
        ['Badge 2', 'Dupont Julien'],
        ['Badge', 'Dupont Julien'],
        ['Accès VPN', 'Martin Camille'],
        ['Imprimante <HS> & "bloquée"', 'Martin Camille'],
      ]);
      const [search] = calls('search/Ticket');
      expect(new URL(search.url).searchParams.has('criteria[0][field]')).to.equal(false);
      await backend.listTickets(organisation);
      expect(calls(`User/${COLLEAGUE.id}`)).to.have.length(1);
      expect(calls(`User/${DEMO_USER.id}`)).to.have.length(0);
    });

    it('shows no names where the profile may not read people, and only one’s own tickets where it may not see the entity’s', async () => {
      const backend = glpi(COLLEAGUE.userToken);
      const page = await backend.listTickets(organisation);
      expect(page.tickets.map((ticket) => [ticket.title, ticket.requester])).to.deep.equal([['Badge', 'Dupont Julien']]);
      fake.state.users.find((user) => user.id === COLLEAGUE.id)!.rights = { entityTickets: true };
      const wider = await backend.listTickets(organisation);
      expect(wider.tickets.map((ticket) => ticket.requester)).to.deep.equal(['Dupont Julien', undefined, undefined]);
      await backend.listTickets(organisation);
      expect(calls(`User/${DEMO_USER.id}`)).to.have.length(1);
    });

    it('lists the tickets of a person who signed in with a password', async () => {
      const backend = new GlpiBackend({ type: 'glpi', url: API, timeout: 5000 }, { tokenStore: memoryTokenStore() });
      await backend.signIn({ login: 'demo', password: 'demo' });
      expect((await backend.listTickets(mine)).tickets).to.have.length(2);
      expect(calls('getFullSession')).to.have.length(0);
    });

    it('learns whose session it is from getFullSession after a reload, once', async () => {
      await glpi().listTickets(mine);
      const reloaded = new GlpiBackend({ type: 'glpi', url: API, timeout: 5000 }, { tokenStore: stores.get(DEMO_USER.userToken) });
      await reloaded.listTickets(mine);
      await reloaded.listTickets(mine);
      expect(calls('initSession')).to.have.length(1);
      expect(calls('getFullSession')).to.have.length(1);
    });

    it('reads numbers sent as strings (GLPI 9.5) the same way', async () => {
      const before = await glpi().listTickets(mine);
      const state = fake.state;
      await start({ stringNumbers: true });
      state.tickets.forEach((ticket) => fake.state.tickets.push(ticket));
      state.followups.forEach((followup) => fake.state.followups.push(followup));
      expect(await glpi().listTickets(mine)).to.deep.equal(before);
    });

    // Issue 11 point 4: GLPI 11's status 10 (Approval, CommonITILObject::APPROVAL) and any status the widget does not know.
    it('shows GLPI 11’s Approval (10) as waiting, and an unknown status by its number, in the list and the thread', async () => {
      await start({ version: 11 });
      const approval = fake.state.addTicket({ name: 'En validation', status: APPROVAL, technician: TECHNICIAN.id });
      const unknown = fake.state.addTicket({ name: 'Statut d’un plugin' });
      (unknown as { status: number }).status = 12;
      const { tickets } = await glpi().listTickets(mine);
      expect(tickets.map((ticket) => [ticket.title, ticket.status])).to.deep.include.members([
        ['En validation', { group: 'waiting', code: '10', label: { en: 'Approval', fr: 'Validation' } }],
        ['Statut d’un plugin', { group: 'open', code: '12', label: { en: 'Status 12', fr: 'Statut 12' } }],
      ]);
      const detail = await glpi().getTicket(String(approval.id));
      expect([detail.status.code, detail.entries.length]).to.deep.equal(['10', 1]);
      expect(detail.actions).to.deep.equal({ reply: true, approve: false, close: true, reopen: false, addPeople: true });
      expect((await glpi().getTicket(String(unknown.id))).status.label).to.deep.equal({ en: 'Status 12', fr: 'Statut 12' });
    });

    it('lets a reading go on when another that shares the server’s settings and names with it is abandoned', async () => {
      // The list read again (another scope, a refresh) aborts the first reading while both wait on getGlpiConfig.
      const backend = glpi();
      const first = new AbortController();
      const abandoned = backend.listTickets(organisation, { signal: first.signal });
      const kept = backend.listTickets(organisation, { signal: new AbortController().signal });
      first.abort();
      // As an aborted call does: the signal's reason.
      expect(await abandoned.then(() => undefined, (error: unknown) => (error as Error).name)).to.equal('AbortError');
      const page = await kept;
      expect(page.tickets).to.have.length(3);
      expect(page.tickets.every((ticket) => ticket.requester)).to.equal(true);
      expect(calls('getGlpiConfig')).to.have.length(1);
    });

    it('reports a search answer of the wrong shape as a bad response', async () => {
      await useHandlers(
        http.get(`${API}/search/Ticket`, () => HttpResponse.json({ totalcount: 1, data: [{ 'Ticket.id': 1, 'Ticket.status': 0 }] })),
        ...fake.handlers,
      );
      const error = await rejection(glpi().listTickets(mine));
      expect(error.kind).to.equal('bad-response');
      expect(error.detail).to.match(/^search\/Ticket\?\S* answer: .* at \/data\/0\//);
    });
  });

  describe('getTicket', () => {
    let ticketId: number;
    beforeEach(() => {
      const { state } = fake;
      const ticket = state.addTicket({
        name: "L'écran & le clavier",
        content: '<p>Bonjour,&nbsp;l&#39;écran <strong>clignote</strong>.</p>',
        technician: TECHNICIAN.id,
        category: 9,
        urgency: 4,
        date: '2025-03-01 08:00:00',
      });
      ticketId = ticket.id;
      state.addFollowup(ticketId, { content: '<p>Je passe à 9 h.</p>', date: '2025-03-01 09:00:00' });
      state.addFollowup(ticketId, { content: '<p>Écran en fin de vie</p>', isPrivate: true, date: '2025-03-01 09:05:00' });
      state.addFollowup(ticketId, { content: 'Merci !\nÀ demain.', userId: DEMO_USER.id, date: '2025-03-01 09:10:00' });
      state.attachDocument(ticketId, new File(['log'], 'journal <1>.txt', { type: 'text/plain' }), { date: '2025-03-01 09:11:00' });
      state.proposeSolution(ticketId, '<p>Écran remplacé.</p>', { date: '2025-03-02 10:00:00' });
    });

    it('gives the ticket and its public thread, oldest first, decoded but not sanitised', async () => {
      const detail = await glpi().getTicket(String(ticketId));
      expect(detail).to.deep.include({
        id: String(ticketId),
        title: "L'écran & le clavier",
        urgency: 'high',
        type: 'incident',
        category: 'Réseau & Wi-Fi',
        openedAt: new Date(2025, 2, 1, 8, 0, 0),
        updatedAt: new Date(2025, 2, 2, 10, 0, 0),
        solvedAt: new Date(2025, 2, 2, 10, 0, 0),
        url: `https://support.example.fr/glpi/front/ticket.form.php?id=${ticketId}`,
      });
      expect(detail.status.group).to.equal('solved');
      expect(detail.entries.map((entry) => [entry.kind, entry.author, entry.body.format, entry.body.value, entry.approval])).to.deep.equal([
        ['description', 'Martin Camille', 'html', '<p>Bonjour,&nbsp;l&#39;écran <strong>clignote</strong>.</p>', undefined],
        ['followup', 'Bernard Sacha', 'html', '<p>Je passe à 9 h.</p>', undefined],
        ['followup', 'Martin Camille', 'text', 'Merci !\nÀ demain.', undefined],
        ['solution', 'Bernard Sacha', 'html', '<p>Écran remplacé.</p>', 'waiting'],
      ]);
      expect(detail.entries[1]).to.deep.include({ id: 'followup-1', date: new Date(2025, 2, 1, 9, 0, 0), documents: [] });
      expect(detail.documents).to.deep.equal([{ id: '1', name: 'journal <1>.txt', mime: 'text/plain', date: new Date(2025, 2, 1, 9, 11, 0) }]);
      expect(detail.actions).to.deep.equal({ reply: true, approve: true, close: false, reopen: false, addPeople: true });
    });

    it('asks for the ticket, its follow-ups, solutions and actors (for the Cc) together', async () => {
      await glpi().getTicket(String(ticketId));
      const endpoints = fake.state.requests.map((request) => request.endpoint);
      // With GLPI's version and zone (getGlpiConfig), asked once per adapter.
      expect(endpoints).to.deep.equal([
        'initSession',
        `Ticket/${ticketId}`,
        `Ticket/${ticketId}/ITILFollowup`,
        `Ticket/${ticketId}/ITILSolution`,
        `Ticket/${ticketId}/Ticket_User`,
        'getGlpiConfig',
      ]);
      expect(new URL(calls(`Ticket/${ticketId}`)[0].url).search).to.equal('?expand_dropdowns=true&with_documents=true');
    });

    it('never returns private follow-ups, even to a profile GLPI shows them to', async () => {
      const asTechnician = await glpi(TECHNICIAN.userToken).getTicket(String(ticketId));
      expect(asTechnician.entries.map((entry) => entry.body.value)).not.to.include('<p>Écran en fin de vie</p>');
      expect(JSON.stringify(asTechnician)).not.to.contain('fin de vie');
    });

    it('offers what the status and the profile allow', async () => {
      const actions = async (userToken = DEMO_USER.userToken) => (await glpi(userToken).getTicket(String(ticketId))).actions;
      fake.state.refuseSolution(ticketId, 'non');
      expect(await actions()).to.deep.equal({ reply: true, approve: false, close: true, reopen: false, addPeople: true });
      const theirs = fake.state.addTicket({ name: 'x', requester: COLLEAGUE.id }).id;
      expect((await glpi(COLLEAGUE.userToken).getTicket(String(theirs))).actions.close).to.equal(false);
      fake.state.setStatus(ticketId, CLOSED);
      expect(await actions()).to.deep.equal({ reply: false, approve: false, close: false, reopen: true, addPeople: false });
      fake.state.setStatus(ticketId, SOLVED);
      expect(await actions()).to.deep.equal({ reply: true, approve: false, close: false, reopen: false, addPeople: true });
    });

    it('maps an unknown ticket to not-found and someone else’s to forbidden (403, or 401 from older servers)', async () => {
      expect((await rejection(glpi().getTicket('999'))).kind).to.equal('not-found');
      const forbidden = await rejection(glpi(COLLEAGUE.userToken).getTicket(String(ticketId)));
      expect([forbidden.kind, forbidden.code, forbidden.status]).to.deep.equal(['forbidden', 'ERROR_RIGHT_MISSING', 403]);
      await start({ rightMissingStatus: 401 });
      fake.state.addTicket({ name: 'x' });
      expect((await rejection(glpi(COLLEAGUE.userToken).getTicket('100'))).kind).to.equal('forbidden');
    });

    it('refuses an id GLPI could not have made without asking', async () => {
      expect((await rejection(glpi().getTicket('../Ticket'))).kind).to.equal('not-found');
      // Only this call's: an earlier test's reads of a ticket (its actors, the session) may still arrive.
      expect(fake.state.requests.filter((request) => request.url.includes('..') || /^Ticket(\/|$)/.test(request.endpoint)).map((request) => request.url)).to.deep.equal([]);
    });

    it('shows the demo’s thread without the technician’s private note', async () => {
      await start({ demoTickets: true });
      const detail = await glpi().getTicket('48');
      expect(detail.status.group).to.equal('open');
      expect(detail.documents.map((doc) => [doc.name, doc.mime])).to.deep.equal([['capture-ecran.png', 'image/png']]);
      expect(detail.entries.map((entry) => entry.kind)).to.deep.equal(['description', 'followup']);
      const refused = await glpi().getTicket('44');
      expect(refused.entries.filter((entry) => entry.kind === 'solution').map((entry) => entry.approval)).to.deep.equal(['refused', 'accepted']);
    });
  });

  // Issue 11 point 7.
  describe('text and dates as each version writes them', () => {
    const ABOUT_MARKUP = '<p>Tapez &lt;b&gt; pour du gras &amp; voilà</p>';

    for (const version of [10, 11] as const) {
      it(`keeps what a person wrote about markup as text, from GLPI ${version}`, async () => {
        await start({ version });
        const { id } = fake.state.addTicket({ name: 'Gras & <b>', content: ABOUT_MARKUP });
        fake.state.addFollowup(id, { content: '<p>Essayez &lt;i&gt;</p>' });
        const detail = await glpi().getTicket(String(id));
        expect(detail.title).to.equal('Gras & <b>');
        expect(detail.entries.map((entry) => entry.body.value)).to.deep.equal([ABOUT_MARKUP, '<p>Essayez &lt;i&gt;</p>']);
      });
    }

    const LOCAL = '2025-03-01 08:00:00';
    const SUMMER = '2025-07-01 12:00:00';
    const realClock = () => (fake.state.clock = () => new Date());

    it('reads dates in the person’s own zone (glpi_tz), which GLPI writes them in', async () => {
      await start({ timeZone: 'America/New_York' });
      realClock();
      fake.state.users[0].timeZone = 'America/New_York';
      const { id } = fake.state.addTicket({ name: 'x', date: LOCAL, dateMod: SUMMER });
      const detail = await glpi().getTicket(String(id));
      expect(detail.openedAt.toISOString()).to.equal('2025-03-01T13:00:00.000Z');
      // Summer time: UTC−4.
      expect(detail.updatedAt.toISOString()).to.equal('2025-07-01T16:00:00.000Z');
    });

    it('prefers the configuration’s backend.timeZone, then the person’s, then the server’s setting', async () => {
      await start({ timeZone: 'Asia/Tokyo' });
      realClock();
      const { id } = fake.state.addTicket({ name: 'x', date: LOCAL });
      expect((await glpi().getTicket(String(id))).openedAt.toISOString(), 'the server’s timezone').to.equal('2025-02-28T23:00:00.000Z');
      expect((await glpi(undefined, { timeZone: 'Europe/Paris' }).getTicket(String(id))).openedAt.toISOString()).to.equal('2025-03-01T07:00:00.000Z');
      const { tickets } = await glpi(undefined, { timeZone: 'Europe/Paris' }).listTickets(mine);
      expect(tickets[0].openedAt.toISOString()).to.equal('2025-03-01T07:00:00.000Z');
    });

    it('else measures the server’s offset from the session’s glpi_currenttime, never taking the browser’s zone', async () => {
      await start({ timeZone: 'Asia/Kolkata' });
      realClock();
      await useHandlers(http.get(`${API}/getGlpiConfig`, () => HttpResponse.json({ cfg_glpi: { version: '10.0.11', timezone: null } })), ...fake.handlers);
      const { id } = fake.state.addTicket({ name: 'x', date: LOCAL });
      // Kolkata is UTC+5:30 all year.
      expect((await glpi().getTicket(String(id))).openedAt.toISOString()).to.equal('2025-03-01T02:30:00.000Z');
    });

    it('refuses a backend.timeZone that is no zone', async () => {
      const { parseConfig } = await import('../../src/config/index.js');
      const refused = parseConfig({ backend: { type: 'glpi', url: API, timeZone: 'Paris' } });
      expect(refused.ok ? [] : refused.problems.map((problem) => problem.key)).to.deep.equal(['backend.timeZone']);
      expect(parseConfig({ backend: { type: 'glpi', url: API, timeZone: 'Europe/Paris' } }).ok).to.equal(true);
    });
  });

  describe('downloadDocument', () => {
    let ticketId: string;
    const bytes = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 255]);
    beforeEach(async () => {
      ticketId = String(fake.state.addTicket({ name: 'Écran' }).id);
      await glpi().reply(ticketId, { text: 'Capture jointe', attachments: [new File([bytes], 'capture.png', { type: 'image/png' })] });
    });

    it('gives the bytes that were uploaded, with their type', async () => {
      const [document] = (await glpi().getTicket(ticketId)).documents;
      const blob = await glpi().downloadDocument(ticketId, document);
      expect(blob.type).to.equal('image/png');
      expect([...new Uint8Array(await blob.arrayBuffer())]).to.deep.equal([...bytes]);
      expect(new URL(calls('Document/1').at(-1)!.url).search).to.equal('?alt=media');
    });

    it('turns GLPI’s JSON error bodies into the typed errors', async () => {
      const document = { id: '1', name: 'capture.png', mime: 'image/png' };
      const forbidden = await rejection(glpi(COLLEAGUE.userToken).downloadDocument(ticketId, document));
      expect([forbidden.kind, forbidden.code]).to.deep.equal(['forbidden', 'ERROR_RIGHT_MISSING']);
      expect((await rejection(glpi().downloadDocument(ticketId, { ...document, id: '99' }))).kind).to.equal('not-found');
    });

    it('refuses a page or a JSON row instead of the file', async () => {
      const document = { id: '1', name: 'capture.png', mime: 'image/png' };
      fake.state.failNext('html', { endpoint: 'Document' });
      expect((await rejection(glpi().downloadDocument(ticketId, document))).kind).to.equal('bad-response');
      await useHandlers(http.get(`${API}/Document/1`, () => HttpResponse.json({ id: 1, name: 'capture.png' })), ...fake.handlers);
      expect((await rejection(glpi().downloadDocument(ticketId, document))).kind).to.equal('bad-response');
    });

    it('re-opens an expired session once', async () => {
      const backend = glpi();
      const [document] = (await backend.getTicket(ticketId)).documents;
      const opened = calls('initSession').length;
      fake.state.failNext('expire-session', { endpoint: 'Document' });
      expect((await backend.downloadDocument(ticketId, document)).size).to.equal(bytes.length);
      expect(calls('initSession')).to.have.length(opened + 1);
    });
  });

  describe('reply', () => {
    let ticketId: string;
    beforeEach(() => {
      ticketId = String(fake.state.addTicket({ name: 'VPN', technician: 2 }).id);
    });

    it('posts the text as escaped HTML paragraphs, public, then each file linked to the ticket', async () => {
      const posted = await glpi().reply(ticketId, {
        text: 'Toujours coupé :\n<script>alert("x")</script> & <b>rien</b>\n\nDeuxième paragraphe',
        attachments: [new File(['a'], 'a.txt'), new File(['b'], 'b.log')],
      });
      expect(posted).to.deep.equal({ failedAttachments: [] });
      const [followup] = fake.state.followups;
      expect(followup).to.include({
        items_id: +ticketId,
        users_id: DEMO_USER.id,
        is_private: 0,
        content:
          '<p>Toujours coupé :<br>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;rien&lt;/b&gt;</p><p>Deuxième paragraphe</p>',
      });
      expect(fake.state.documentItems.map((link) => [link.itemtype, link.items_id])).to.deep.equal([
        ['Ticket', +ticketId],
        ['Ticket', +ticketId],
      ]);
      const thread = (await glpi().getTicket(ticketId)).entries;
      expect(thread.at(-1)?.body.value).to.equal(followup.content);
    });

    it('collects the files GLPI refuses after the text was accepted', async () => {
      await start({ postMaxSize: 10 });
      ticketId = String(fake.state.addTicket({ name: 'VPN' }).id);
      fake.state.failNext('network', { endpoint: 'Document' });
      const posted = await glpi().reply(ticketId, {
        text: 'voir pièces',
        attachments: [new File(['a'], 'lost.txt'), new File(['x'.repeat(50)], 'big.pdf'), new File(['ok'], 'fine.txt')],
      });
      expect(posted.failedAttachments.map((failure) => failure.name)).to.deep.equal(['lost.txt', 'big.pdf']);
      expect(posted.failedAttachments[0].reason).to.match(/^network/);
      expect(fake.state.followups).to.have.length(1);
    });

    it('sends files alone without a follow-up, and refuses an empty reply without asking', async () => {
      await glpi().reply(ticketId, { text: '  \n ', attachments: [new File(['a'], 'a.txt')] });
      expect([fake.state.followups.length, fake.state.documents.length]).to.deep.equal([0, 1]);
      const before = fake.state.requests.length;
      const error = await rejection(glpi().reply(ticketId, { text: ' ', attachments: [] }));
      expect([error.kind, error.fields]).to.deep.equal(['validation', ['text']]);
      expect(fake.state.requests).to.have.length(before);
    });

    it('maps a refusal to forbidden: a colleague’s ticket one only sees', async () => {
      const theirs = String(fake.state.addTicket({ name: 'x', requester: COLLEAGUE.id }).id);
      const error = await rejection(glpi().reply(theirs, { text: 'hello', attachments: [] }));
      expect([error.kind, error.code]).to.deep.equal(['forbidden', 'ERROR_GLPI_ADD']);
    });

    it('puts a pending ticket back to processing, as GLPI does', async () => {
      fake.state.addFollowup(+ticketId, { content: 'Quel poste ?', pending: true });
      await glpi().reply(ticketId, { text: 'PC-COMPTA-03', attachments: [] });
      expect((await glpi().getTicket(ticketId)).status.group).to.equal('open');
    });

    it('re-sends the reply once after a session expiry, adding it once', async () => {
      const backend = glpi();
      await backend.listTickets(mine);
      fake.state.failNext('expire-session', { endpoint: 'ITILFollowup' });
      await backend.reply(ticketId, { text: 'encore', attachments: [] });
      expect(fake.state.followups).to.have.length(1);
    });
  });

  describe('approving, refusing, closing, reopening', () => {
    let ticketId: string;
    beforeEach(() => {
      const ticket = fake.state.addTicket({ name: 'Wi-Fi', technician: 2 });
      fake.state.proposeSolution(ticket.id, '<p>Borne remplacée</p>');
      ticketId = String(ticket.id);
    });

    const solutionApproval = (detail: TicketDetail) => detail.entries.filter((entry) => entry.kind === 'solution').map((entry) => entry.approval);

    it('approves: add_close, the ticket closes and the solution reads accepted', async () => {
      const backend = glpi();
      await backend.approveSolution(ticketId);
      expect(fake.state.followups[0]).to.include({ content: 'Solution approved', users_id: DEMO_USER.id });
      expect(fake.state.solutions[0].status).to.equal(SOLUTION_ACCEPTED);
      const detail = await backend.getTicket(ticketId);
      expect([detail.status.group, solutionApproval(detail), detail.actions.reopen]).to.deep.equal(['closed', ['accepted'], true]);
    });

    it('refuses with a reason: add_reopen, the ticket reopens and the solution reads refused', async () => {
      const backend = glpi();
      await backend.refuseSolution(ticketId, 'Toujours pas de réseau <ici>');
      expect(fake.state.solutions[0].status).to.equal(SOLUTION_REFUSED);
      const detail = await backend.getTicket(ticketId);
      expect([detail.status.code, solutionApproval(detail)]).to.deep.equal(['2', ['refused']]);
      expect(detail.entries.at(-1)?.body.value).to.equal('<p>Toujours pas de réseau &lt;ici&gt;</p>');
    });

    it('wants a reason to refuse or reopen, before any request', async () => {
      for (const call of [glpi().refuseSolution(ticketId, ' \n '), glpi().reopenTicket(ticketId, '')]) {
        const error = await rejection(call);
        expect([error.kind, error.fields]).to.deep.equal(['validation', ['reason']]);
      }
      expect(fake.state.requests).to.have.length(0);
    });

    it('closes with PUT where the profile may, and says forbidden where it may not', async () => {
      const open = String(fake.state.addTicket({ name: 'Souris' }).id);
      await glpi().closeTicket(open);
      expect(calls(`Ticket/${open}`)[0].method).to.equal('PUT');
      expect((await glpi().getTicket(open)).status.group).to.equal('closed');
      const theirs = String(fake.state.addTicket({ name: 'Badge', requester: COLLEAGUE.id }).id);
      const error = await rejection(glpi(COLLEAGUE.userToken).closeTicket(theirs));
      expect([error.kind, error.code, error.detail]).to.deep.equal(['forbidden', 'ERROR_GLPI_UPDATE', "You don't have permission to perform this action."]);
      expect(fake.state.ticket(+theirs)?.status).not.to.equal(CLOSED);
      expect((await rejection(glpi().closeTicket('999'))).kind).to.equal('not-found');
    });

    it('reopens a closed ticket with the reason in its thread', async () => {
      const backend = glpi();
      await backend.approveSolution(ticketId);
      await backend.reopenTicket(ticketId, 'Ça recommence');
      const detail = await backend.getTicket(ticketId);
      expect(detail.status.group).to.equal('open');
      expect(detail.entries.at(-1)).to.deep.include({ kind: 'followup', author: 'Martin Camille' });
      expect(detail.entries.at(-1)?.body.value).to.equal('<p>Ça recommence</p>');
    });

    // Issue 11 point 5: Ticket::canReopen with the profile's status matrix (src/Ticket.php lines 660-666 of 10.0.11).
    it('offers Reopen only where the profile’s status matrix allows Closed → New or Processing', async () => {
      const theirs = fake.state.addTicket({ name: 'Clos', requester: COLLEAGUE.id, status: CLOSED }).id;
      const colleague = glpi(COLLEAGUE.userToken);
      expect((await colleague.getTicket(String(theirs))).actions).to.deep.equal({ reply: false, approve: false, close: false, reopen: false, addPeople: false });
      const refused = await rejection(colleague.reopenTicket(String(theirs), 'Ça recommence'));
      expect(refused.kind).to.equal('forbidden');
      fake.state.users.find((user) => user.id === COLLEAGUE.id)!.rights = { reopenClosed: true };
      const allowed = glpi(COLLEAGUE.userToken, { timeout: 4999 });
      expect((await allowed.getTicket(String(theirs))).actions.reopen).to.equal(true);
    });

    it('reopens a pending ticket’s thread too when the person answers', async () => {
      fake.state.refuseSolution(+ticketId, 'non');
      fake.state.addFollowup(+ticketId, { content: 'Quel poste ?', pending: true });
      expect(fake.state.ticket(+ticketId)?.status).to.equal(PENDING);
      await glpi().reply(ticketId, { text: 'PC-12', attachments: [] });
      expect(fake.state.ticket(+ticketId)?.status).to.equal(2);
    });
  });

  describe('failures', () => {
    const cases: [FailureKind, string][] = [
      ['html', 'bad-response'],
      ['truncated', 'bad-response'],
      ['network', 'network'],
      ['500', 'server'],
      ['429', 'rate-limited'],
    ];
    beforeEach(() => {
      fake.state.addTicket({ name: 'x' });
      fake.state.attachDocument(100, new File(['x'], 'x.txt', { type: 'text/plain' }));
    });
    // A cut download cannot be told from a short file when the server sends no Content-Length.
    // getTicket's three calls all fail, so that none is left in flight to take the next failure.
    const methods: [string, string, (backend: GlpiBackend) => Promise<unknown>, number?][] = [
      ['listTickets', 'search', (backend) => backend.listTickets(mine)],
      ['getTicket', 'Ticket', (backend) => backend.getTicket('100'), 3],
      ['downloadDocument', 'Document', (backend) => backend.downloadDocument('100', { id: '1', name: 'x.txt', mime: 'text/plain' })],
      ['reply', 'ITILFollowup', (backend) => backend.reply('100', { text: 'x', attachments: [] })],
      ['closeTicket', 'Ticket', (backend) => backend.closeTicket('100')],
    ];

    for (const [method, endpoint, run, times = 1] of methods) {
      it(`${method}: maps an HTML page, truncated JSON, no answer, 500 and 429 with Retry-After`, async () => {
        const backend = glpi();
        await backend.signIn();
        for (const [kind, expected] of cases) {
          if (method === 'downloadDocument' && kind === 'truncated') continue;
          fake.state.failNext(kind, { endpoint, retryAfter: '42', times });
          const error = await rejection(run(backend));
          expect(error.kind, kind).to.equal(expected);
          if (kind === '429') expect(error.retryAfter).to.equal(42);
        }
        fake.state.failNext('expire-session', { endpoint });
        await run(backend);
        expect(calls('initSession')).to.have.length(2);
      });
    }

    it('gives up after the configured timeout', async () => {
      await start({ hangMs: 2000 });
      fake.state.addTicket({ name: 'x' });
      fake.state.failNext('timeout', { endpoint: 'Ticket' });
      const started = performance.now();
      const error = await rejection(glpi(DEMO_USER.userToken, { timeout: 1000 }).getTicket('100'));
      expect(error.kind).to.equal('timeout');
      expect(performance.now() - started).to.be.within(900, 1900);
    });
  });
});
