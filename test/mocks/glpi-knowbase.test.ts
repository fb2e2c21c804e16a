/**
 * The fake GLPI's knowledge base and observers, each rule pinned to GLPI's source (10.0.17 line numbers;
 * "11" is glpi-project/glpi at 0042059, an 11 code line whose exact tag is unconfirmed).
 */
import { expect } from '@open-wc/testing';
import { COLLEAGUE, createGlpiFake, DEMO_USER, SOLVED, TECHNICIAN, type GlpiFake, type GlpiFakeOptions } from '../../src/mocks/index.js';
import { DEMO_ARTICLES } from '../../src/mocks/articles.js';
import { useHandlers } from '../support/msw.js';

const API = 'https://glpi.test/glpi/apirest.php';

let fake: GlpiFake;

async function start(options: GlpiFakeOptions = {}): Promise<void> {
  fake = createGlpiFake({ baseUrl: API, version: 10, ...options });
  await useHandlers(...fake.handlers);
}

interface Answer {
  status: number;
  body: unknown;
}

/** A call as the person whose user token this is (a session opened for each call). */
async function as(userToken: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const opened = await fetch(`${API}/initSession`, { headers: { Authorization: `user_token ${userToken}` } });
  const { session_token: token } = (await opened.json()) as { session_token: string };
  const response = await fetch(`${API}/${path}`, { ...init, headers: { 'Session-Token': token, 'Content-Type': 'application/json', ...init.headers } });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const post = (userToken: string, path: string, input: unknown) => as(userToken, path, { method: 'POST', body: JSON.stringify({ input }) });
const code = (answer: Answer) => [answer.status, (answer.body as unknown[])[0]];
const rows = (answer: Answer) => (answer.body as { data?: Record<string, unknown>[] }).data ?? [];

/** `search/KnowbaseItem` for a word on the subject (`subject` is its option id), FAQ only when `faq`. */
function searchPath(subject: number, word: string, faq = false): string {
  const words = `criteria[0][criteria][0][field]=${subject}&criteria[0][criteria][0][searchtype]=contains&criteria[0][criteria][0][value]=${encodeURIComponent(word)}`;
  const faqOnly = faq ? '&criteria[1][link]=AND&criteria[1][field]=8&criteria[1][searchtype]=equals&criteria[1][value]=1' : '';
  return `search/KnowbaseItem?${words}${faqOnly}&forcedisplay[0]=2&forcedisplay[1]=${subject}&forcedisplay[2]=7&range=0-49`;
}

describe('fake GLPI: knowledge base', () => {
  let faq: number, internal: number, targeted: number;

  beforeEach(async () => {
    await start();
    faq = fake.state.publishArticle('VPN : le client <5.2> se déconnecte', '<p>Mettez à jour le client &amp; redémarrez.</p>').id;
    internal = fake.state.publishArticle('VPN : procédure interne', '<p>Révoquer le certificat.</p>', { faq: false }).id;
    targeted = fake.state.publishArticle('VPN des comptables', '<p>Profil VPN Compta.</p>', { targets: { users: [DEMO_USER.id] } }).id;
  });

  // API::listSearchOptions (src/Api/API.php lines 1416-1469), answered to any session (src/Api/APIRest.php
  // lines 201-204); KnowbaseItem::rawSearchOptions (src/KnowbaseItem.php lines 2269-2368): the subject is 6 on
  // 10.0.17, where 1 does not exist; in the 11 code it is 1 (itemlink) and 6 is gone.
  it('lists the search options of each version: the subject is 6 on GLPI 10 and 1 on 11', async () => {
    const options = (await as(COLLEAGUE.userToken, 'listSearchOptions/KnowbaseItem')).body as Record<string, Record<string, unknown>>;
    expect(options.common).to.deep.equal({ name: 'Characteristics' });
    expect(options['6']).to.include({ table: 'glpi_knowbaseitems', field: 'name', datatype: 'text', uid: 'KnowbaseItem.name' });
    expect(options['1']).to.equal(undefined);
    expect(options['7']).to.include({ table: 'glpi_knowbaseitems', field: 'answer' });
    expect(options['8']).to.include({ table: 'glpi_knowbaseitems', field: 'is_faq', datatype: 'bool' });
    expect(options['70']).to.include({ table: 'glpi_users', field: 'name' });

    await start({ version: 11 });
    const eleven = (await as(COLLEAGUE.userToken, 'listSearchOptions/KnowbaseItem')).body as Record<string, Record<string, unknown>>;
    expect(eleven['1']).to.include({ table: 'glpi_knowbaseitems', field: 'name', datatype: 'itemlink' });
    expect(eleven['6']).to.equal(undefined);
    expect([eleven['10'].field, eleven['11'].field, eleven['19'].field]).to.deep.equal(['begin_date', 'end_date', 'date_mod']);
  });

  // 10.0.17: no KnowbaseItem case in Search::addDefaultWhere (src/Search.php lines 4317-4650) nor anywhere in
  // Search.php; API::searchItems only checks KnowbaseItem::canView() (API.php line 1589; KnowbaseItem.php lines
  // 141-148). GET KnowbaseItem/:id checks canViewItem (API.php lines 611-616; KnowbaseItem.php lines 151-166).
  it('GLPI 10 finds every article for a Self-Service person, which GET then refuses where they may not read it', async () => {
    const found = rows(await as(COLLEAGUE.userToken, searchPath(6, 'vpn')));
    expect(found.map((row) => row['2'])).to.have.members([faq, internal, targeted]);
    expect(found.find((row) => row['2'] === faq)).to.deep.include({
      '6': 'VPN : le client &lt;5.2&gt; se déconnecte',
      '7': '&lt;p&gt;Mettez à jour le client &amp;amp; redémarrez.&lt;/p&gt;',
    });
    expect(rows(await as(COLLEAGUE.userToken, searchPath(6, 'vpn', true))).map((row) => row['2'])).to.have.members([faq, targeted]);
    expect(code(await as(COLLEAGUE.userToken, `KnowbaseItem/${internal}`))).to.deep.equal([403, 'ERROR_RIGHT_MISSING']);
    expect(code(await as(COLLEAGUE.userToken, `KnowbaseItem/${targeted}`))).to.deep.equal([403, 'ERROR_RIGHT_MISSING']);
    const article = await as(COLLEAGUE.userToken, `KnowbaseItem/${faq}`);
    expect(article.status).to.equal(200);
    expect(article.body).to.include({ id: faq, is_faq: 1, name: 'VPN : le client &lt;5.2&gt; se déconnecte', begin_date: null, end_date: null });
    // The article's target names the demo person, who may read it.
    expect((await as(DEMO_USER.userToken, `KnowbaseItem/${targeted}`)).status).to.equal(200);
    expect(code(await as(COLLEAGUE.userToken, 'KnowbaseItem/999'))).to.deep.equal([404, 'ERROR_ITEM_NOT_FOUND']);
  });

  // 11: SQLProvider::getDefaultWhereCriteria applies KnowbaseItem::getVisibilityCriteria() (FAQ and targets for
  // the helpdesk interface), and getAdditionalSearchCriteria() keeps the FAQ only without knowbase READ.
  it('GLPI 11 finds only what the person may read, raw, and refuses option 6', async () => {
    await start({ version: 11 });
    const mine = fake.state.publishArticle('VPN : le client <5.2> se déconnecte', '<p>Mettez à jour &amp; redémarrez.</p>').id;
    fake.state.publishArticle('VPN : procédure interne', '<p>Révoquer.</p>', { faq: false });
    const theirs = fake.state.publishArticle('VPN des comptables', '<p>Compta.</p>', { targets: { users: [DEMO_USER.id] } }).id;
    const found = rows(await as(COLLEAGUE.userToken, searchPath(1, 'vpn')));
    expect(found.map((row) => [row['2'], row['1'], row['7']])).to.deep.equal([[mine, 'VPN : le client <5.2> se déconnecte', '<p>Mettez à jour &amp; redémarrez.</p>']]);
    expect(rows(await as(DEMO_USER.userToken, searchPath(1, 'vpn'))).map((row) => row['2'])).to.have.members([mine, theirs]);
    const technician = rows(await as(TECHNICIAN.userToken, searchPath(1, 'vpn')));
    expect(technician, 'knowbase READ on the central interface: the knowledge base too').to.have.length(3);
    expect(code(await as(COLLEAGUE.userToken, searchPath(6, 'vpn')))).to.deep.equal([400, 'ERROR']);
  });

  // MySQL's utf8mb4_unicode_ci, the tables' collation (install/mysql/glpi-empty.sql line 3919), ignores accents and
  // case; criteria nest and OR as Search::constructCriteriaSQL does.
  it('finds words without regard to accents or case, OR-ed over the subject and the answer', async () => {
    const path =
      'search/KnowbaseItem?criteria[0][criteria][0][field]=6&criteria[0][criteria][0][searchtype]=contains&criteria[0][criteria][0][value]=DECONNECTE' +
      '&criteria[0][criteria][1][link]=OR&criteria[0][criteria][1][field]=7&criteria[0][criteria][1][searchtype]=contains&criteria[0][criteria][1][value]=certificat' +
      '&forcedisplay[0]=2';
    expect(rows(await as(TECHNICIAN.userToken, path)).map((row) => row['2'])).to.have.members([faq, internal]);
  });

  // KnowbaseItem::canView(): knowbase READ or READFAQ (KnowbaseItem.php lines 141-148); 403 ERROR_RIGHT_MISSING
  // otherwise (API::messageRightError).
  it('refuses search and reading to a profile without the FAQ right', async () => {
    const user = fake.state.addUser({ rights: { readFaq: false } });
    expect(code(await as(user.userToken, searchPath(6, 'vpn')))).to.deep.equal([403, 'ERROR_RIGHT_MISSING']);
    expect(code(await as(user.userToken, `KnowbaseItem/${faq}`))).to.deep.equal([403, 'ERROR_RIGHT_MISSING']);
    const session = (await as(user.userToken, 'getFullSession')).body as { session: { glpiactiveprofile: { knowbase: number } } };
    expect(session.session.glpiactiveprofile.knowbase).to.equal(0);
    const colleague = (await as(COLLEAGUE.userToken, 'getFullSession')).body as typeof session;
    expect(colleague.session.glpiactiveprofile.knowbase, 'READFAQ (2048), the default Self-Service').to.equal(2048);
  });

  // Neither the API search nor canViewItem look at begin_date/end_date: only KnowbaseItem::getListRequest does
  // (KnowbaseItem.php lines 1676-1687, 1737-1749).
  it('leaves the visibility dates to the client, in search and in GET', async () => {
    const expired = fake.state.publishArticle('VPN : ancienne procédure', '<p>Obsolète.</p>', { end: new Date(2000, 0, 1) });
    expect(rows(await as(COLLEAGUE.userToken, searchPath(6, 'ancienne', true))).map((row) => row['2'])).to.deep.equal([expired.id]);
    const article = await as(COLLEAGUE.userToken, `KnowbaseItem/${expired.id}`);
    expect([article.status, (article.body as { end_date: string }).end_date]).to.deep.equal([200, '2000-01-01 00:00:00']);
  });

  it('seeds the shared demo articles in the FAQ, and an internal one, with the demo data', async () => {
    await start({ demoTickets: true });
    const titles = fake.state.articles.filter((article) => article.is_faq).map((article) => article.name);
    expect(titles).to.deep.equal(DEMO_ARTICLES.map((article) => article.title));
    expect(fake.state.articles.filter((article) => !article.is_faq)).to.have.length(1);
  });
});

describe('fake GLPI: observers', () => {
  beforeEach(() => start());

  // CommonITILObject::updateActors (src/CommonITILObject.php lines 8481-8590): a list of ids pairs with the notif
  // arrays by key; users_id 0 is kept only with an address (8651-8661); an actor GLPI refuses
  // (CommonITILActor::prepareInputForAdd, src/CommonITILActor.php lines 353-390: "Invalid email address") is left
  // out and the ticket created all the same. The ticket's `new` event reaches email-only observers with
  // use_notification (NotificationTargetCommonITILObject.php lines 218-238).
  it('keeps the observers given by address with a new ticket, leaving out an invalid one', async () => {
    const created = await post(COLLEAGUE.userToken, 'Ticket', {
      name: 'Imprimante',
      content: '<p>Bourrage</p>',
      _users_id_requester: [COLLEAGUE.id],
      _users_id_observer: [0, 0, 0],
      _users_id_observer_notif: { use_notification: [1, 1, 1], alternative_email: ['anne@example.fr', 'pas une adresse', 'bob@example.fr'] },
    });
    expect(created.status).to.equal(201);
    const id = (created.body as { id: number }).id;
    const actors = (await as(COLLEAGUE.userToken, `Ticket/${id}/Ticket_User`)).body as Record<string, unknown>[];
    expect(actors.filter((actor) => actor.type === 3).map((actor) => [actor.users_id, actor.alternative_email, actor.use_notification])).to.deep.equal([
      [0, 'anne@example.fr', 1],
      [0, 'bob@example.fr', 1],
    ]);
    expect(fake.state.notifications).to.deep.equal([{ event: 'new', tickets_id: id, observers: ['anne@example.fr', 'bob@example.fr'] }]);

    // One id takes the first value of each notif array.
    const single = await post(COLLEAGUE.userToken, 'Ticket', {
      name: 'Écran',
      content: '<p>Noir</p>',
      _users_id_observer: 0,
      _users_id_observer_notif: { use_notification: [0], alternative_email: ['chef@example.fr'] },
    });
    const [observer] = fake.state.ticket((single.body as { id: number }).id)!.observers;
    expect(observer).to.deep.include({ users_id: 0, alternative_email: 'chef@example.fr', use_notification: 0 });
  });

  // Ticket_User::canCreate = Ticket::canUpdate(), ticket CREATE on the helpdesk interface (src/Ticket.php lines
  // 213-230); canCreateItem reduces to Ticket::canViewItem for an email-only actor (src/CommonDBRelation.php lines
  // 465-580; CommonITILActor::$checkItem_2_Rights, line 42; isAttach2Valid, lines 73-92). A refusal is 400
  // ERROR_GLPI_ADD with the permission sentence (API::createItems, src/Api/API.php lines 1875-1879, 1920-1930).
  it('adds an observer by address with POST Ticket_User for a Self-Service requester who sees the ticket, even solved', async () => {
    const ticket = fake.state.addTicket({ name: 'Badge', requester: COLLEAGUE.id, technician: TECHNICIAN.id });
    fake.state.addFollowup(ticket.id, { content: '<p>Commandé.</p>' });
    fake.state.setStatus(ticket.id, SOLVED);
    const input = { tickets_id: ticket.id, users_id: 0, type: 3, use_notification: 1, alternative_email: 'anne@example.fr' };
    const added = await post(COLLEAGUE.userToken, `Ticket/${ticket.id}/Ticket_User`, input);
    expect(added.status).to.equal(201);
    expect(ticket.observers.map((one) => one.alternative_email)).to.deep.equal(['anne@example.fr']);
    // CommonITILActor::post_addItem raises observer_user unless _disablenotif (src/CommonITILActor.php lines 424-466).
    expect(fake.state.notifications).to.deep.equal([{ event: 'observer_user', tickets_id: ticket.id, observers: ['anne@example.fr'] }]);
    await post(COLLEAGUE.userToken, 'Ticket_User', { ...input, alternative_email: 'bob@example.fr', _disablenotif: true });
    expect(fake.state.notifications).to.have.length(1);

    // The table's unique key (tickets_id, type, users_id, alternative_email; install/mysql/glpi-empty.sql lines 7233-7243).
    expect(code(await post(COLLEAGUE.userToken, 'Ticket_User', { ...input, alternative_email: 'ANNE@example.fr' }))).to.deep.equal([400, 'ERROR_GLPI_ADD']);
    const invalid = await post(COLLEAGUE.userToken, 'Ticket_User', { ...input, alternative_email: 'anne' });
    expect(invalid.body).to.deep.equal(['ERROR_GLPI_ADD', 'Invalid email address']);
  });

  it('refuses it on a ticket the person does not see, and to a central profile without ticket UPDATE', async () => {
    const ticket = fake.state.addTicket({ name: 'Badge', requester: DEMO_USER.id });
    const input = { tickets_id: ticket.id, users_id: 0, type: 3, use_notification: 1, alternative_email: 'anne@example.fr' };
    expect((await post(COLLEAGUE.userToken, 'Ticket_User', input)).body).to.deep.equal(['ERROR_GLPI_ADD', "You don't have permission to perform this action."]);
    const central = fake.state.addUser({ rights: { central: true, updateTickets: false } });
    const own = fake.state.addTicket({ name: 'Clavier', requester: central.id });
    expect(code(await post(central.userToken, 'Ticket_User', { ...input, tickets_id: own.id }))).to.deep.equal([400, 'ERROR_GLPI_ADD']);
    expect(ticket.observers.length + own.observers.length).to.equal(0);
  });

  // Ticket::canViewItem: READMY covers the tickets one observes (src/Ticket.php lines 251-270).
  it('shows a ticket to a user who observes it', async () => {
    const ticket = fake.state.addTicket({ name: 'Badge', requester: DEMO_USER.id });
    expect((await as(COLLEAGUE.userToken, `Ticket/${ticket.id}`)).status).to.equal(403);
    ticket.observers.push({ id: fake.state.nextObserverId(), users_id: COLLEAGUE.id, alternative_email: '', use_notification: 1 });
    expect((await as(COLLEAGUE.userToken, `Ticket/${ticket.id}`)).status).to.equal(200);
  });
});
