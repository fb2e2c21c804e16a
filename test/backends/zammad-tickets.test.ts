import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { ZammadBackend } from '../../src/backends/zammad/zammad-backend.js';
import type { ZammadBackendConfig } from '../../src/config/index.js';
import type { LocalText } from '../../src/core/text.js';
import {
  createZammadFake,
  ZAMMAD_AGENT,
  ZAMMAD_COLLEAGUE,
  ZAMMAD_CUSTOMER,
  ZAMMAD_OUTSIDER,
  zammadDemoSeed,
  type ZammadFake,
  type ZammadFakeOptions,
} from '../../src/mocks/index.js';
import { useHandlers } from '../support/msw.js';
import { rejection } from '../support/errors.js';

const API = 'https://support.example.fr/zammad/api/v1';

let fake: ZammadFake;

async function start(options: ZammadFakeOptions = {}, ...extra: Parameters<typeof useHandlers>): Promise<void> {
  fake = createZammadFake({ baseUrl: API, ...options });
  let time = Date.UTC(2025, 2, 10, 9);
  fake.state.clock = () => new Date((time += 60_000));
  await useHandlers(...extra, ...fake.handlers);
}

function zammad(token = ZAMMAD_CUSTOMER.tokens[0], config: Partial<ZammadBackendConfig> = {}): ZammadBackend {
  return new ZammadBackend({ type: 'zammad', url: API, group: 'Users', priority: true, timeout: 5000, auth: { userToken: token }, ...config });
}

const requested = () => fake.state.requests.map((request) => `${request.method} ${request.endpoint}`);
const mine = { scope: 'mine', start: 0, limit: 100 } as const;
const label = (text: LocalText) => text as { en: string; fr: string };
const state = (id: string) => fake.state.state(fake.state.ticket(Number(id))!.state_id).name;

describe('ZammadBackend: following tickets', () => {
  beforeEach(() => start());

  describe('listTickets', () => {
    it('lets a reading go on when another that shares the person’s profile and the states with it is abandoned', async () => {
      fake.state.generateTickets(3, { title: 'Ticket' });
      const backend = zammad();
      const first = new AbortController();
      const abandoned = backend.listTickets({ scope: 'mine', start: 0, limit: 50 }, { signal: first.signal });
      const kept = backend.listTickets({ scope: 'mine', start: 0, limit: 50 }, { signal: new AbortController().signal });
      first.abort();
      expect(await abandoned.then(() => undefined, (error: unknown) => (error as Error).name)).to.equal('AbortError');
      expect((await kept).tickets).to.have.length(3);
      expect(requested().filter((request) => request === 'GET users/me')).to.have.length(1);
    });

    it('lists the person’s tickets newest first, although Zammad gives them oldest first', async () => {
      fake.state.generateTickets(130, { title: 'Ticket' });
      const backend = zammad();
      const first = await backend.listTickets({ scope: 'mine', start: 0, limit: 50 });
      expect(first.tickets.map((ticket) => ticket.title).slice(0, 3)).to.deep.equal(['Ticket 1', 'Ticket 2', 'Ticket 3']);
      expect([first.total, first.more]).to.deep.equal([130, true]);
      const pages = fake.state.requests.filter((request) => request.endpoint === 'tickets').map((request) => new URL(request.url).search);
      expect(pages).to.deep.equal(['?expand=true&page=1&per_page=100', '?expand=true&page=2&per_page=100']);
      // The next pages come from the same snapshot: nothing asked again.
      const before = fake.state.requests.length;
      const second = await backend.listTickets({ scope: 'mine', start: 50, limit: 50 });
      const third = await backend.listTickets({ scope: 'mine', start: 100, limit: 50 });
      expect(fake.state.requests.length).to.equal(before);
      expect(third).to.deep.include({ total: 130, more: false });
      const titles = [...first.tickets, ...second.tickets, ...third.tickets].map((ticket) => ticket.title);
      expect(titles).to.deep.equal(Array.from({ length: 130 }, (_, index) => `Ticket ${index + 1}`));
    });

    // Zammad 6.6.x (develop bfa96f03): TicketsController#index pages by id ascending, 100 at most, no total and no
    // last page of its own (app/controllers/tickets_controller.rb, app/controllers/concerns/can_paginate/pagination.rb).
    it('shows the newest tickets of a list longer than 20 000 rows, reading only the pages they are on', async () => {
      fake.state.generateTickets(20_050, { title: 'Ticket', article: false });
      const backend = zammad();
      const first = await backend.listTickets({ scope: 'organisation', start: 0, limit: 100 });
      expect(first.tickets.map((ticket) => ticket.title).slice(0, 2)).to.deep.equal(['Ticket 1', 'Ticket 2']);
      expect(first.tickets).to.have.length(100);
      expect([first.total, first.more]).to.deep.equal([20_050, true]);
      const pages = () => fake.state.requests.filter((request) => request.endpoint === 'tickets').map((request) => new URL(request.url).searchParams);
      const full = pages().filter((query) => query.get('per_page') === '100').map((query) => Number(query.get('page')));
      expect(full, 'pages 1 and 2, then the last two').to.deep.equal([1, 2, 201, 200]);
      const probes = pages().filter((query) => query.get('per_page') === '1');
      expect(probes.length, 'a few one-row probes find the end').to.be.within(1, 20);
      // Down to the oldest, each page read once more at most.
      const titles = new Set(first.tickets.map((ticket) => ticket.title));
      let page = first;
      for (let start = 100; page.more; start += 100) {
        page = await backend.listTickets({ scope: 'organisation', start, limit: 100 });
        for (const ticket of page.tickets) titles.add(ticket.title);
      }
      expect(titles.size).to.equal(20_050);
      expect(page.total).to.equal(20_050);
      const read = pages().filter((query) => query.get('per_page') === '100').map((query) => query.get('page'));
      expect(read.length, 'no page read twice').to.equal(new Set(read).size);
    });

    it('reads each page once when two elements of the page go on with the same list at once', async () => {
      fake.state.generateTickets(450, { title: 'Ticket', article: false });
      const backend = zammad();
      await backend.listTickets({ scope: 'mine', start: 0, limit: 10 });
      const [a, b] = await Promise.all([1, 2].map(() => backend.listTickets({ scope: 'mine', start: 10, limit: 400 })));
      expect(a.tickets).to.have.length(400);
      expect(a.tickets.map((ticket) => ticket.id)).to.deep.equal(b.tickets.map((ticket) => ticket.id));
      const read = fake.state.requests.filter((request) => request.endpoint === 'tickets' && /per_page=100$/.test(request.url)).map((request) => request.url);
      expect(read.length, read.join('\n')).to.equal(new Set(read).size);
    });

    it('finds the end of a list whose length is a whole number of pages', async () => {
      fake.state.generateTickets(400, { title: 'Ticket', article: false });
      const list = await zammad().listTickets({ scope: 'mine', start: 0, limit: 10 });
      expect(list.tickets[0].title).to.equal('Ticket 1');
      expect([list.total, list.more]).to.deep.equal([undefined, true]);
      const all = await zammad().listTickets({ scope: 'mine', start: 0, limit: 1000 });
      expect([all.tickets.length, all.total, all.more]).to.deep.equal([400, 400, false]);
    });

    it('reads back as far as the person’s own tickets need in a shared organisation’s long list', async () => {
      fake.state.addTicket({ title: 'Mine, old', article: false });
      fake.state.generateTickets(250, { title: 'Colleague', customer: ZAMMAD_COLLEAGUE.id, article: false });
      const oldest = await zammad().listTickets(mine);
      expect(oldest.tickets.map((ticket) => ticket.title)).to.deep.equal(['Mine, old']);
      expect([oldest.total, oldest.more]).to.deep.equal([1, false]);
    });

    it('says a proxy that does not pass the page on is broken, instead of listing the same page forever', async () => {
      const rows = Array.from({ length: 100 }, (_, index) => ({
        id: index + 1,
        title: `T${index + 1}`,
        state_id: 1,
        customer_id: ZAMMAD_CUSTOMER.id,
        created_at: '2025-03-10T09:00:00Z',
        updated_at: '2025-03-10T09:00:00Z',
      }));
      await start({}, http.get(`${API}/tickets`, () => HttpResponse.json(rows)));
      const error = await rejection(zammad().listTickets(mine));
      expect(error.kind).to.equal('bad-response');
      expect(error.detail).to.match(/paging is not passed on to Zammad/);
    });

    it('maps every field: plain titles, dates, status and urgency', async () => {
      const ticket = fake.state.addTicket({ title: 'Imprimante <HS> & "bloquée"', priority: '3 high', createdAt: new Date(Date.UTC(2025, 2, 1, 8)) });
      fake.state.replyAsAgent(ticket.id, '<p>Je regarde</p>', { date: new Date(Date.UTC(2025, 2, 2, 17, 45, 12)) });
      const { tickets } = await zammad().listTickets(mine);
      expect(tickets).to.deep.equal([
        {
          id: String(ticket.id),
          title: 'Imprimante <HS> & "bloquée"',
          status: { group: 'open', code: 'open', label: { en: 'Open', fr: 'Ouvert' } },
          urgency: 'high',
          openedAt: new Date(Date.UTC(2025, 2, 1, 8)),
          updatedAt: new Date(Date.UTC(2025, 2, 2, 17, 45, 12)),
        },
      ]);
    });

    it('puts every state in its group by its type, with Zammad’s name', async () => {
      for (const name of ['new', 'open', 'pending reminder', 'pending close', 'closed', 'merged']) fake.state.addTicket({ title: name, state: name === 'new' ? undefined : name });
      const { tickets } = await zammad().listTickets(mine);
      const groups = Object.fromEntries(tickets.map((ticket) => [ticket.title, [ticket.status.group, label(ticket.status.label).en, label(ticket.status.label).fr]]));
      expect(groups).to.deep.equal({
        new: ['open', 'New', 'Nouveau'],
        open: ['open', 'Open', 'Ouvert'],
        'pending reminder': ['waiting', 'Pending reminder', 'En attente'],
        'pending close': ['solved', 'Pending close', 'Clôture programmée'],
        closed: ['closed', 'Closed', 'Clôturé'],
        merged: ['closed', 'Merged', 'Fusionné'],
      });
    });

    it('reads an instance’s own states by their type, whatever their names and ids', async () => {
      const seed = zammadDemoSeed();
      seed.states.push(
        { id: 21, name: 'waiting for customer', state_type: 'pending reminder', next_state_id: null, default_create: false, default_follow_up: false, ignore_escalation: true, active: true },
        { id: 22, name: 'resolved', state_type: 'closed', next_state_id: null, default_create: false, default_follow_up: false, ignore_escalation: true, active: true },
      );
      await start({ seed });
      fake.state.addTicket({ title: 'A', state: 'waiting for customer' });
      fake.state.addTicket({ title: 'B', state: 'resolved' });
      const { tickets } = await zammad().listTickets(mine);
      expect(tickets.map((ticket) => [ticket.title, ticket.status.group, ticket.status.code, label(ticket.status.label).fr])).to.deep.equal([
        ['B', 'closed', 'resolved', 'Resolved'],
        ['A', 'waiting', 'waiting for customer', 'Waiting for customer'],
      ]);
    });

    it('keeps to the person’s own tickets, and shows the shared organisation’s with their requester', async () => {
      fake.state.addTicket({ title: 'Mine' });
      fake.state.addTicket({ title: 'Colleague', customer: ZAMMAD_COLLEAGUE.id });
      fake.state.addTicket({ title: 'Outsider', customer: ZAMMAD_OUTSIDER.id });
      expect((await zammad().listTickets(mine)).tickets.map((ticket) => ticket.title)).to.deep.equal(['Mine']);
      const organisation = await zammad().listTickets({ scope: 'organisation', start: 0, limit: 100 });
      expect(organisation.tickets.map((ticket) => [ticket.title, ticket.requester])).to.deep.equal([
        ['Colleague', ZAMMAD_COLLEAGUE.login],
        ['Mine', 'Camille Martin'],
      ]);
    });

    it('asks again from the first page, and after a change the person made', async () => {
      const backend = zammad();
      fake.state.addTicket({ title: 'One' });
      await backend.listTickets(mine);
      fake.state.addTicket({ title: 'Two' });
      expect((await backend.listTickets(mine)).tickets).to.have.length(2);
      await backend.createTicket({ type: 'incident', urgency: 'low', title: 'Three', description: 'x', answers: [], attachments: [] });
      expect((await backend.listTickets({ scope: 'mine', start: 1, limit: 10 })).total).to.equal(3);
    });
  });

  describe('getTicket', () => {
    it('gives the public thread oldest first: the description, then each answer with its author and files', async () => {
      const id = String(fake.state.addTicket({ title: 'VPN', body: '<p>It drops</p>' }).id);
      fake.state.attach(fake.state.articlesOf(Number(id))[0].id, new File(['log'], 'vpn.log', { type: 'text/plain' }));
      fake.state.replyAsAgent(Number(id), '<p>Which version?</p>');
      fake.state.replyAsAgent(Number(id), '<p>Look at the gateway</p>', { internal: true });
      await zammad().reply(id, { text: '4.2\nbuild 7', attachments: [] });
      const ticket = await zammad().getTicket(id);
      expect(ticket.entries.map((entry) => [entry.kind, entry.author, entry.body])).to.deep.equal([
        ['description', 'Camille Martin', { format: 'html', value: '<p>It drops</p>' }],
        ['followup', 'Sacha Bernard via Support', { format: 'html', value: '<p>Which version?</p>' }],
        ['followup', 'Camille Martin', { format: 'html', value: '<p>4.2<br>build 7</p>' }],
      ]);
      const [file] = ticket.entries[0].documents;
      expect(file).to.deep.include({ name: 'vpn.log', mime: 'text/plain', size: 3 });
      expect(ticket.documents).to.deep.equal([]);
      expect(ticket.url).to.equal(`https://support.example.fr/zammad/#ticket/zoom/${id}`);
      expect(await (await zammad().downloadDocument(id, file)).text()).to.equal('log');
    });

    it('drops internal and system articles even when the token is an agent’s', async () => {
      const id = fake.state.addTicket({ title: 'T' }).id;
      fake.state.replyAsAgent(id, '<p>secret</p>', { internal: true });
      const ticket = await zammad(ZAMMAD_AGENT.tokens[0]).getTicket(String(id));
      expect(ticket.entries).to.have.length(1);
    });

    it('offers what the ticket’s state allows', async () => {
      const actions: Record<string, unknown> = {};
      for (const name of ['new', 'open', 'pending reminder', 'pending close', 'closed', 'merged']) {
        const id = fake.state.addTicket({ title: name, state: name === 'new' ? undefined : name }).id;
        actions[name] = (await zammad().getTicket(String(id))).actions;
      }
      expect(actions).to.deep.equal({
        new: { reply: true, approve: false, close: true, reopen: false },
        open: { reply: true, approve: false, close: true, reopen: false },
        'pending reminder': { reply: true, approve: false, close: true, reopen: false },
        'pending close': { reply: true, approve: true, close: true, reopen: false },
        closed: { reply: false, approve: false, close: false, reopen: true },
        merged: { reply: false, approve: false, close: false, reopen: false },
      });
    });

    it('shows a pending close as solved: the agent’s last answer is the solution, with the date it closes', async () => {
      const id = fake.state.addTicket({ title: 'VPN' }).id;
      fake.state.replyAsAgent(id, '<p>Which version?</p>');
      fake.state.solve(id, '<p>Certificate renewed</p>', { closesAt: new Date(Date.UTC(2025, 2, 20)) });
      const ticket = await zammad().getTicket(String(id));
      expect(ticket.status.group).to.equal('solved');
      expect(ticket.entries.map((entry) => [entry.kind, entry.approval])).to.deep.equal([
        ['description', undefined],
        ['followup', undefined],
        ['solution', 'waiting'],
      ]);
      expect(ticket.closesAt).to.deep.equal(new Date(Date.UTC(2025, 2, 20)));
    });

    it('offers an image pasted into an email as a file instead of a broken picture', async () => {
      const id = fake.state.addTicket({ title: 'T' }).id;
      const article = fake.state.replyAsAgent(id, `<p>See:</p><img style="width: 10px" src="/api/v1/ticket_attachment/${id}/9/41?view=inline" alt="capture">`);
      const [, entry] = (await zammad().getTicket(String(id))).entries;
      expect(entry.body.value).to.equal('<p>See:</p><img style="width: 10px" alt="capture">');
      expect(entry.documents).to.deep.equal([{ id: '9/41', name: 'image-41' }]);
      expect(article.id).to.be.a('number');
    });

    it('says not-found for an unknown ticket or one that is not a number, forbidden for someone else’s', async () => {
      expect((await rejection(zammad().getTicket('987654'))).kind).to.equal('not-found');
      const before = fake.state.requests.length;
      expect((await rejection(zammad().getTicket('../users'))).kind).to.equal('not-found');
      expect(fake.state.requests.length).to.equal(before);
      const other = fake.state.addTicket({ title: 'Outsider', customer: ZAMMAD_OUTSIDER.id }).id;
      const forbidden = await rejection(zammad().getTicket(String(other)));
      expect([forbidden.kind, forbidden.detail]).to.deep.equal(['forbidden', 'Not authorized']);
    });

    it('learns a state an admin added after the states were read', async () => {
      const backend = zammad();
      const first = fake.state.addTicket({ title: 'A' }).id;
      await backend.getTicket(String(first));
      fake.state.states.push({ id: 30, name: 'on hold', state_type: 'pending reminder', next_state_id: null, default_create: false, default_follow_up: false, ignore_escalation: true, active: true });
      const second = fake.state.addTicket({ title: 'B', state: 'on hold' }).id;
      expect((await backend.getTicket(String(second))).status.group).to.equal('waiting');
    });
  });

  describe('reply', () => {
    it('adds a public note with the files to an open ticket', async () => {
      const id = String(fake.state.addTicket({ title: 'T' }).id);
      const posted = await zammad().reply(id, { text: 'Encore <b>planté</b>', attachments: [new File(['shot'], 'shot.png', { type: 'image/png' })] });
      expect(posted).to.deep.equal({ failedAttachments: [] });
      const post = fake.state.requests.find((request) => request.method === 'POST' && request.endpoint === 'ticket_articles');
      expect(post?.body).to.deep.equal({
        ticket_id: Number(id),
        body: '<p>Encore &lt;b&gt;planté&lt;/b&gt;</p>',
        content_type: 'text/html',
        type: 'note',
        internal: false,
        attachments: [{ filename: 'shot.png', data: btoa('shot'), 'mime-type': 'image/png' }],
      });
      expect(state(id)).to.equal('new');
    });

    it('answers a pending ticket as Zammad’s customer screen does: the article and the follow-up state together', async () => {
      const id = String(fake.state.addTicket({ title: 'T', state: 'pending reminder' }).id);
      await zammad().reply(id, { text: 'Lecture seule', attachments: [] });
      const put = fake.state.requests.find((request) => request.method === 'PUT');
      expect(put?.body).to.deep.include({ state_id: 2 });
      expect(state(id)).to.equal('open');
      expect(fake.state.articlesOf(Number(id)).at(-1)?.body).to.equal('<p>Lecture seule</p>');
    });

    it('refuses an empty reply without calling Zammad', async () => {
      const error = await rejection(zammad().reply('1', { text: '  ', attachments: [] }));
      expect([error.kind, error.fields]).to.deep.equal(['validation', ['text']]);
      expect(fake.state.requests).to.have.length(0);
    });
  });

  describe('close, reopen, approve, refuse', () => {
    it('closes, then reopens with the reason as a public article, in one update each', async () => {
      const id = String(fake.state.addTicket({ title: 'T' }).id);
      await zammad().closeTicket(id);
      expect(state(id)).to.equal('closed');
      await zammad().reopenTicket(id, 'Ça recommence');
      expect(state(id)).to.equal('open');
      const puts = fake.state.requests.filter((request) => request.method === 'PUT').map((request) => request.body);
      expect(puts).to.deep.equal([
        { state_id: 4 },
        { state_id: 2, article: { body: '<p>Ça recommence</p>', content_type: 'text/html', type: 'note', internal: false, attachments: [] } },
      ]);
    });

    it('approves a pending close by closing now, refuses it by reopening with the reason', async () => {
      const id = String(fake.state.addTicket({ title: 'T' }).id);
      fake.state.solve(Number(id), '<p>Done</p>');
      await zammad().refuseSolution(id, 'Still broken');
      expect(state(id)).to.equal('open');
      expect(fake.state.articlesOf(Number(id)).at(-1)).to.deep.include({ body: '<p>Still broken</p>', sender: 'Customer', internal: false });
      fake.state.solve(Number(id), '<p>Done, really</p>');
      await zammad().approveSolution(id);
      expect(state(id)).to.equal('closed');
    });

    it('uses the instance’s own follow-up and closed states', async () => {
      const seed = zammadDemoSeed();
      for (const row of seed.states) row.default_follow_up = false;
      seed.states.push({ id: 40, name: 'reopened', state_type: 'open', next_state_id: null, default_create: false, default_follow_up: true, ignore_escalation: false, active: true });
      seed.states.find((row) => row.name === 'closed')!.active = false;
      seed.states.push({ id: 41, name: 'done', state_type: 'closed', next_state_id: null, default_create: false, default_follow_up: false, ignore_escalation: true, active: true });
      await start({ seed });
      const id = String(fake.state.addTicket({ title: 'T' }).id);
      await zammad().closeTicket(id);
      expect(state(id)).to.equal('done');
      await zammad().reopenTicket(id, 'Again');
      expect(state(id)).to.equal('reopened');
    });

    it('says Zammad will not reopen a closed ticket of a group that wants a new one', async () => {
      const id = String(fake.state.addTicket({ title: 'T', group: 'Archives', state: 'closed' }).id);
      const error = await rejection(zammad().reopenTicket(id, 'Again'));
      expect([error.kind, error.status, error.detail]).to.deep.equal(['forbidden', 422, 'Cannot follow-up on a closed ticket. Please create a new ticket.']);
    });

    // A state the core workflow does not offer a customer is refused with the masked 422 (checks_core_workflow.rb, 6.6.x).
    it('says a change the core workflow refuses is not allowed, keeping the Error ID', async () => {
      const masked = { error: 'Error ID AbCd-_12: Please contact your administrator.' };
      await start({}, http.put(`${API}/tickets/:id`, () => HttpResponse.json(masked, { status: 422 })));
      const id = String(fake.state.addTicket({ title: 'T' }).id);
      const error = await rejection(zammad().closeTicket(id));
      expect([error.kind, error.status]).to.deep.equal(['forbidden', 422]);
      expect(error.detail).to.match(/^Error ID AbCd-_12: Please contact your administrator\. \(a core workflow/);
    });

    it('needs a reason to reopen or refuse', async () => {
      expect((await rejection(zammad().reopenTicket('1', ' '))).fields).to.deep.equal(['reason']);
      expect((await rejection(zammad().refuseSolution('1', ''))).kind).to.equal('validation');
      expect(requested()).to.deep.equal([]);
    });
  });

  describe('downloadDocument', () => {
    it('refuses an id that is not one of Zammad’s attachments', async () => {
      expect((await rejection(zammad().downloadDocument('1', { id: 'x', name: 'x' }))).kind).to.equal('not-found');
    });

    it('reads Zammad’s JSON error, and refuses an HTML page instead of the file', async () => {
      const id = fake.state.addTicket({ title: 'T' }).id;
      const [article] = fake.state.articlesOf(id);
      const error = await rejection(zammad().downloadDocument(String(id), { id: `${article.id}/99`, name: 'x' }));
      expect([error.kind, error.detail]).to.deep.equal(['forbidden', 'The file does not belong to the specified article.']);
      await start({}, http.get(`${API}/ticket_attachment/*`, () => new HttpResponse('<!DOCTYPE html><html></html>', { headers: { 'Content-Type': 'text/html' } })));
      const page = await rejection(zammad().downloadDocument('1', { id: '1/1', name: 'x.txt', mime: 'text/plain' }));
      expect(page.kind).to.equal('bad-response');
    });
  });
});
