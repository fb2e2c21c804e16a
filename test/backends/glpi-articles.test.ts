/**
 * GLPI's FAQ and Cc through the adapter, against the fake GLPI 10 and 11 (src/mocks/glpi/routes/knowbase.ts
 * and observers.ts, where each rule is pinned to GLPI's source; 10.0.17 line numbers below).
 */
import { expect } from '@open-wc/testing';
import type { GlpiBackendConfig } from '../../src/config/index.js';
import type { NewTicket } from '../../src/core/ticket.js';
import { GlpiBackend } from '../../src/backends/glpi/glpi-backend.js';
import { memoryTokenStore } from '../../src/store/session-token.js';
import { CLOSED, COLLEAGUE, createGlpiFake, DEMO_USER, SOLVED, TECHNICIAN, type GlpiFake, type GlpiFakeOptions } from '../../src/mocks/index.js';
import { useHandlers } from '../support/msw.js';
import { rejection } from '../support/errors.js';

const API = 'https://support.example.fr/glpi/apirest.php';
const DAY = 86_400_000;

let fake: GlpiFake;

async function start(options: GlpiFakeOptions = {}): Promise<void> {
  fake = createGlpiFake({ baseUrl: API, ...options });
  await useHandlers(...fake.handlers);
}

function glpi(userToken: string = COLLEAGUE.userToken, config: Partial<GlpiBackendConfig> = {}): GlpiBackend {
  return new GlpiBackend({ type: 'glpi', url: API, timeout: 5000, auth: { userToken }, ...config }, { tokenStore: memoryTokenStore() });
}

const calls = (endpoint: string) => fake.state.requests.filter((request) => request.endpoint === endpoint);

function newTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  return { type: 'incident', urgency: 'high', title: 'Imprimante hors ligne', description: 'Plus rien depuis ce matin.', answers: [], attachments: [], ...overrides };
}

describe('GlpiBackend: the FAQ', () => {
  for (const version of [10, 11] as const) {
    describe(`on GLPI ${version}`, () => {
      let faq: number, internal: number, elsewhere: number;

      beforeEach(async () => {
        sessionStorage.clear();
        await start({ version });
        const { state } = fake;
        faq = state.publishArticle('VPN : le client <5.2> & "Wi-Fi" se déconnecte', '<p>Mettez à jour le <strong>client VPN</strong>, puis écrivez &lt;b&gt; si besoin.</p>').id;
        internal = state.publishArticle('VPN : procédure interne', '<p>Révoquer le certificat du poste.</p>', { faq: false }).id;
        // In the FAQ, but aimed at someone else: GLPI 10's search finds it, GET refuses it.
        elsewhere = state.publishArticle('VPN des comptables', '<p>Profil VPN réservé.</p>', { targets: { users: [DEMO_USER.id] } }).id;
      });

      it('finds the FAQ articles the person may read, by the option ids GLPI lists, asked once', async () => {
        const source = await glpi().articles();
        const hits = await source.search(['vpn'], { limit: 5 });
        expect(hits.map((hit) => hit.id)).to.deep.equal([String(faq)]);
        expect(hits[0]).to.deep.equal({
          id: String(faq),
          title: 'VPN : le client <5.2> & "Wi-Fi" se déconnecte',
          excerpt: 'Mettez à jour le client VPN , puis écrivez <b> si besoin.',
          url: `https://support.example.fr/glpi/front/helpdesk.faq.php?id=${faq}`,
        });
        const [search] = calls('search/KnowbaseItem');
        const query = new URL(search.url).searchParams;
        // The subject is 6 on 10.0.17 and 1 in the 11 code (KnowbaseItem::rawSearchOptions); is_faq is 8 on both.
        const subject = version === 10 ? '6' : '1';
        expect([query.get('criteria[0][field]'), query.get('criteria[0][value]')]).to.deep.equal(['8', '1']);
        expect([query.get('criteria[1][criteria][0][field]'), query.get('criteria[1][criteria][1][field]')]).to.deep.equal([subject, '7']);
        expect(query.get('criteria[1][criteria][1][link]')).to.equal('OR');
        // GLPI 10 found the article aimed at someone else too; GET KnowbaseItem/:id (canViewItem) refused it.
        if (version === 10) expect(calls(`KnowbaseItem/${elsewhere}`)).to.have.length(1);
        expect(calls(`KnowbaseItem/${internal}`), 'never asked: not in the FAQ').to.have.length(0);

        await source.search(['client', 'vpn'], { limit: 5 });
        expect(calls('listSearchOptions/KnowbaseItem')).to.have.length(1);
        expect(calls(`KnowbaseItem/${faq}`), 'a confirmation is remembered').to.have.length(1);
      });

      it('reads an article whole, its HTML decoded once, and says what it may not read', async () => {
        const source = await glpi().articles();
        const article = await source.read(String(faq));
        expect(article.title).to.equal('VPN : le client <5.2> & "Wi-Fi" se déconnecte');
        expect(article.body).to.deep.equal({ format: 'html', value: '<p>Mettez à jour le <strong>client VPN</strong>, puis écrivez &lt;b&gt; si besoin.</p>' });
        expect(article.url).to.equal(`https://support.example.fr/glpi/front/helpdesk.faq.php?id=${faq}`);
        expect((await rejection(source.read(String(elsewhere)))).kind).to.equal('forbidden');
        expect((await rejection(source.read(String(internal)))).kind).to.equal('forbidden');
        expect((await rejection(source.read('424242'))).kind).to.equal('not-found');
        expect((await rejection(source.read('../Ticket/1'))).kind).to.equal('not-found');
      });

      // GLPI's pages show an article only between begin_date and end_date (KnowbaseItem::getListRequest, lines
      // 1676-1687, 1737-1749); neither the API's search nor canViewItem checks them.
      it('keeps to the visibility dates, which GLPI’s API leaves to it', async () => {
        const past = fake.state.publishArticle('Wi-Fi : ancienne procédure', '<p>Obsolète.</p>', { end: new Date(Date.now() - DAY) });
        fake.state.publishArticle('Wi-Fi : procédure à venir', '<p>Bientôt.</p>', { begin: new Date(Date.now() + DAY) });
        const current = fake.state.publishArticle('Wi-Fi : procédure du moment', '<p>Maintenant.</p>', { begin: new Date(Date.now() - DAY), end: new Date(Date.now() + DAY) });
        const source = await glpi().articles();
        expect((await source.search(['procedure'], { limit: 5 })).map((hit) => hit.id)).to.deep.equal([String(current.id)]);
        expect((await rejection(source.read(String(past.id)))).kind).to.equal('not-found');
      });

      it('ranks, limits, and keeps only the hits whose text holds a word', async () => {
        const best = fake.state.publishArticle('Imprimante : bourrage papier', '<p>Ouvrez le capot de l’imprimante.</p>');
        const other = fake.state.publishArticle('Toner', '<p>Un bourrage après le changement de toner.</p>');
        fake.state.publishArticle('Scanner', '<p class="bourrage">Réglez la résolution.</p>');
        const source = await glpi().articles();
        expect((await source.search(['bourrage', 'imprimante'], { limit: 5 })).map((hit) => hit.id)).to.deep.equal([String(best.id), String(other.id)]);
        expect(await source.search(['bourrage', 'imprimante'], { limit: 1 })).to.have.length(1);
        // "null" would make GLPI search empty fields (Search::makeTextSearchValue, src/Search.php lines 9412-9414).
        const before = calls('search/KnowbaseItem').length;
        expect(await source.search(['null'], { limit: 3 })).to.deep.equal([]);
        expect(calls('search/KnowbaseItem')).to.have.length(before);
      });

      // KnowbaseItem::canView(): knowbase READ or READFAQ (src/KnowbaseItem.php lines 141-148); 403 otherwise.
      it('finds nothing for a profile without the FAQ right, and cannot read', async () => {
        const user = fake.state.addUser({ rights: { readFaq: false } });
        const source = await glpi(user.userToken).articles();
        expect(await source.search(['vpn'], { limit: 3 })).to.deep.equal([]);
        expect((await rejection(source.read(String(faq)))).kind).to.equal('forbidden');
      });
    });
  }

  it('loads the FAQ again for other credentials', async () => {
    await start();
    const backend = glpi();
    const first = await backend.articles();
    expect(await backend.articles()).to.equal(first);
    backend.setCredentials({ userToken: DEMO_USER.userToken });
    expect(await backend.articles()).to.not.equal(first);
  });
});

describe('GlpiBackend: people kept informed (Cc)', () => {
  beforeEach(async () => {
    sessionStorage.clear();
    await start({ version: 10 });
  });

  // CommonITILObject::updateActors pairs `_users_id_observer` and its notif arrays by key (src/CommonITILObject.php
  // lines 8504-8547) and adds them after the ticket without a right check (8713-8720); an invalid address is
  // left out (CommonITILActor::prepareInputForAdd, src/CommonITILActor.php lines 379-388), the ticket created.
  it('names them as observers by address with the new ticket; an address GLPI refuses does not fail it', async () => {
    const created = await glpi().createTicket(newTicket({ cc: ['anne@example.fr', 'ANNE@example.fr', ' bob@example.fr ', 'pas-une-adresse'] }));
    const [post] = fake.state.tickets.map((ticket) => ticket.input);
    expect(post._users_id_observer).to.deep.equal([0, 0, 0]);
    expect(post._users_id_observer_notif).to.deep.equal({ use_notification: [1, 1, 1], alternative_email: ['anne@example.fr', 'bob@example.fr', 'pas-une-adresse'] });
    const ticket = fake.state.ticket(Number(created.id))!;
    expect(ticket.observers.map((one) => one.alternative_email)).to.deep.equal(['anne@example.fr', 'bob@example.fr']);
    expect(fake.state.notifications).to.deep.equal([{ event: 'new', tickets_id: ticket.id, observers: ['anne@example.fr', 'bob@example.fr'] }]);
    expect((await glpi().getTicket(created.id)).cc).to.deep.equal(['anne@example.fr', 'bob@example.fr']);
  });

  it('sends no observer when there is none', async () => {
    await glpi().createTicket(newTicket({ cc: [] }));
    expect(fake.state.tickets[0].input).to.not.have.property('_users_id_observer');
  });

  it('reads the Cc (addresses, or a user’s name) and offers to add people on tickets not closed', async () => {
    const open = fake.state.addTicket({ name: 'Badge', requester: COLLEAGUE.id, technician: TECHNICIAN.id });
    fake.state.addObserver(open.id, "o'brien&co@example.fr");
    open.observers.push({ id: fake.state.nextObserverId(), users_id: DEMO_USER.id, alternative_email: '', use_notification: 1 });
    const detail = await glpi().getTicket(String(open.id));
    expect(detail.cc).to.deep.equal(["o'brien&co@example.fr", 'Martin Camille']);
    expect(detail.actions.addPeople).to.equal(true);
    fake.state.setStatus(open.id, SOLVED);
    expect((await glpi().getTicket(String(open.id))).actions.addPeople, 'solved: GLPI still allows it').to.equal(true);
    fake.state.setStatus(open.id, CLOSED);
    expect((await glpi().getTicket(String(open.id))).actions.addPeople).to.equal(false);
    // A central profile without ticket UPDATE fails Ticket::canUpdate() (src/Ticket.php lines 213-230).
    const central = fake.state.addUser({ rights: { central: true, updateTickets: false } });
    const theirs = fake.state.addTicket({ name: 'Clavier', requester: central.id });
    expect((await glpi(central.userToken).getTicket(String(theirs.id))).actions.addPeople).to.equal(false);
  });

  // POST Ticket_User, tickets_id in the input (src/Api/APIRest.php lines 380-397): allowed to whoever sees the ticket
  // with ticket CREATE on the helpdesk interface (src/CommonDBRelation.php lines 465-580); observer_user is raised
  // (src/CommonITILActor.php lines 424-466).
  it('adds people to an open ticket, keeping those there and sending only the new ones', async () => {
    const ticket = fake.state.addTicket({ name: 'Badge', requester: COLLEAGUE.id, technician: TECHNICIAN.id });
    fake.state.addFollowup(ticket.id, { content: '<p>Commandé.</p>' });
    fake.state.addObserver(ticket.id, 'anne@example.fr');
    const cc = await glpi().addPeople(String(ticket.id), ['Anne@example.fr', 'carl@example.fr', 'carl@example.fr ']);
    expect(cc).to.deep.equal(['anne@example.fr', 'carl@example.fr']);
    const posts = fake.state.requests.filter((request) => request.method === 'POST' && request.endpoint === 'Ticket_User');
    expect(posts).to.have.length(1);
    expect(ticket.observers.at(-1)).to.deep.include({ users_id: 0, alternative_email: 'carl@example.fr', use_notification: 1 });
    expect(fake.state.notifications).to.deep.equal([{ event: 'observer_user', tickets_id: ticket.id, observers: ['anne@example.fr', 'carl@example.fr'] }]);
    expect(await glpi().addPeople(String(ticket.id), ['carl@example.fr'])).to.deep.equal(['anne@example.fr', 'carl@example.fr']);
  });

  // A refusal is 400 ERROR_GLPI_ADD with GLPI's permission sentence (API::createItems, src/Api/API.php lines
  // 1875-1879, 1920-1930), an invalid address the same code with "Invalid email address".
  it('says GLPI’s refusals: forbidden for the profile or the ticket, validation for an address', async () => {
    const central = fake.state.addUser({ rights: { central: true, updateTickets: false } });
    const theirs = fake.state.addTicket({ name: 'Clavier', requester: central.id });
    const refused = await rejection(glpi(central.userToken).addPeople(String(theirs.id), ['anne@example.fr']));
    expect([refused.kind, refused.code]).to.deep.equal(['forbidden', 'ERROR_GLPI_ADD']);
    const other = fake.state.addTicket({ name: 'Écran', requester: DEMO_USER.id });
    expect((await rejection(glpi().addPeople(String(other.id), ['anne@example.fr']))).kind).to.equal('forbidden');
    const own = fake.state.addTicket({ name: 'Souris', requester: COLLEAGUE.id });
    const invalid = await rejection(glpi().addPeople(String(own.id), ['anne']));
    expect([invalid.kind, invalid.detail]).to.deep.equal(['validation', 'Invalid email address']);
    expect((await rejection(glpi().addPeople('abc', ['anne@example.fr']))).kind).to.equal('not-found');
  });
});
