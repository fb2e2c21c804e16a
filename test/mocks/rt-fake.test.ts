/**
 * The fake RT answers as RT 5.0's REST2 does (what rt-fidelity.test.ts also compares with
 * a real RT when one runs): raw requests, raw answers.
 */
import { expect } from '@open-wc/testing';
import {
  addRtDemoTickets,
  createRtFake,
  DEMO_ARTICLES,
  RT_AGENT,
  RT_CONTENT_FIELD,
  RT_OTHER_REQUESTER,
  RT_REQUESTER,
  RT_SUBMISSION_FIELD,
  type RtFake,
  type RtFakeOptions,
} from '../../src/mocks/index.js';
import { useHandlers } from '../support/msw.js';
import { withoutPerlLocation } from '../support/rt-messages.js';

const API = 'https://rt.example.fr/rt/REST/2.0';

let fake: RtFake;

async function start(options: RtFakeOptions = {}): Promise<void> {
  fake = createRtFake({ baseUrl: API, ...options });
  await useHandlers(...fake.handlers);
}

type Who = 'requester' | 'other' | 'agent' | 'nobody';
const AUTH: Record<Who, string | undefined> = {
  requester: `token ${RT_REQUESTER.token}`,
  other: `Basic ${btoa(`${RT_OTHER_REQUESTER.name}:${RT_OTHER_REQUESTER.password}`)}`,
  agent: `Basic ${btoa(`${RT_AGENT.name}:${RT_AGENT.password}`)}`,
  nobody: undefined,
};

interface Answer {
  status: number;
  type: ResponseType;
  headers: Headers;
  body: unknown;
}

async function call(path: string, { as = 'requester', method, json, body, headers = {} }: { as?: Who; method?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Answer> {
  const response = await fetch(`${API}/${path}`, {
    method: method ?? (json !== undefined || body !== undefined ? 'POST' : 'GET'),
    headers: { ...(AUTH[as] ? { Authorization: AUTH[as]! } : {}), ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: json !== undefined ? JSON.stringify(json) : body,
    redirect: 'manual',
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: kept as text
  }
  return { status: response.status, type: response.type, headers: response.headers, body: parsed };
}

const create = async (fields: Record<string, unknown> = {}, as: Who = 'requester') =>
  (await call('ticket', { as, json: { Queue: 'Support', Subject: 'Scanner', Requestor: RT_REQUESTER.id, Content: '<p>Bloqué</p>', ContentType: 'text/html', ...fields } })).body as { id: string };

describe('fake RT', () => {
  beforeEach(async () => {
    await start();
  });

  describe('authentication (Middleware/Auth.pm)', () => {
    it('sends a browser without valid credentials to the login page, never a 401', async () => {
      const attempts: Record<string, string>[] = [{}, { Authorization: 'token 1-27-wrong' }, { Authorization: `Basic ${btoa('camille:wrong')}` }, { Authorization: 'Basic %%%' }];
      for (const headers of attempts) {
        const response = await fetch(`${API}/rt`, { headers, redirect: 'manual' });
        expect(response.type, JSON.stringify(headers)).to.equal('opaqueredirect');
      }
      expect(fake.state.requests).to.have.length(4);
    });

    it('takes the token as a header or a parameter, and Basic with the login only', async () => {
      expect((await call(`rt?token=${RT_REQUESTER.token}`, { as: 'nobody' })).body).to.deep.equal({ Version: '5.0.3' });
      expect((await call('rt', { as: 'other' })).status).to.equal(200);
      const byEmail = await call('rt', { as: 'nobody', headers: { Authorization: `Basic ${btoa(`${RT_REQUESTER.email}:${RT_REQUESTER.password}`)}` } });
      expect(byEmail.type).to.equal('opaqueredirect');
    });
  });

  describe('tickets', () => {
    it('creates with 201, a Location path and a reference; without Requestor the creator is no requester', async () => {
      const created = await call('ticket', { json: { Queue: 'Support', Subject: 'Mine', Requestor: RT_REQUESTER.id, Priority: '75' } });
      expect(created.status).to.equal(201);
      expect(created.headers.get('Location')).to.equal('/rt/REST/2.0/ticket/1');
      expect(created.body).to.deep.equal({ id: '1', type: 'ticket', _url: `${API}/ticket/1` });
      expect(fake.state.tickets[0].priority).to.equal(75);
      await call('ticket', { json: { Queue: 3, Subject: 'Nobody’s' } });
      expect(fake.state.tickets[1].requestors).to.deep.equal([]);
      expect((await call('ticket/2')).status).to.equal(403);
    });

    it('refuses what RT refuses, with its words', async () => {
      const cases: [unknown, number, string][] = [
        [{ Subject: 'x' }, 400, 'Could not create ticket. Queue not set'],
        [{ Queue: 'General', Subject: 'x' }, 403, "No permission to create tickets in the queue 'General'"],
        [{ Queue: 'Nope', Subject: 'x' }, 403, "No permission to create tickets in the queue 'Nope'"],
        [{ Queue: 'Support', Attachments: {} }, 400, 'Attachments must be an array'],
        [{ Queue: 'Support', Attachments: ['x'] }, 400, 'Each element of Attachments must be a hash'],
        [{ Queue: 'Support', Attachments: [{ FileName: 'a.txt' }] }, 400, 'Field FileType is required for each attachment in Attachments'],
        [{ Queue: 'Support', Status: 'bogus' }, 400, "Status 'bogus' isn't a valid status for tickets in this queue."],
      ];
      for (const [json, status, message] of cases) {
        const answer = await call('ticket', { json });
        expect([answer.status, answer.body], JSON.stringify(json)).to.deep.equal([status, { message }]);
      }
      const broken = await call('ticket', { body: '{not json', headers: { 'Content-Type': 'application/json' } });
      expect(broken.status).to.equal(400);
      expect((broken.body as { message: string }).message).to.match(/^JSON parse error/);
      expect((await call('ticket', { body: 'x', headers: { 'Content-Type': 'application/xml' } })).status).to.equal(415);
      expect(fake.state.tickets).to.have.length(0);
    });

    it('takes a multipart body with its JSON part and files, and finds requesters by name, or makes them by address', async () => {
      const form = new FormData();
      form.append('JSON', JSON.stringify({ Queue: 'Support', Subject: 'Form', Requestor: ['camille', 'new.person@example.fr'], CustomFields: { [RT_SUBMISSION_FIELD.id]: 'x-1', Unknown: 'y' } }));
      form.append('Attachments', new File(['hello'], 'hello.txt', { type: 'text/plain' }));
      expect((await call('ticket', { body: form })).status).to.equal(201);
      const [ticket] = fake.state.tickets;
      expect(ticket.requestors.map((id) => fake.state.user(id)!.email)).to.deep.equal([RT_REQUESTER.email, 'new.person@example.fr']);
      expect([...ticket.customFields.values()]).to.deep.equal([['x-1']]);
      expect(fake.state.textOf(ticket.id).files).to.deep.equal(['hello.txt']);
      const empty = new FormData();
      empty.append('other', 'x');
      expect((await call('ticket', { body: empty })).body).to.deep.equal({ message: 'Json is a required field for multipart/form-data' });
    });

    it('gives the record with RT’s fields, references and the links the person’s rights allow', async () => {
      const { id } = await create({ CustomFields: { 'Widget submission': 's-1' } });
      const { status, headers, body } = await call(`ticket/${id}`);
      expect(status).to.equal(200);
      expect(headers.get('ETag')).to.match(/^"\d+"$/);
      const record = body as Record<string, unknown> & { _hyperlinks: { ref: string; to?: string }[] };
      expect(record).to.deep.include({ id: 1, Subject: 'Scanner', Status: 'new', Priority: '0', Type: 'ticket', Resolved: '1970-01-01T00:00:00Z' });
      expect(record.Requestor).to.deep.equal([{ type: 'user', id: 'camille', _url: `${API}/user/camille` }]);
      expect(record.Queue).to.deep.equal({ type: 'queue', id: '3', _url: `${API}/queue/3` });
      expect((record.CustomFields as { name: string; values: string[] }[]).find((field) => field.name === 'Widget submission')!.values).to.deep.equal(['s-1']);
      expect(record._hyperlinks.map((link) => link.ref + (link.to ? `:${link.to}` : ''))).to.deep.equal([
        'self',
        'customfield',
        'customfield',
        'history',
        'correspond',
        'lifecycle:open',
        'lifecycle:resolved',
        'lifecycle:rejected',
      ]);
      expect((await call(`ticket/${id}`, { headers: { 'If-Modified-Since': 'Sat, 21 Nov 2026 10:46:53 GMT' } })).status, 'RT 5.0.3’s bug').to.equal(500);
      expect((await call('ticket/99')).body).to.deep.equal({ message: 'Not Found' });
      expect((await call('ticket/abc')).status).to.equal(404);
      expect((await call(`ticket/${id}`, { as: 'other' })).body).to.deep.equal({ message: 'Forbidden' });
    });

    it('updates with RT’s sentences, saying nothing of unchanged values, 200 even when refused', async () => {
      const { id } = await create();
      expect((await call(`ticket/${id}`, { method: 'PUT', json: { Status: 'new' } })).body).to.deep.equal([]);
      expect((await call(`ticket/${id}`, { method: 'PUT', json: { Status: 'resolved', Subject: 'Scanner HS' } })).body).to.deep.equal([
        `Ticket ${id}: Status changed from 'new' to 'resolved'`,
        `Ticket ${id}: Subject changed from 'Scanner' to 'Scanner HS'`,
      ]);
      expect((await call(`ticket/${id}`, { method: 'PUT', json: { Status: 'bogus' } })).body).to.deep.equal([`Ticket ${id}: Status 'bogus' isn't a valid status for this ticket.`]);
      expect((await call(`ticket/${id}`, { method: 'PUT', json: { Status: 'deleted' } })).body).to.deep.equal([`Ticket ${id}: Permission Denied`]);
      fake.state.queues.find((queue) => queue.name === 'Support')!.requestersModify = false;
      const refused = await call(`ticket/${id}`, { method: 'PUT', json: { Status: 'open', Priority: 5 } });
      expect([refused.status, refused.body]).to.deep.equal([200, [`Ticket ${id}: Permission Denied`, `Ticket ${id}: Permission Denied`]]);
      expect((await call('ticket/99', { method: 'PUT', json: {} })).body).to.deep.equal({ message: 'Resource does not exist; use POST to create' });
      expect((await call(`ticket/${id}`, { method: 'DELETE' })).status).to.equal(405);
      expect((await call('nothing/here')).body).to.deep.equal({ message: 'Not Found' });
    });
  });

  describe('people kept informed: Cc by PUT (RT 5.0.3 lib/RT/REST2/Util.pm:480-589)', () => {
    const ccOf = async (id: string) => ((await call(`ticket/${id}`)).body as { Cc: { type: string; id: string; _url: string }[] }).Cc;

    it('replaces the list with the array given: the new ones added, those left out removed, each with RT’s sentence (Ticket.pm:697-698, 728-731)', async () => {
      const { id } = await create({ Cc: 'anne@example.com' });
      const put = (Cc: unknown) => call(`ticket/${id}`, { method: 'PUT', json: { Cc } });
      const added = await put(['anne@example.com', 'bob@example.com']);
      expect([added.status, added.body]).to.deep.equal([200, ['Added bob@example.com as Cc for this ticket']]);
      expect(await ccOf(id)).to.deep.equal([
        { type: 'user', id: 'anne@example.com', _url: `${API}/user/anne@example.com` },
        { type: 'user', id: 'bob@example.com', _url: `${API}/user/bob@example.com` },
      ]);
      // Members as GET names them (a user's Name), an address in another case, a known user's address: nothing to do.
      expect((await put(['anne@example.com', 'BOB@example.com'])).body).to.deep.equal([]);
      expect((await put(['anne@example.com', 'bob@example.com', RT_OTHER_REQUESTER.email])).body).to.deep.equal([`Added ${RT_OTHER_REQUESTER.name} as Cc for this ticket`]);
      expect((await put(['bob@example.com', RT_OTHER_REQUESTER.name, 'bob@example.com'])).body, 'one entry twice; anne left out').to.deep.equal([
        'bob@example.com is already Cc',
        'anne@example.com is no longer Cc for this ticket',
      ]);
      // `{type, id, _url}` as GET gives it is read as its id (Util.pm:233-246).
      const [bob] = await ccOf(id);
      expect((await put([bob, RT_OTHER_REQUESTER.name])).body).to.deep.equal([]);
      expect((await call(`ticket/${id}`, { method: 'PUT', json: { AddCc: ['carl@example.com'] } })).body, 'no AddCc in REST2').to.deep.equal([]);
      expect((await ccOf(id)).map((member) => member.id)).to.deep.equal(['bob@example.com', RT_OTHER_REQUESTER.name]);
    });

    it('does not split a comma string on an update: its first address replaces the whole list (User.pm:703-704)', async () => {
      const { id } = await create({ Cc: 'anne@example.com, bob@example.com' });
      const said = await call(`ticket/${id}`, { method: 'PUT', json: { Cc: 'carl@example.com, dora@example.com' } });
      expect(said.body).to.deep.equal(['Added carl@example.com as Cc for this ticket', 'anne@example.com is no longer Cc for this ticket', 'bob@example.com is no longer Cc for this ticket']);
      expect((await ccOf(id)).map((member) => member.id)).to.deep.equal(['carl@example.com']);
    });

    it('answers 200 “Permission denied” without ModifyTicket, and makes users of the unknown addresses all the same (Roles.pm:428-441, 514-516)', async () => {
      fake.state.queues.find((queue) => queue.name === 'Support')!.requestersModify = false;
      const { id } = await create({ Cc: 'anne@example.com' });
      const refused = await call(`ticket/${id}`, { method: 'PUT', json: { Cc: ['anne@example.com', 'eve@example.com'] } });
      expect([refused.status, refused.body]).to.deep.equal([200, ['Permission denied']]);
      expect((await call(`ticket/${id}`, { method: 'PUT', json: { Cc: [] } })).body, 'nor remove').to.deep.equal(['Permission denied']);
      expect((await ccOf(id)).map((member) => member.id)).to.deep.equal(['anne@example.com']);
      expect(fake.state.userByEmail('eve@example.com')).to.deep.include({ name: 'eve@example.com', privileged: false });
      const theirs = fake.state.addTicket({ subject: 'x', requestor: RT_OTHER_REQUESTER.id });
      expect((await call(`ticket/${theirs.id}`, { method: 'PUT', json: { Cc: ['x@example.com'] } })).body, 'ShowTicket is the only gate (Ticket.pm:175-179)').to.deep.equal({ message: 'Forbidden' });
    });

    it('fails with an empty 500 on an entry that names no one, changing nothing (Util.pm:528-530)', async () => {
      const { id } = await create({ Cc: 'anne@example.com' });
      for (const entry of ['nosuchlogin', { type: 'user', id: 'anne@example.com' }]) {
        const failed = await call(`ticket/${id}`, { method: 'PUT', json: { Cc: ['zed@example.com', entry] } });
        expect([failed.status, failed.body], JSON.stringify(entry)).to.deep.equal([500, undefined]);
      }
      expect((await ccOf(id)).map((member) => member.id)).to.deep.equal(['anne@example.com']);
      expect(fake.state.userByEmail('zed@example.com'), 'made before the failure').to.not.equal(undefined);
    });
  });

  describe('articles (REST2 Resource/Article.pm, Articles.pm; RT 5.0.3)', () => {
    const everything = [{ field: 'id', operator: '>', value: 0 }];
    const names = (answer: Answer) => (answer.body as { items: { Name: string }[] }).items.map((item) => item.Name);

    beforeEach(() => {
      fake.state.publishArticle('VPN drops', '<p>Update the <strong>VPN</strong> client.</p>\nThen sign in.', { summary: 'When the VPN drops' });
      fake.state.publishArticle('Imprimante', '<p>Ouvrez le capot.</p>', { summary: 'Bourrage' });
    });

    it('answers nothing to an empty query, and each article with the fields asked to “every id above 0”', async () => {
      for (const empty of [call('articles'), call('articles', { json: [] }), call('articles?query=%5B%5D')]) {
        expect((await empty).body).to.deep.equal({ count: 0, total: null, per_page: 20, page: 1, items: [], pages: null });
      }
      const all = await call('articles?per_page=500&fields=Name,Summary,CustomFields,Class', { json: everything });
      expect(all.body).to.deep.include({ count: 2, total: null, pages: null, per_page: 100, page: 1 });
      const [first, second] = (all.body as { items: Record<string, unknown>[] }).items;
      // Collection.pm:226-230 and Resource.pm:85-116: the reference, then the fields; SortOrder then Name (Articles.pm:61-64).
      expect(first).to.deep.equal({
        type: 'article',
        id: '2',
        _url: `${API}/article/2`,
        Name: 'Imprimante',
        Summary: 'Bourrage',
        Class: { type: 'class', id: '1', _url: `${API}/class/1` },
        CustomFields: [{ type: 'customfield', id: String(RT_CONTENT_FIELD.id), _url: `${API}/customfield/${RT_CONTENT_FIELD.id}`, name: 'Content', values: ['<p>Ouvrez le capot.</p>'] }],
      });
      expect(second.Name).to.equal('VPN drops');
      const query = encodeURIComponent(JSON.stringify(everything));
      expect(names(await call(`articles?query=${query}&fields=Name`)), 'a GET takes the query as a parameter').to.deep.equal(['Imprimante', 'VPN drops']);
    });

    it('ANDs conditions on different fields and ORs those on one field; LIKE anywhere, without case; Class by number only', async () => {
      const search = async (query: unknown[]) => names(await call('articles?fields=Name', { json: query }));
      expect(await search([{ field: 'Name', operator: 'LIKE', value: 'vpn' }])).to.deep.equal(['VPN drops']);
      expect(await search([{ field: 'Name', operator: 'LIKE', value: 'vpn' }, { field: 'Name', operator: 'LIKE', value: 'prim' }])).to.deep.equal(['Imprimante', 'VPN drops']);
      expect(await search([{ field: 'Name', operator: 'LIKE', value: 'vpn' }, { field: 'Summary', operator: 'LIKE', value: 'bourrage' }]), 'no OR across fields').to.deep.equal([]);
      expect(await search([{ field: 'Class', value: 1 }])).to.have.length(2);
      expect(await search([{ field: 'Class', value: 'General' }])).to.deep.equal([]);
      expect(await search([{ field: 'Nothing', value: 'x' }, { field: 'Name', value: 'imprimante' }]), 'an unknown field is skipped').to.deep.equal(['Imprimante']);
      expect(await search([{ field: 'CF.{Content}', operator: 'LIKE', value: 'capot' }])).to.deep.equal(['Imprimante']);
      expect((await call('articles', { json: { field: 'id' } })).body).to.deep.equal({ message: 'JSON object must be a ARRAY' });
      expect((await call('articles', { body: '[{', headers: { 'Content-Type': 'application/json' } })).status).to.equal(400);
    });

    it('gives an article whole, its body in the Content field (Util.pm:186-215), 404 for none', async () => {
      const { status, body } = await call('article/1');
      expect(status).to.equal(200);
      const record = body as Record<string, unknown> & { _hyperlinks: { ref: string }[] };
      expect(record).to.deep.include({ id: 1, Name: 'VPN drops', Summary: 'When the VPN drops', SortOrder: '0', Parent: '0', Disabled: '0' });
      expect(record.Class).to.deep.equal({ type: 'class', id: '1', _url: `${API}/class/1` });
      expect(record.Creator).to.deep.equal({ type: 'user', id: RT_AGENT.name, _url: `${API}/user/${RT_AGENT.name}` });
      expect(record.CustomFields).to.deep.equal([
        { type: 'customfield', id: String(RT_CONTENT_FIELD.id), _url: `${API}/customfield/${RT_CONTENT_FIELD.id}`, name: 'Content', values: ['<p>Update the <strong>VPN</strong> client.</p>\nThen sign in.'] },
      ]);
      expect(record._hyperlinks.map((link) => link.ref)).to.deep.equal(['self', 'customfield', 'history']);
      expect((await call('article/99')).body).to.deep.equal({ message: 'Not Found' });
      // The field's type, for whoever may see the field; 403 for one that does not exist (Record.pm:101-119).
      expect((await call(`customfield/${RT_CONTENT_FIELD.id}`)).body).to.deep.include({ id: RT_CONTENT_FIELD.id, Name: 'Content', Type: 'Text', LookupType: 'RT::Class-RT::Article', MaxValues: '1' });
      expect((await call(`customfield/${RT_SUBMISSION_FIELD.id}`)).body).to.deep.include({ Type: 'Freeform', LookupType: 'RT::Queue-RT::Ticket' });
      expect((await call('customfield/99')).body).to.deep.equal({ message: 'Forbidden' });
    });

    it('shows nothing of a class without ShowArticle, and no body without SeeCustomField', async () => {
      fake.state.articleClasses.push({ id: 2, name: 'Staff notes', readers: 'staff' });
      const hidden = fake.state.publishArticle('Staff only VPN', '<p>secret</p>', { classId: 2 });
      expect(names(await call('articles?fields=Name', { json: everything }))).to.deep.equal(['Imprimante', 'VPN drops']);
      expect(names(await call('articles?fields=Name', { json: everything, as: 'agent' }))).to.deep.equal(['Imprimante', 'Staff only VPN', 'VPN drops']);
      expect((await call(`article/${hidden.id}`)).body).to.deep.equal({ message: 'Forbidden' });
      // RT reads a page of all rows, then drops those the person may not read (Articles.pm:75-81): a short page, uncounted.
      const page = await call('articles?fields=Name&per_page=2', { json: everything });
      expect(page.body).to.deep.include({ count: 1, per_page: 2, total: null, pages: null });
      fake.state.articleField.everyoneSees = false;
      expect(((await call('article/1')).body as { CustomFields: unknown }).CustomFields).to.deep.equal([]);
      const row = ((await call('articles?fields=Name,CustomFields', { json: everything })).body as { items: { CustomFields: unknown }[] }).items[0];
      expect(row.CustomFields, 'an empty string in a search row (Resource.pm:115, 179)').to.equal('');
      expect(names(await call('articles?fields=Name', { json: [{ field: 'CF.{Content}', operator: 'LIKE', value: 'capot' }] })), 'the condition is dropped').to.have.length(0);
      fake.state.articleClasses[0].readers = 'nobody';
      expect(names(await call('articles?fields=Name', { json: everything }))).to.deep.equal([]);
      expect((await call('article/1')).status).to.equal(403);
    });

    it('creates an article for staff with CreateArticle: 201, its reference and Location (Article.pm:77-91)', async () => {
      const created = await call('article', { as: 'agent', json: { Class: 'General', Name: 'Wi-Fi', Summary: '', CustomFields: { Content: '<p>CORP</p>' } } });
      expect([created.status, created.body, created.headers.get('Location')]).to.deep.equal([201, { type: 'article', id: '3', _url: `${API}/article/3` }, '/rt/REST/2.0/article/3']);
      expect(fake.state.articles[2]).to.deep.include({ classId: 1, name: 'Wi-Fi', content: '<p>CORP</p>' });
      const cases: [Record<string, unknown>, 'agent' | 'requester', number, string][] = [
        [{ Name: 'x' }, 'agent', 400, 'Invalid Class'],
        [{ Class: 'Nope', Name: 'x' }, 'agent', 403, 'Permission Denied'],
        [{ Class: 1, Name: 'x' }, 'requester', 403, 'Permission Denied'],
        [{ Class: 1, Name: 'Wi-Fi' }, 'agent', 400, 'Create failed for unknown reason'],
        [{ Class: 1 }, 'agent', 400, 'Create failed for unknown reason'],
      ];
      for (const [json, as, status, message] of cases) {
        const answer = await call('article', { as, json });
        expect([answer.status, answer.body], JSON.stringify(json)).to.deep.equal([status, { message }]);
      }
    });
  });

  describe('searching (TicketSQL) and collections', () => {
    beforeEach(() => {
      fake.state.generateTickets(25, 'Paging');
      fake.state.addTicket({ subject: 'Julien’s', requestor: RT_OTHER_REQUESTER.id, customFields: { Site: 'Lyon' } });
      fake.state.addTicket({ subject: 'Café à Lyon', customFields: { Site: 'Lyon' }, status: 'stalled' });
    });

    const search = async (query: string, extra = '', as: Who = 'requester') =>
      (await call(`tickets?query=${encodeURIComponent(query)}${extra}`, { as })).body as { count: number; total: number | null; pages: number | null; page: number; per_page: number; next_page?: string; prev_page?: string; items: Record<string, string>[] };

    it('pages as RT does: 20 by default, 100 at most, next and previous pages as URLs', async () => {
      const first = await search("Requestor.id = '__CurrentUser__'");
      expect([first.count, first.total, first.pages, first.page, first.per_page]).to.deep.equal([20, 26, 2, 1, 20]);
      expect(new URL(first.next_page!).searchParams.get('page')).to.equal('2');
      expect(first.items[0]).to.deep.equal({ type: 'ticket', id: '1', _url: `${API}/ticket/1` });
      const last = await search("Requestor.id = '__CurrentUser__'", '&page=2&per_page=abc');
      expect([last.count, last.per_page, last.next_page, new URL(last.prev_page!).searchParams.get('page')]).to.deep.equal([6, 20, undefined, '1']);
      expect((await search('', '&per_page=500')).per_page).to.equal(100);
      const beyond = await search('id > 0', '&page=9&per_page=10');
      expect([beyond.count, new URL(beyond.prev_page!).searchParams.get('page')]).to.deep.equal([0, '3']);
    });

    it('adds the asked fields, empty strings for unknown ones, and orders by the asked columns', async () => {
      const answer = await search("Subject LIKE 'paging 2'", '&fields=Subject,Status,Nope,Priority,Requestor&orderby=LastUpdated&order=DESC');
      expect(answer.items.map((item) => item.Subject)).to.deep.equal(['Paging 2', 'Paging 20', 'Paging 21', 'Paging 22', 'Paging 23', 'Paging 24', 'Paging 25']);
      expect(answer.items[0]).to.deep.include({ Status: 'new', Nope: '', Priority: '0' });
      expect(answer.items[0].Requestor).to.deep.equal([{ type: 'user', id: 'camille', _url: `${API}/user/camille` }]);
    });

    it('understands AND, OR, parentheses, custom fields, the special values and refuses unknown fields', async () => {
      const subjects = async (query: string, as: Who = 'requester') => (await search(query, '&fields=Subject&per_page=100', as)).items.map((item) => item.Subject);
      expect(await subjects("CF.{Site} = 'lyon'")).to.deep.equal(['Café à Lyon']);
      expect(await subjects("'CF.{Site}' = 'Lyon'", 'agent')).to.deep.equal(['Julien’s', 'Café à Lyon']);
      expect(await subjects("CF.{Nothing} = 'Lyon'")).to.deep.equal([]);
      expect(await subjects("Status = '__Active__' AND Subject LIKE 'café'")).to.deep.equal(['Café à Lyon']);
      fake.state.setStatus(1, 'resolved');
      expect(await subjects("Status = '__Inactive__'")).to.deep.equal(['Paging 1']);
      expect(await subjects("(Subject = 'Paging 1' OR Subject = 'Paging 2') AND Status != 'resolved'")).to.deep.equal(['Paging 2']);
      expect(await subjects(`Requestor = '${RT_OTHER_REQUESTER.email}'`, 'agent')).to.deep.equal(['Julien’s']);
      expect(await subjects("Requestor.Name = '__CurrentUserName__' AND id < 3")).to.deep.equal(['Paging 1', 'Paging 2']);
      expect(await subjects("Queue = 'Support' AND Subject NOT LIKE 'Paging' AND Creator.id = '27' AND Owner = 'Nobody' AND LastUpdated > '2000-01-01' AND Created <= '2999-01-01' AND Subject IS NOT NULL")).to.deep.equal(['Café à Lyon']);
      const unknown = await call(`tickets?query=${encodeURIComponent("Foo = 'x'")}`);
      expect([unknown.status, withoutPerlLocation((unknown.body as { message: string }).message)]).to.deep.equal([400, 'Unknown field: Foo at (RT source).\n']);
      for (const broken of ["Subject = 'x' AND", 'Subject', "(Subject = 'x'", "Subject 'x'", "Subject = 'x' 'y'", '= 3', '#']) {
        expect((await call(`tickets?query=${encodeURIComponent(broken)}`)).status, broken).to.equal(400);
      }
    });

    it('does not count a requester’s rows when SQL does not check rights, and drops the hidden ones from each page', async () => {
      await start({ aclChecksInSql: false });
      fake.state.addTicket({ subject: 'Julien’s', requestor: RT_OTHER_REQUESTER.id });
      fake.state.addTicket({ subject: 'Mine' });
      const page = await search('', '&per_page=1&fields=Subject');
      expect([page.count, page.total, page.pages, page.next_page]).to.deep.equal([0, null, null, undefined]);
      expect((await search('', '&per_page=1&page=2&fields=Subject')).items.map((item) => item.Subject)).to.deep.equal(['Mine']);
      expect((await search('', '', 'agent')).total).to.equal(2);
    });
  });

  describe('messages, history and attachments', () => {
    it('adds an answer (JSON, plain text or multipart) with 201 and its transaction’s path, refusing as RT does', async () => {
      const { id } = await create();
      const answered = await call(`ticket/${id}/correspond`, { json: { Content: 'Encore', ContentType: 'text/plain' } });
      expect([answered.status, answered.body]).to.deep.equal([201, ['Correspondence added']]);
      expect(answered.headers.get('Location')).to.match(/^\/rt\/REST\/2\.0\/transaction\/\d+$/);
      expect(fake.state.ticket(1)!.status, 'RT’s scrip opened it').to.equal('open');
      expect((await call(`ticket/${id}/correspond`, { body: 'plain body', headers: { 'Content-Type': 'text/plain' } })).status).to.equal(201);
      const form = new FormData();
      form.append('JSON', JSON.stringify({}));
      form.append('Attachments', new File(['x'], 'x.txt', { type: 'text/plain' }));
      expect((await call(`ticket/${id}/correspond`, { body: form })).status).to.equal(201);
      expect((await call(`ticket/${id}/correspond`, { body: new FormData() })).body).to.deep.equal({ message: 'JSON is a required field for multipart/form-data' });
      expect((await call(`ticket/${id}/correspond`, { json: { Content: 'x' } })).body).to.deep.equal({ message: 'ContentType is a required field for application/json' });
      expect((await call(`ticket/${id}/correspond`, { json: { Attachments: [{ FileName: 'a' }] } })).body).to.deep.equal({ message: 'FileType is a required field for each attachment in Attachments' });
      expect((await call('ticket/99/correspond', { json: { Content: 'x', ContentType: 'text/plain' } })).body).to.deep.equal({ message: 'Permission Denied' });
      expect((await call(`ticket/${id}/correspond`, { as: 'other', json: { Content: 'x', ContentType: 'text/plain' } })).status).to.equal(400);
      const resolved = await call(`ticket/${id}/correspond`, { as: 'agent', json: { Content: 'Fixed', ContentType: 'text/plain', Status: 'resolved' } });
      expect(resolved.body).to.deep.equal(['Correspondence added', "Status changed from 'open' to 'resolved'"]);
      expect((await call(`ticket/${id}/comment`, { json: { Content: 'x', ContentType: 'text/plain' } })).body, 'ModifyTicket lets requesters comment').to.deep.equal(['Comments added']);
    });

    it('hides comments and mail records from a requester’s history, page by page, uncounted', async () => {
      const { id } = await create();
      fake.state.comment(Number(id), 'internal');
      fake.state.reply(Number(id), '<p>public</p>');
      const history = (await call(`ticket/${id}/history?fields=Type,Creator&fields[Creator]=Name,RealName&per_page=2`)).body as { count: number; total: null; items: { Type: string; Creator: Record<string, string> }[] };
      expect([history.count, history.total, history.items.map((item) => item.Type)]).to.deep.equal([1, null, ['Create']]);
      expect(history.items[0].Creator).to.deep.equal({ type: 'user', id: 'camille', _url: `${API}/user/camille`, Name: 'camille', RealName: RT_REQUESTER.realName });
      const all = (await call(`ticket/${id}/history?fields=Type&per_page=100`, { as: 'agent' })).body as { items: { Type: string }[] };
      expect(all.items.map((item) => item.Type)).to.deep.equal(['Create', 'EmailRecord', 'Comment', 'Correspond', 'Status']);
      expect((await call(`ticket/${id}/history`, { as: 'other' })).body).to.deep.include({ count: 0, items: [] });
      expect((await call('ticket/99/history')).status).to.equal(200);
    });

    it('gives a message’s parts, each file with its name, and the content in base64 lines', async () => {
      const { id } = await create({ Attachments: [{ FileName: 'a.bin', FileType: 'application/octet-stream', FileContent: btoa('x'.repeat(100)) }] });
      const parts = (await call(`ticket/${id}/attachments?fields=TransactionId,ContentType,Filename,ContentLength`)).body as { items: Record<string, string>[] };
      expect(parts.items.map((part) => [part.ContentType, part.Filename, part.ContentLength])).to.deep.equal([
        ['multipart/mixed', '', '0'],
        // '<p>Bloqué</p>' in UTF-8.
        ['text/html', '', '14'],
        ['application/octet-stream', 'a.bin', '100'],
      ]);
      expect((await call(`ticket/${id}/attachments?fields=Parent`)).status, 'RT 5.0.3 fails on a top part’s Parent').to.equal(500);
      const file = (await call(`attachment/${parts.items[2].id}`)).body as Record<string, unknown>;
      expect(file).to.deep.include({ Filename: 'a.bin', Parent: { type: 'attachment', id: parts.items[0].id, _url: `${API}/attachment/${parts.items[0].id}` } });
      expect(file.TransactionId).to.deep.include({ type: 'transaction' });
      expect(file.Content).to.equal(`${btoa('x'.repeat(100)).slice(0, 76)}\n${btoa('x'.repeat(100)).slice(76)}\n`);
      expect(await call(`attachment/${parts.items[1].id}`)).to.have.nested.property('body.Parent.id');
      const transaction = (await call(`transaction/${parts.items[0].TransactionId}`)).body as { Type: string; _hyperlinks: { ref: string }[] };
      expect([transaction.Type, transaction._hyperlinks.map((link) => link.ref)]).to.deep.equal(['Create', ['self', 'attachment', 'attachment', 'attachment']]);
      expect((await call(`transaction/${parts.items[0].TransactionId}/attachments`)).body).to.deep.include({ count: 3 });
      expect((await call('attachment/999')).status, 'RT 5.0.3 fails on an unknown attachment').to.equal(500);
      expect((await call('transaction/999')).status).to.equal(404);
      fake.state.comment(Number(id), 'internal');
      const internal = fake.state.attachments.at(-1)!;
      expect((await call(`attachment/${internal.id}`)).status).to.equal(403);
      expect((await call(`transaction/${internal.transaction}`)).status).to.equal(403);
    });
  });

  describe('people and queues', () => {
    it('lets a requester read their own record only; staff read anyone’s', async () => {
      expect((await call('user/camille')).body).to.deep.include({ id: 27, Name: 'camille', EmailAddress: RT_REQUESTER.email });
      expect((await call('user/27')).status).to.equal(200);
      expect((await call('user/julien')).body).to.deep.equal({ message: 'Forbidden' });
      expect((await call('user/nobody-here')).status).to.equal(403);
      expect((await call('user/julien', { as: 'agent' })).status).to.equal(200);
      expect((await call('user/nobody-here', { as: 'agent' })).status).to.equal(404);
    });

    it('shows the queue a requester may create in, with its ticket custom fields', async () => {
      const queue = (await call('queue/Support')).body as { Name: string; TicketCustomFields: { name: string }[] };
      expect([queue.Name, queue.TicketCustomFields.map((field) => field.name)]).to.deep.equal(['Support', ['Widget submission', 'Site']]);
      expect((await call('queue/General')).status).to.equal(403);
      expect((await call('queue/Nope')).status).to.equal(404);
    });
  });

  describe('failures', () => {
    it('fails the next matching request as asked, then answers again', async () => {
      fake.state.failNext('503', { endpoint: 'tickets' });
      expect((await call('rt')).status, 'another endpoint').to.equal(200);
      const down = await call('tickets');
      expect([down.status, String(down.body)]).to.deep.include.members([503]);
      expect(String(down.body)).to.contain('503 Service Temporarily Unavailable');
      fake.state.failNext('502');
      expect((await call('rt')).status).to.equal(502);
      fake.state.failNext('500');
      expect((await call('rt')).body).to.deep.equal({ message: 'Internal Server Error' });
      fake.state.failNext('429');
      expect((await call('rt')).headers.get('Retry-After')).to.equal('120');
      fake.state.failNext('429', { retryAfter: null });
      const limited = await call('rt');
      expect([limited.status, limited.headers.get('Retry-After')]).to.deep.equal([429, null]);
      fake.state.failNext('html');
      expect(String((await call('rt')).body)).to.contain('<form id="login"');
      fake.state.failNext('truncated');
      expect((await call('rt')).body).to.be.a('string');
      fake.state.failNext('network', { times: 2 });
      for (let i = 0; i < 2; i++) {
        let failed = false;
        await call('rt').catch(() => (failed = true));
        expect(failed).to.equal(true);
      }
      expect((await call('rt')).status).to.equal(200);
    });

    it('creates the ticket and loses the answer, or answers late', async () => {
      await start({ hangMs: 50 });
      fake.state.failNext('lost-answer', { endpoint: 'ticket', method: 'POST' });
      let failed = false;
      await create().catch(() => (failed = true));
      expect([failed, fake.state.tickets.length]).to.deep.equal([true, 1]);
      fake.state.failNext('timeout');
      const began = Date.now();
      expect((await call('rt')).status).to.equal(200);
      expect(Date.now() - began).to.be.at.least(45);
    });
  });

  it('has demo tickets in every status, someone else’s and an internal comment the requester never sees', async () => {
    addRtDemoTickets(fake.state);
    const mine = (await call('tickets?query=&fields=Subject,Status&per_page=100')).body as { items: { Subject: string; Status: string }[] };
    expect(new Set(mine.items.map((item) => item.Status))).to.deep.equal(new Set(['new', 'open', 'stalled', 'resolved', 'rejected']));
    expect(mine.items.map((item) => item.Subject)).not.to.include('Badge d’accès au parking');
    expect(fake.state.transactions.some((one) => one.type === 'Comment')).to.equal(true);
    for (const item of mine.items as unknown as { id: string }[]) {
      const history = (await call(`ticket/${item.id}/history?fields=Type&per_page=100`)).body as { items: { Type: string }[] };
      expect(history.items.map((one) => one.Type)).not.to.include('Comment');
    }
    const articles = (await call('articles?fields=Name&per_page=100', { json: [{ field: 'id', operator: '>', value: 0 }] })).body as { items: { Name: string }[] };
    expect(articles.items.map((item) => item.Name)).to.have.members(DEMO_ARTICLES.map((article) => article.title));
  });
});
