/**
 * The one suite every adapter passes, against its fake and, for Request Tracker,
 * against a real server: a backend is added by giving it a `ContractTarget`
 * (`<type>.contract.test.ts` beside this file). Scenarios a backend's capabilities
 * rule out are skipped, so the suite also checks that what a backend declares is
 * what it does.
 */
import { expect } from '@open-wc/testing';
import type { HelpdeskBackend } from '../../../src/backends/types.js';
import type { HelpdeskErrorKind } from '../../../src/core/errors.js';
import type { NewTicket, StatusGroup, TicketDetail, TicketSummary } from '../../../src/core/ticket.js';
import { rejection } from '../../support/errors.js';

export interface ContractTarget {
  /** In test names: "Zammad (fake)". */
  name: string;
  /** A fresh helpdesk for one scenario (nothing of the previous one visible). */
  start(): Promise<ContractHelpdesk>;
  /** Milliseconds a scenario may take (a real server is slower than a fake); 10 s by default. */
  timeout?: number;
}

export interface ContractHelpdesk {
  /** The adapter, made through createBackend(config), able to call as the requester. */
  backend: HelpdeskBackend;
  /** The same helpdesk with credentials it refuses; undefined when the backend takes none. */
  refused?: HelpdeskBackend;
  agent: ContractAgent;
  stop?(): Promise<void>;
}

export interface ContractAgent {
  /** The ticket as the helpdesk holds it: title, all public text as plain text, attachment file names. */
  read(id: string): Promise<{ title: string; text: string; attachments: string[]; cc?: string[] }>;
  /** How many tickets the helpdesk holds with exactly this title (duplicates). */
  countTitled(title: string): Promise<number>;
  /** A technician's public answer to the requester. */
  reply?(id: string, text: string): Promise<void>;
  /** A technician marks the ticket solved/resolved (a solution to approve where the backend has that). */
  solve?(id: string, text: string): Promise<void>;
  /**
   * The next call fails this way (fakes only). 'lost-answer' applies to the next call that
   * creates a ticket: the helpdesk creates it, the answer never arrives. 'rate-limited' is a
   * 429 with a `Retry-After`; 'html' a 200 HTML page (a login page, a wrong URL).
   */
  failNext?(kind: 'network' | 'lost-answer' | 'server' | 'rate-limited' | 'html'): void;
  /** Publishes a knowledge base article the requester may read (its body HTML, as the helpdesk's editor saves it). */
  publishArticle?(title: string, html: string): Promise<void>;
  /** Adds n tickets of the requester directly, titled `${prefix} 1` … `${prefix} n`. */
  seed(n: number, prefix: string): Promise<void>;
}

/** A short tag that keeps one scenario's tickets apart from another's on a server that keeps them. */
const tag = () => Math.random().toString(36).slice(2, 8);

const file = (name: string, text: string) => new File([text], name, { type: 'text/plain' });

function newTicket(title: string, fields: Partial<NewTicket> = {}): NewTicket {
  return {
    type: 'incident',
    urgency: 'high',
    title,
    description: 'The printer on floor 2 jams on every page.\n\nIt started on Monday after the toner change.',
    answers: [{ id: 'site', label: 'Site', value: 'Lyon 3e' }],
    callbackPhone: '+33 4 00 00 00 01',
    attachments: [],
    ...fields,
  };
}

/** Plain text of an entry body, whatever its format. */
const plain = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;|\s+/g, ' ');

const entriesText = (ticket: TicketDetail) => ticket.entries.map((entry) => plain(entry.body.value)).join('\n');

const allDocuments = (ticket: TicketDetail) => [...ticket.documents, ...ticket.entries.flatMap((entry) => entry.documents)];

/** Every ticket of the person's list, page after page. */
async function everyTicket(backend: HelpdeskBackend, limit = 100): Promise<TicketSummary[]> {
  const all: TicketSummary[] = [];
  for (let start = 0; ; start += limit) {
    const page = await backend.listTickets({ scope: 'mine', start, limit });
    all.push(...page.tickets);
    if (!page.more || !page.tickets.length) return all;
    if (start > 5000) throw new Error('more than 5000 tickets: the list never ends');
  }
}

export function describeContract(target: ContractTarget): void {
  describe(`contract: ${target.name}`, function () {
    this.timeout(target.timeout ?? 10_000);
    let desk: ContractHelpdesk;
    let backend: HelpdeskBackend;
    let title: string;

    beforeEach(async () => {
      desk = await target.start();
      backend = desk.backend;
      title = `Printer jam ${tag()}`;
    });

    afterEach(async () => {
      await desk?.stop?.();
    });

    /** Skips the scenario when the backend says it cannot do it. */
    function needs(context: Mocha.Context, ...what: (keyof HelpdeskBackend['capabilities'] | 'agent.reply' | 'agent.solve' | 'agent.failNext' | 'agent.publishArticle')[]) {
      for (const need of what) {
        const method = need.split('.')[1] as keyof ContractAgent | undefined;
        if (method ? !desk.agent[method] : !backend.capabilities[need as keyof HelpdeskBackend['capabilities']]) context.skip();
      }
    }

    async function statusOf(id: string): Promise<StatusGroup> {
      return (await backend.getTicket(id)).status.group;
    }

    it('creates a ticket with everything the person gave', async () => {
      const attachments = backend.capabilities.attachments ? [file('printer-log.txt', 'E-204 paper jam')] : [];
      const created = await backend.createTicket(newTicket(title, { attachments }));
      expect(created.id, 'an id the person can quote').to.be.a('string').and.not.equal('');
      expect(created.failedAttachments).to.deep.equal([]);
      const held = await desk.agent.read(created.id);
      expect(held.title).to.equal(title);
      expect(held.text).to.contain('jams on every page');
      expect(held.text).to.contain('Lyon 3e');
      expect(held.text).to.contain('+33 4 00 00 00 01');
      if (attachments.length) expect(held.attachments).to.include('printer-log.txt');
    });

    it('keeps informed the people the person named (Cc), where the helpdesk has it', async function () {
      if (!backend.capabilities.cc) return this.skip();
      const cc = [`anne.${tag()}@example.com`, `bob.${tag()}@example.com`];
      const created = await backend.createTicket(newTicket(`${title} cc`, { cc }));
      expect((await desk.agent.read(created.id)).cc).to.have.members(cc);
    });

    it('adds people to keep informed on an open ticket, keeping those there', async function () {
      needs(this, 'cc', 'tickets');
      const first = `anne.${tag()}@example.com`;
      const added = `carl.${tag()}@example.com`;
      const { id } = await backend.createTicket(newTicket(`${title} add cc`, { cc: [first] }));
      if (!(await backend.getTicket(id)).actions.addPeople) {
        // Named at creation only (Freshdesk: adding people later is an agent's reply): the ticket says so, and a call is refused.
        expect((await rejection(backend.addPeople!(id, [added]))).kind).to.be.oneOf(['setup', 'forbidden']);
        return;
      }
      const after = await backend.addPeople!(id, [added]);
      expect(after.map((one) => one.toLowerCase())).to.include.members([first, added]);
      expect((await desk.agent.read(id)).cc).to.have.members([first, added]);
    });

    it('finds a published article by a word of the problem, and reads it whole', async function () {
      needs(this, 'articles', 'agent.publishArticle');
      // A word no other article holds, so that the search can only find this one.
      const word = `zq${tag()}`;
      const articleTitle = `VPN ${word} drops every ten minutes`;
      await desk.agent.publishArticle!(articleTitle, `<p>Update the <strong>VPN client</strong> first (${word}).</p><ol><li>Quit it.</li><li>Sign in again.</li></ol>`);
      const source = await backend.articles!();
      const hits = await source.search([word, 'vpn'], { limit: 3 });
      const hit = hits.find((one) => one.title === articleTitle);
      expect(hit, `found among ${JSON.stringify(hits.map((one) => one.title))}`).to.not.equal(undefined);
      expect(hits.length).to.be.at.most(3);
      expect(hit!.excerpt, 'an excerpt is plain text').to.not.match(/<\/?[a-z]/i);
      const article = await source.read(hit!.id);
      expect(article.title).to.equal(articleTitle);
      expect(plain(article.body.value)).to.contain('Sign in again');
      if (article.url) expect(new URL(article.url, location.href).protocol).to.match(/^https?:$/);
      expect(await source.search([`nothing${tag()}`], { limit: 3 }), 'a word nowhere finds nothing').to.deep.equal([]);
      expect((await rejection(source.read('999999999'))).kind).to.equal('not-found');
    });

    it('lists the person’s tickets newest first, titles exactly as typed', async function () {
      needs(this, 'tickets');
      const first = await backend.createTicket(newTicket(`${title} <b>&"'`));
      // Helpdesks date to the second: a second later, the order is certain.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const second = await backend.createTicket(newTicket(`${title} second`));
      const list = await everyTicket(backend);
      const older = list.findIndex((ticket) => ticket.id === first.id);
      const newer = list.findIndex((ticket) => ticket.id === second.id);
      expect(older, 'the first ticket is listed').to.be.greaterThan(-1);
      expect(newer, 'the newer ticket comes first').to.be.within(0, older - 1);
      expect(list[older].title).to.equal(`${title} <b>&"'`);
      expect(list[older].status.group).to.equal('open');
      expect(list[older].openedAt.getTime()).to.not.be.NaN;
    });

    it('pages through a long list without losing or repeating a ticket', async function () {
      needs(this, 'tickets');
      await desk.agent.seed(25, title);
      const seen: string[] = [];
      let start = 0;
      for (let pages = 0; ; pages++) {
        expect(pages, 'the list ends').to.be.below(50);
        const page = await backend.listTickets({ scope: 'mine', start, limit: 10 });
        expect(page.tickets.length).to.be.at.most(10);
        seen.push(...page.tickets.map((ticket) => ticket.id));
        if (!page.more) break;
        start += page.tickets.length;
      }
      expect(new Set(seen).size, 'no ticket twice').to.equal(seen.length);
      const ours = (await everyTicket(backend)).filter((ticket) => ticket.title.startsWith(`${title} `));
      expect(ours.map((ticket) => ticket.title)).to.have.members(Array.from({ length: 25 }, (_, i) => `${title} ${i + 1}`));
      expect(ours.every((ticket) => seen.includes(ticket.id))).to.equal(true);
    });

    it('reads a ticket’s thread, the description first', async function () {
      needs(this, 'tickets');
      const { id } = await backend.createTicket(newTicket(title));
      const ticket = await backend.getTicket(id);
      expect(ticket.id).to.equal(id);
      expect(ticket.title).to.equal(title);
      expect(ticket.entries[0].kind).to.equal('description');
      expect(plain(ticket.entries[0].body.value)).to.contain('jams on every page');
      expect(ticket.actions.reply).to.equal(backend.capabilities.reply);
    });

    it('adds the person’s reply with a file that downloads back', async function () {
      needs(this, 'tickets', 'reply');
      const { id } = await backend.createTicket(newTicket(title));
      const attachments = backend.capabilities.attachments ? [file('photo-note.txt', 'still jammed at 10:05')] : [];
      const posted = await backend.reply(id, { text: 'It jams again this morning.', attachments });
      expect(posted.failedAttachments).to.deep.equal([]);
      const ticket = await backend.getTicket(id);
      expect(entriesText(ticket)).to.contain('It jams again this morning.');
      expect((await desk.agent.read(id)).text).to.contain('It jams again this morning.');
      if (!attachments.length) return;
      const document = allDocuments(ticket).find((one) => one.name === 'photo-note.txt');
      expect(document, 'the file is listed').to.exist;
      expect(await (await backend.downloadDocument(id, document!)).text()).to.equal('still jammed at 10:05');
    });

    it('shows the technician’s answer after the description', async function () {
      needs(this, 'tickets', 'agent.reply');
      const { id } = await backend.createTicket(newTicket(title));
      await desk.agent.reply!(id, 'Which printer model is it?');
      const ticket = await backend.getTicket(id);
      const answer = ticket.entries.findIndex((entry) => plain(entry.body.value).includes('Which printer model is it?'));
      expect(answer, 'the answer is in the thread').to.be.greaterThan(0);
      expect(ticket.entries[answer].date.getTime()).to.be.at.least(ticket.entries[0].date.getTime());
    });

    it('shows a ticket the technician solved as solved', async function () {
      needs(this, 'tickets', 'agent.solve');
      const { id } = await backend.createTicket(newTicket(title));
      await desk.agent.solve!(id, 'Replaced the fuser.');
      expect(await statusOf(id)).to.be.oneOf(['solved', 'closed']);
    });

    it('closes a ticket, then reopens it with the reason', async function () {
      needs(this, 'tickets', 'closeReopen');
      const { id } = await backend.createTicket(newTicket(title));
      expect((await backend.getTicket(id)).actions.close, 'an open ticket can be closed').to.equal(true);
      await backend.closeTicket(id);
      const closed = await backend.getTicket(id);
      expect(closed.status.group).to.be.oneOf(['solved', 'closed']);
      expect(closed.actions.reopen, 'a closed ticket can be reopened').to.equal(true);
      await backend.reopenTicket(id, 'The jam is back after lunch.');
      expect(await statusOf(id)).to.be.oneOf(['open', 'waiting']);
      expect((await desk.agent.read(id)).text).to.contain('The jam is back after lunch.');
    });

    it('refuses a proposed solution with a reason, then approves the next one', async function () {
      needs(this, 'tickets', 'approval', 'agent.solve');
      const { id } = await backend.createTicket(newTicket(title));
      await desk.agent.solve!(id, 'Restarted the spooler.');
      const solved = await backend.getTicket(id);
      expect(solved.status.group).to.equal('solved');
      expect(solved.actions.approve).to.equal(true);
      await backend.refuseSolution(id, 'Still jams on page 2.');
      expect(await statusOf(id)).to.be.oneOf(['open', 'waiting']);
      expect((await desk.agent.read(id)).text).to.contain('Still jams on page 2.');
      await desk.agent.solve!(id, 'Replaced the pickup roller.');
      await backend.approveSolution(id);
      expect(await statusOf(id)).to.equal('closed');
    });

    it('creates one ticket per submission id, however often it is sent', async () => {
      const submissionId = crypto.randomUUID();
      const first = await backend.createTicket(newTicket(title), { submissionId });
      const again = await backend.createTicket(newTicket(title), { submissionId, mayExist: true });
      expect(again.id).to.equal(first.id);
      expect(await desk.agent.countTitled(title)).to.equal(1);
    });

    it('creates one ticket when the answer was lost and the ticket is sent again', async function () {
      needs(this, 'agent.failNext');
      const submissionId = crypto.randomUUID();
      desk.agent.failNext!('lost-answer');
      const lost = await rejection(backend.createTicket(newTicket(title), { submissionId }));
      expect(lost.transient, `${lost.kind} is worth sending again`).to.equal(true);
      expect(await desk.agent.countTitled(title), 'the helpdesk did create it').to.equal(1);
      const found = await backend.createTicket(newTicket(title), { submissionId, mayExist: true });
      expect(found.id).to.be.a('string').and.not.equal('');
      expect(await desk.agent.countTitled(title)).to.equal(1);
    });

    it('says the credentials were refused', async function () {
      if (!desk.refused) this.skip();
      const call = desk.refused.capabilities.tickets
        ? desk.refused.listTickets({ scope: 'mine', start: 0, limit: 10 })
        : desk.refused.createTicket(newTicket(title));
      expect((await rejection(call)).kind).to.equal('auth');
    });

    it('says a ticket does not exist', async function () {
      needs(this, 'tickets');
      expect((await rejection(backend.getTicket('987654'))).kind).to.be.oneOf(['not-found', 'forbidden']);
    });

    const failures: ['server' | 'rate-limited' | 'html' | 'network', HelpdeskErrorKind[]][] = [
      ['server', ['server']],
      ['rate-limited', ['rate-limited']],
      ['html', ['bad-response', 'server', 'setup']],
      ['network', ['network']],
    ];
    for (const [kind, expected] of failures) {
      it(`turns a ${kind} failure into a typed error, and the next call works`, async function () {
        needs(this, 'agent.failNext');
        // Warm up first (a session, a lookup), so that the failure meets the call under test.
        const call = () => (backend.capabilities.tickets ? backend.listTickets({ scope: 'mine', start: 0, limit: 10 }) : backend.createTicket(newTicket(title)));
        await call();
        desk.agent.failNext!(kind);
        const error = await rejection(call());
        expect(error.kind).to.be.oneOf(expected);
        if (kind === 'rate-limited') expect(error.retryAfter, 'Retry-After is read').to.be.a('number');
        await call();
      });
    }
  });
}
