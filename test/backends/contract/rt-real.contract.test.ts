/**
 * The contract suite against a real Request Tracker 5 (Debian's request-tracker5), which
 * the test server starts on first use and proxies same-origin at /real-rt/
 * (test/support/real-rt.mjs). The requester calls through the adapter, with only the
 * rights an RT admin gives requesters; the agent side is RT's REST2 as a staff user.
 * Without RT installed these tests are skipped with a notice, unless the run requires it
 * (REQUIRE_REAL_RT=1, as CI does), where they fail.
 */
import { expect } from '@open-wc/testing';
import { createBackend } from '../../../src/backends/index.js';
import type { HelpdeskBackend } from '../../../src/backends/types.js';
import type { RtBackendConfig } from '../../../src/config/index.js';
import { HelpdeskError } from '../../../src/core/errors.js';
import type { NewTicket } from '../../../src/core/ticket.js';
import { basicOf, realRt, type RealRt, type RealRtAccount } from '../../support/real-rt-client.js';
import { describeContract, type ContractAgent } from './contract.js';

/** The test RT's article classes (test/support/real-rt.mjs gives them; support/real-rt-client.ts does not name them yet). */
type RealRtArticles = RealRt & { articleClass?: string; hiddenClass?: string };

let rt: RealRtArticles;

const articleClass = () => rt.articleClass ?? 'General';

const config = (fields: Partial<RtBackendConfig> = {}): RtBackendConfig => ({
  type: 'rt',
  url: rt.url,
  queue: rt.queue,
  contentType: 'text/html',
  submissionField: rt.submissionField,
  customFields: { site: rt.siteField },
  statuses: {},
  timeout: 20_000,
  ...fields,
});

function requester(fields: Partial<RtBackendConfig> = {}): HelpdeskBackend {
  const backend = createBackend(config(fields));
  backend.setCredentials({ login: rt.requester.login, password: rt.requester.password });
  return backend;
}

/** REST2 as a staff user, with fetch: what a technician does in RT's own interface. */
async function asAgent<T>(path: string, init: { method?: string; json?: unknown; account?: RealRtAccount } = {}): Promise<T> {
  const response = await fetch(`${rt.url}/${path}`, {
    method: init.method ?? (init.json ? 'POST' : 'GET'),
    headers: { Authorization: basicOf(init.account ?? rt.agent), 'Content-Type': 'application/json' },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
    credentials: 'omit',
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`RT ${response.status} on ${path}: ${body}`);
  return JSON.parse(body) as T;
}

interface Collection<T> {
  items: T[];
  next_page?: string;
}

const tql = (query: string) => encodeURIComponent(query);
const quoted = (value: string) => `'${value.replace(/[\\']/g, '\\$&')}'`;
const decode = (base64: string) => new TextDecoder().decode(Uint8Array.from(atob(base64.replace(/\s+/g, '')), (char) => char.charCodeAt(0)));
const plain = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

const agent: ContractAgent = {
  async read(id) {
    const ticket = await asAgent<{ Subject: string; Cc?: { id: string }[] }>(`ticket/${id}`);
    const history = await asAgent<Collection<{ id: string; Type: string }>>(`ticket/${id}/history?fields=Type&per_page=100`);
    const shown = new Set(history.items.filter((one) => one.Type === 'Create' || one.Type === 'Correspond').map((one) => one.id));
    const parts = await asAgent<Collection<{ id: string; TransactionId: string; ContentType: string; Filename: string }>>(
      `ticket/${id}/attachments?fields=TransactionId,ContentType,Filename&per_page=100`,
    );
    const ours = parts.items.filter((part) => shown.has(String(part.TransactionId)));
    const texts = await Promise.all(
      ours
        .filter((part) => !part.Filename && /^text\/(plain|html)$/.test(part.ContentType))
        .map(async (part) => plain(decode((await asAgent<{ Content: string }>(`attachment/${part.id}`)).Content))),
    );
    return {
      title: ticket.Subject,
      text: texts.join('\n'),
      attachments: ours.filter((part) => part.Filename).map((part) => part.Filename),
      // A role member is a reference by the user's name: their address is on their own record.
      cc: await Promise.all((ticket.Cc ?? []).map(async (member) => (await asAgent<{ EmailAddress: string }>(`user/${encodeURIComponent(member.id)}`)).EmailAddress)),
    };
  },
  async countTitled(title) {
    const found = await asAgent<Collection<{ Subject: string }>>(`tickets?query=${tql(`Subject = ${quoted(title)}`)}&fields=Subject&per_page=100`);
    return found.items.filter((one) => one.Subject === title).length;
  },
  async reply(id, text) {
    await asAgent(`ticket/${id}/correspond`, { json: { Content: text, ContentType: 'text/plain' } });
  },
  async solve(id, text) {
    await asAgent(`ticket/${id}/correspond`, { json: { Content: text, ContentType: 'text/plain', Status: 'resolved' } });
  },
  async publishArticle(title, html) {
    // As a technician writes one in RT: an article of the class everyone reads, its body the Content field.
    await asAgent('article', { json: { Class: articleClass(), Name: title, Summary: '', CustomFields: { Content: html } } });
  },
  async seed(n, prefix) {
    // One request: RT's bulk create.
    const tickets = Array.from({ length: n }, (_, index) => ({ Queue: rt.queue, Subject: `${prefix} ${index + 1}`, Requestor: rt.requester.login, Content: `Seeded ${index + 1}` }));
    await asAgent('tickets/bulk', { json: tickets });
  },
};

describe('Request Tracker 5 (real)', function () {
  before(async function () {
    rt = await realRt(this);
  });

  describeContract({
    name: 'Request Tracker (real RT 5)',
    timeout: 60_000,
    async start() {
      return {
        backend: requester(),
        refused: (() => {
          const backend = createBackend(config());
          backend.setCredentials({ login: rt.requester.login, password: 'not-the-password' });
          return backend;
        })(),
        agent,
      };
    },
  });

  describe('only what RT gives a requester', function () {
    this.timeout(60_000);
    const ticket = (title: string, fields: Partial<NewTicket> = {}): NewTicket => ({
      type: 'incident',
      urgency: 'medium',
      title,
      description: 'Le scanner du 3e ne numérise plus.',
      answers: [{ id: 'site', label: 'Site', value: 'Lyon' }],
      attachments: [],
      ...fields,
    });
    const tag = () => Math.random().toString(36).slice(2, 8);

    async function rejection(promise: Promise<unknown>): Promise<HelpdeskError> {
      try {
        await promise;
      } catch (error) {
        expect(error).to.be.instanceOf(HelpdeskError);
        return error as HelpdeskError;
      }
      throw new Error('expected a rejection');
    }

    it('answers refused credentials with a 302 to its login page, which the adapter reads as auth', async () => {
      const response = await fetch(`${rt.url}/tickets?query=id>0`, {
        headers: { Authorization: basicOf({ login: rt.requester.login, password: 'wrong' }) },
        redirect: 'manual',
        credentials: 'omit',
      });
      expect(response.type).to.equal('opaqueredirect');
      const backend = createBackend(config());
      backend.setCredentials({ userToken: '1-999-nottherighttoken' });
      expect((await rejection(backend.getTicket('1'))).kind).to.equal('auth');
    });

    it('takes the person’s own RT auth token', async () => {
      const backend = createBackend(config({ auth: { userToken: rt.requester.token } }));
      const title = `Token ${tag()}`;
      const { id } = await backend.createTicket(ticket(title));
      const detail = await backend.getTicket(id);
      expect(detail.title).to.equal(title);
      expect(detail.urgency).to.equal('medium');
      const requestors = await asAgent<{ Requestor: { id: string }[]; Priority: string; CustomFields: { name: string; values: string[] }[] }>(`ticket/${id}`);
      expect(requestors.Requestor.map((one) => one.id)).to.deep.equal([rt.requester.login]);
      expect(requestors.Priority).to.equal('50');
      expect(requestors.CustomFields.find((field) => field.name === rt.siteField)?.values).to.deep.equal(['Lyon']);
    });

    it('signs in with a login and password, and refuses a wrong one', async () => {
      const backend = createBackend(config());
      await backend.signIn({ login: rt.requester.login, password: rt.requester.password });
      expect(backend.hasCredentials()).to.equal(true);
      expect((await rejection(backend.signIn({ login: rt.requester.login, password: 'wrong' }))).kind).to.equal('auth');
      expect(backend.hasCredentials(), 'a refused password is forgotten').to.equal(false);
    });

    it('never shows a technician’s comment, and another person’s ticket is not the requester’s to read', async () => {
      const backend = requester();
      const { id } = await backend.createTicket(ticket(`Comment ${tag()}`));
      await asAgent(`ticket/${id}/comment`, { json: { Content: 'Internal: the customer forgot to plug it in', ContentType: 'text/plain' } });
      await agent.reply!(id, 'Could you check the cable?');
      const detail = await backend.getTicket(id);
      const text = detail.entries.map((entry) => entry.body.value).join('\n');
      expect(text).to.contain('Could you check the cable?');
      expect(text).not.to.contain('Internal');
      const theirs = await asAgent<{ id: string }>('ticket', {
        json: { Queue: rt.queue, Subject: `Not yours ${tag()}`, Requestor: rt.other.login, Content: 'private' },
      });
      expect((await rejection(backend.getTicket(String(theirs.id)))).kind).to.equal('forbidden');
      expect((await rejection(backend.reply(String(theirs.id), { text: 'hello', attachments: [] }))).kind).to.equal('forbidden');
      const list = await backend.listTickets({ scope: 'mine', start: 0, limit: 100 });
      expect(list.tickets.map((one) => one.id)).not.to.include(String(theirs.id));
    });

    it('adds people only where the requester holds ModifyTicket: elsewhere RT says “Permission denied” (200), and makes the user all the same', async () => {
      const backend = requester({ queue: rt.restrictedQueue, customFields: {} });
      const first = `anne.${tag()}@example.com`;
      const refused = `bob.${tag()}@example.com`;
      const { id } = await backend.createTicket(ticket(`Restricted cc ${tag()}`, { cc: [first] }));
      const detail = await backend.getTicket(id);
      expect([detail.actions.addPeople, detail.cc]).to.deep.equal([false, [first]]);
      const error = await rejection(backend.addPeople!(id, [refused]));
      expect([error.kind, error.fields, error.detail]).to.deep.equal(['forbidden', ['cc'], `RT did not add ${refused}: Permission denied`]);
      expect((await agent.read(id)).cc).to.deep.equal([first]);
      expect((await asAgent<{ Name: string; Privileged: number }>(`user/${encodeURIComponent(refused)}`)).Name, 'made before the refusal').to.equal(refused);
    });

    it('adds a person RT knows by their login, and takes them again without a word', async () => {
      const backend = requester();
      const { id } = await backend.createTicket(ticket(`Known cc ${tag()}`));
      expect((await backend.getTicket(id)).actions.addPeople).to.equal(true);
      expect(await backend.addPeople!(id, [rt.other.email])).to.deep.equal([rt.other.login]);
      // RT answers "dominique is already Cc": no change, and no refusal (the requester holds ModifyTicket here).
      expect(await backend.addPeople!(id, [rt.other.email.toUpperCase()])).to.deep.equal([rt.other.login]);
      expect((await agent.read(id)).cc).to.deep.equal([rt.other.email]);
    });

    it('never finds nor reads an article of a class the requester may not read; reads the others as RT’s self-service shows them', async () => {
      const word = `zq${tag()}`;
      const hidden = await asAgent<{ id: string }>('article', { json: { Class: rt.hiddenClass ?? 'Widget internal', Name: `Internal ${word}`, Summary: '', CustomFields: { Content: `<p>${word}</p>` } } });
      await agent.publishArticle!(`Public ${word}`, `<p>First line ${word}</p>\n<p>Second line</p>`);
      const source = await requester().articles!();
      const hits = await source.search([word], { limit: 5 });
      expect(hits.map((hit) => hit.title)).to.deep.equal([`Public ${word}`]);
      expect(hits[0].url).to.match(/\/real-rt\/SelfService\/Article\/Display\.html\?id=\d+$/);
      expect((await source.read(hits[0].id)).body).to.deep.equal({ format: 'html', value: `<p>First line ${word}</p><br /><p>Second line</p>` });
      expect((await rejection(source.read(String(hidden.id)))).kind).to.equal('not-found');
    });

    it('offers no closing where requesters may not change status, and the answer still reopens', async () => {
      const backend = requester({ queue: rt.restrictedQueue, customFields: {} });
      const { id } = await backend.createTicket(ticket(`Restricted ${tag()}`));
      const detail = await backend.getTicket(id);
      expect(detail.actions).to.include({ reply: true, close: false });
      expect((await rejection(backend.closeTicket(id))).kind).to.equal('forbidden');
      await agent.solve!(id, 'Fixed the scanner driver.');
      const solved = await backend.getTicket(id);
      expect(solved.status.group).to.equal('solved');
      expect(solved.actions.reopen).to.equal(true);
      expect(solved.solvedAt).to.be.instanceOf(Date);
      await backend.reopenTicket(id, 'It fails again on colour scans.');
      expect((await backend.getTicket(id)).status.group).to.equal('open');
    });
  });
});
