import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { GlpiBackendConfig } from '../../src/config/index.js';
import type { NewTicket } from '../../src/core/ticket.js';
import { createBackend } from '../../src/backends/index.js';
import { GlpiBackend, type GlpiBackendOptions } from '../../src/backends/glpi/glpi-backend.js';
import type { Credentials } from '../../src/backends/types.js';
import { memoryTokenStore } from '../../src/store/session-token.js';
import { createGlpiFake, type GlpiFake, type GlpiFakeOptions } from '../../src/mocks/index.js';
import { useHandlers } from '../support/msw.js';
import { rejection } from '../support/errors.js';

const API = 'https://support.example.fr/glpi/apirest.php';
const USER_TOKEN = { userToken: 'demo-user-token' };
const PASSWORD: Credentials = { login: 'demo', password: 'demo' };

let fake: GlpiFake;

async function start(options: GlpiFakeOptions = {}): Promise<void> {
  fake = createGlpiFake({ baseUrl: API, ...options });
  await useHandlers(...fake.handlers);
}

function glpi(config: Partial<GlpiBackendConfig> = {}, options?: GlpiBackendOptions): GlpiBackend {
  return new GlpiBackend({ type: 'glpi', url: API, timeout: 5000, ...config }, options);
}

const withToken = (config: Partial<GlpiBackendConfig> = {}) => glpi({ auth: USER_TOKEN, ...config });

function newTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  return {
    type: 'incident',
    urgency: 'high',
    title: 'Imprimante du 2e étage hors ligne',
    description: 'Elle ne répond plus depuis ce matin.',
    answers: [],
    attachments: [],
    ...overrides,
  };
}

const calls = (endpoint: string) => fake.state.requests.filter((request) => request.endpoint === endpoint);

describe('GlpiBackend', () => {
  beforeEach(async () => {
    sessionStorage.clear();
    await start();
  });

  it('is created by createBackend and says what it can do', () => {
    const backend = createBackend({ type: 'glpi', url: API, timeout: 5000 });
    expect(backend.type).to.equal('glpi');
    expect(backend.capabilities).to.deep.equal({
      categories: true,
      equipment: true,
      attachments: true,
      passwordSignIn: true,
      tickets: true,
      organisationTickets: true,
      reply: true,
      approval: true,
      closeReopen: true,
      cc: true,
      articles: true,
    });
  });

  describe('sessions', () => {
    it('opens a session with the configured user token and sends it, with the App-Token, on every call', async () => {
      await start({ appToken: 'app-123' });
      const backend = withToken({ appToken: 'app-123' });
      await backend.listCategories('incident');
      await backend.listEquipment();

      const [init, ...rest] = fake.state.requests;
      expect(init.endpoint).to.equal('initSession');
      expect(init.url).to.equal(`${API}/initSession?get_full_session=true`);
      expect(init.headers.authorization).to.equal('user_token demo-user-token');
      expect(init.headers['app-token']).to.equal('app-123');
      expect(rest).to.have.length(6);
      const token = [...fake.state.sessions.keys()][0];
      for (const request of rest) {
        expect(request.headers['session-token'], request.endpoint).to.equal(token);
        expect(request.headers['app-token'], request.endpoint).to.equal('app-123');
        expect(request.headers.authorization, request.endpoint).to.equal(undefined);
      }
    });

    it('signs in with login and password as Basic auth, then drops the password', async () => {
      const backend = glpi();
      expect(backend.hasCredentials()).to.equal(false);
      await backend.signIn(PASSWORD);
      expect(calls('initSession')[0].headers.authorization).to.equal(`Basic ${btoa('demo:demo')}`);
      expect(backend.hasCredentials()).to.equal(true);
      expect((await backend.listCategories('request')).length).to.be.greaterThan(0);
    });

    it('encodes non-ASCII passwords as UTF-8', async () => {
      fake.state.users.push({ ...fake.state.users[0], id: 8, name: 'zoé', password: 'mot-de-passe-été', userToken: 'z' });
      await glpi().signIn({ login: 'zoé', password: 'mot-de-passe-été' });
      expect(fake.state.sessions.size).to.equal(1);
    });

    it('uses credentials set later, and asks a provider only when a session is needed', async () => {
      const backend = glpi();
      let asked = 0;
      backend.setCredentials(() => {
        asked++;
        return USER_TOKEN;
      });
      expect(backend.hasCredentials()).to.equal(true);
      expect(asked).to.equal(0);
      await backend.listCategories('incident');
      await backend.listCategories('request');
      expect(asked).to.equal(1);
    });

    it('reports a bad password and a bad user token as auth errors with GLPI’s code', async () => {
      const backend = glpi();
      const badPassword = await rejection(backend.signIn({ login: 'demo', password: 'wrong' }));
      expect([badPassword.kind, badPassword.code, badPassword.status]).to.deep.equal(['auth', 'ERROR_GLPI_LOGIN', 401]);
      expect(backend.hasCredentials()).to.equal(false);

      const badToken = await rejection(glpi({ auth: { userToken: 'revoked' } }).listCategories('incident'));
      expect([badToken.kind, badToken.code]).to.deep.equal(['auth', 'ERROR_GLPI_LOGIN_USER_TOKEN']);
    });

    it('asks for sign-in without calling GLPI when there are no credentials', async () => {
      const backend = glpi();
      const error = await rejection(backend.listCategories('incident'));
      expect(error.kind).to.equal('auth');
      expect(fake.state.requests).to.have.length(0);
    });

    it('re-opens an expired session once and carries on', async () => {
      const backend = withToken();
      await backend.listCategories('incident');
      const firstToken = [...fake.state.sessions.keys()][0];
      fake.state.failNext('expire-session');

      await backend.listEquipment();
      expect(calls('initSession')).to.have.length(2);
      expect(calls('User/7/Computer').map((request) => request.headers['session-token'])).to.have.length(2);
      expect(Object.values(sessionStorage)).not.to.include(firstToken);
    });

    it('gives up with auth when the re-opened session is refused too', async () => {
      const backend = withToken();
      fake.state.failNext('expire-session', { times: 2 });
      const error = await rejection(backend.listCategories('incident'));
      expect([error.kind, error.code, error.status]).to.deep.equal(['auth', 'ERROR_SESSION_TOKEN_INVALID', 401]);
      expect(calls('initSession')).to.have.length(2);
      expect(calls('ITILCategory')).to.have.length(2);
    });

    it('asks the person to sign in again when a password session expires', async () => {
      const backend = glpi();
      await backend.signIn(PASSWORD);
      fake.state.failNext('expire-session');
      const error = await rejection(backend.listCategories('incident'));
      expect([error.kind, error.code]).to.deep.equal(['auth', 'ERROR_SESSION_TOKEN_INVALID']);
      expect(calls('initSession')).to.have.length(1);
      expect(backend.hasCredentials()).to.equal(false);
    });

    it('uses a password set with setCredentials for one session only', async () => {
      const backend = glpi();
      backend.setCredentials(PASSWORD);
      expect(backend.hasCredentials()).to.equal(true);
      await backend.listCategories('incident');
      fake.state.failNext('expire-session');
      expect((await rejection(backend.listEquipment())).kind).to.equal('auth');
      expect(calls('initSession')).to.have.length(1);
      expect(backend.hasCredentials()).to.equal(false);
    });

    it('keeps a password that could not be tried because of the network', async () => {
      const backend = glpi();
      backend.setCredentials(PASSWORD);
      fake.state.failNext('network', { endpoint: 'initSession' });
      expect((await rejection(backend.listCategories('incident'))).kind).to.equal('network');
      expect(await backend.listCategories('incident')).to.have.length(6);
    });

    it('opens one session for calls made together', async () => {
      const backend = withToken();
      await Promise.all([backend.listCategories('incident'), backend.listEquipment()]);
      expect(calls('initSession')).to.have.length(1);
    });

    it('keeps the session across a reload and learns whose it is from getFullSession', async () => {
      await glpi().signIn(PASSWORD);
      const reloaded = glpi();
      reloaded.setCredentials(undefined);
      expect(reloaded.hasCredentials()).to.equal(true);
      const items = await reloaded.listEquipment();
      expect(items.map((item) => item.id)).to.deep.equal(['12', '5', '3']);
      expect(calls('initSession')).to.have.length(1);
      expect(calls('getFullSession')).to.have.length(1);
    });

    it('drops the session when other credentials are set, and ends it on the server', async () => {
      const backend = withToken();
      await backend.listCategories('incident');
      const [first] = fake.state.sessions.keys();
      backend.setCredentials(USER_TOKEN);
      // The session under its person's key, and that key as the tab's last session.
      expect(sessionStorage.length).to.equal(2);
      backend.setCredentials({ userToken: 'tech-user-token' });
      expect(sessionStorage.length).to.equal(0);
      await backend.listEquipment();
      expect(calls('User/2/Computer')).to.have.length(1);
      expect(calls('killSession')).to.have.length(1);
      expect(fake.state.sessions.has(first)).to.equal(false);
    });

    it('signs out: kills the session and forgets every credential', async () => {
      const backend = withToken();
      await backend.listCategories('incident');
      await backend.signOut();
      expect(calls('killSession')).to.have.length(1);
      expect(fake.state.sessions.size).to.equal(0);
      expect(sessionStorage.length).to.equal(0);
      expect(backend.hasCredentials()).to.equal(false);
    });

    it('signs out even when killSession fails', async () => {
      const backend = withToken();
      await backend.listCategories('incident');
      fake.state.failNext('network', { endpoint: 'killSession' });
      await backend.signOut();
      expect(backend.hasCredentials()).to.equal(false);
      expect(sessionStorage.length).to.equal(0);
    });

    it('stores the session token in sessionStorage and nothing else anywhere', async () => {
      localStorage.clear();
      const otherApi = 'https://helpdesk.example.fr/apirest.php';
      const other = createGlpiFake({ baseUrl: otherApi });
      await useHandlers(...fake.handlers, ...other.handlers);
      const lea = { ...fake.state.users[0], id: 9, name: 'lea.petit', password: 'Tr0ub4dor&3', userToken: 'lea-token-5f2c' };
      fake.state.users.push(lea);
      other.state.users.push(lea);

      const byPassword = glpi();
      await byPassword.signIn({ login: 'lea.petit', password: 'Tr0ub4dor&3' });
      await byPassword.createTicket(newTicket({ attachments: [new File(['x'], 'a.txt')] }));
      await glpi({ url: otherApi, auth: { userToken: 'lea-token-5f2c' } }).listEquipment();

      const stored = Object.entries(sessionStorage);
      // Per API URL: the session under the person's key (a hash), and that key as the tab's last session.
      const person = (url: string) => sessionStorage.getItem(`support-widgets:session:glpi:${url}`);
      expect(stored.map(([key]) => key).sort()).to.deep.equal(
        [
          `support-widgets:session:glpi:${otherApi}`,
          `support-widgets:session:glpi:${otherApi}#${person(otherApi)}`,
          `support-widgets:session:glpi:${API}`,
          `support-widgets:session:glpi:${API}#${person(API)}`,
        ].sort(),
      );
      expect(person(API)).to.match(/^[0-9a-z]{6,12}$/);
      expect(person(API)).not.to.equal(person(otherApi));
      expect(stored.map(([, value]) => value).sort()).to.deep.equal(
        [...fake.state.sessions.keys(), ...other.state.sessions.keys(), person(API), person(otherApi)].sort(),
      );
      expect(localStorage.length).to.equal(0);
      const urls = [...fake.state.requests, ...other.state.requests].map((request) => request.url);
      expect(urls.length).to.be.greaterThan(8);
      const everything = JSON.stringify(stored) + urls.join(' ');
      for (const secret of ['lea.petit', 'Tr0ub4dor', 'lea-token-5f2c', 'user_token', 'password', 'login']) {
        expect(everything).not.to.contain(secret);
      }
    });

    it('accepts another token store', async () => {
      const tokens = memoryTokenStore();
      await glpi({}, { tokenStore: tokens }).signIn(PASSWORD);
      expect(sessionStorage.length).to.equal(0);
      expect(tokens.get(`glpi:${API}#${tokens.get(`glpi:${API}`)}`)).to.match(/^[0-9a-f]{26}$/);
    });
  });

  // Issue 10 point 6a: a single-page admin panel switches people without a reload.
  describe('a session per person', () => {
    const mine = async (backend: GlpiBackend) => (await backend.listTickets({ scope: 'mine', start: 0, limit: 20 })).tickets.map((one) => one.title);

    it('a new adapter with another user token on the same GLPI never goes on in the previous person’s session', async () => {
      fake.state.addTicket({ name: 'Camille’s', requester: 7 });
      fake.state.addTicket({ name: 'Julien’s', requester: 8 });
      expect(await mine(withToken())).to.deep.equal(['Camille’s']);
      const julien = withToken({ auth: { userToken: 'colleague-user-token' } });
      await julien.createTicket(newTicket({ title: 'Nouveau de Julien' }));
      expect(fake.state.tickets.at(-1)!.requester).to.equal(8);
      expect((await mine(julien)).sort()).to.deep.equal(['Julien’s', 'Nouveau de Julien']);
      expect(calls('initSession')).to.have.length(2);
      // Both people's sessions are kept apart, each under its own key.
      expect(Object.keys(sessionStorage).filter((key) => key.includes('#'))).to.have.length(2);
    });

    it('credentials set on the same adapter end the old session (killSession) and the next ticket is the new person’s', async () => {
      const backend = withToken();
      await backend.createTicket(newTicket({ title: 'De Camille' }));
      const [camilleSession] = fake.state.sessions.keys();
      backend.setCredentials({ userToken: 'colleague-user-token' });
      await backend.createTicket(newTicket({ title: 'De Julien' }));
      expect(fake.state.tickets.map((ticket) => [ticket.name, ticket.requester, ticket.users_id_recipient])).to.deep.equal([
        ['De Camille', 7, 7],
        ['De Julien', 8, 8],
      ]);
      expect(fake.state.sessions.has(camilleSession)).to.equal(false);
      expect(calls('killSession').map((request) => request.headers['session-token'])).to.deep.equal([camilleSession]);
      expect(await mine(backend)).to.deep.equal(['De Julien']);
    });

    it('a password sign-in as someone else ends the previous password session; a reload finds the last one', async () => {
      const backend = glpi();
      await backend.signIn(PASSWORD);
      await backend.signIn({ login: 'j.dupont', password: 'colleague-password' });
      expect(calls('killSession')).to.have.length(1);
      await backend.createTicket(newTicket({ title: 'Par mot de passe' }));
      expect(fake.state.tickets[0].requester).to.equal(8);
      const reloaded = glpi();
      expect(reloaded.hasCredentials()).to.equal(true);
      expect(await mine(reloaded)).to.deep.equal(['Par mot de passe']);
      expect(calls('initSession')).to.have.length(2);
    });

    it('never writes a token or a login into a storage key', async () => {
      await withToken().listCategories('incident');
      await glpi().signIn({ login: 'j.dupont', password: 'colleague-password' });
      const keys = Object.keys(sessionStorage).join(' ');
      for (const secret of ['demo-user-token', 'j.dupont', 'colleague']) expect(keys).not.to.contain(secret);
    });
  });

  describe('errors', () => {
    it('maps a wrong App-Token to setup, with GLPI’s message without its documentation link', async () => {
      await start({ appToken: 'app-123' });
      const error = await rejection(withToken({ appToken: 'app-999' }).listCategories('incident'));
      expect([error.kind, error.code, error.status]).to.deep.equal(['setup', 'ERROR_WRONG_APP_TOKEN_PARAMETER', 400]);
      expect(error.detail).to.equal('The app_token parameter seems wrong');
    });

    it('maps a missing App-Token to setup', async () => {
      await start({ appToken: 'app-123' });
      const error = await rejection(withToken().listCategories('incident'));
      expect([error.kind, error.code]).to.deep.equal(['setup', 'ERROR_APP_TOKEN_PARAMETERS_MISSING']);
    });

    it('maps disabled password login to setup', async () => {
      await start({ credentialsLogin: false });
      const error = await rejection(glpi().signIn(PASSWORD));
      expect([error.kind, error.code]).to.deep.equal(['setup', 'ERROR_LOGIN_WITH_CREDENTIALS_DISABLED']);
    });

    it('reports an HTML page as a bad response pointing at the URL', async () => {
      fake.state.failNext('html');
      const error = await rejection(withToken().listCategories('incident'));
      expect(error.kind).to.equal('bad-response');
      expect(error.detail).to.contain(`${API}/initSession probably does not reach apirest.php`);
    });

    it('reads through a PHP notice', async () => {
      fake.state.failNext('php-notice', { endpoint: 'ITILCategory' });
      expect(await withToken().listCategories('incident')).to.have.length(6);
    });

    it('reports truncated JSON as a bad response', async () => {
      fake.state.failNext('truncated', { endpoint: 'ITILCategory' });
      expect((await rejection(withToken().listCategories('incident'))).kind).to.equal('bad-response');
    });

    it('reports an answer of the wrong shape as a bad response', async () => {
      await useHandlers(http.get(`${API}/ITILCategory`, () => HttpResponse.json([{ id: 'one' }])), ...fake.handlers);
      const error = await rejection(withToken().listCategories('incident'));
      expect(error.kind).to.equal('bad-response');
      expect(error.detail).to.match(/^ITILCategory\?\S* answer: .* at \/0\/id$/);
    });

    it('reports no answer as a network error', async () => {
      fake.state.failNext('network');
      expect((await rejection(withToken().listCategories('incident'))).kind).to.equal('network');
    });

    it('gives up after the configured timeout', async () => {
      await start({ hangMs: 2000 });
      fake.state.failNext('timeout', { endpoint: 'ITILCategory' });
      const started = performance.now();
      const error = await rejection(withToken({ timeout: 1000 }).listCategories('incident'));
      expect(error.kind).to.equal('timeout');
      expect(performance.now() - started).to.be.within(900, 1900);
    });

    it('maps GLPI’s SQL error to server', async () => {
      fake.state.failNext('500', { endpoint: 'Ticket' });
      const error = await rejection(withToken().createTicket(newTicket()));
      expect([error.kind, error.code, error.status, error.transient]).to.deep.equal(['server', 'ERROR_SQL', 500, true]);
    });

    it('maps a 429 to rate-limited with Retry-After', async () => {
      fake.state.failNext('429', { retryAfter: '45' });
      const error = await rejection(withToken().listCategories('incident'));
      expect([error.kind, error.retryAfter]).to.deep.equal(['rate-limited', 45]);
    });

    it('maps a refused ticket to validation', async () => {
      const error = await rejection(withToken().createTicket(newTicket({ description: '   ' })));
      expect([error.kind, error.code]).to.deep.equal(['validation', 'ERROR_GLPI_ADD']);
      expect(error.detail).to.contain('Description');
    });

    // Issue 11 point 6: a French GLPI. Kinds come from the ERROR_* code and the status; messages are only shown.
    describe('in French: by code and status, never by words', () => {
      const DOC = `${API}/#`;
      const french = (path: string, status: number, body: (string | null)[]) =>
        useHandlers(http.all(`${API}/${path}`, () => HttpResponse.json(body, { status })), ...fake.handlers);

      it('ERROR_RIGHT_MISSING (403, API::messageRightError) is forbidden, its French documentation link cut off', async () => {
        await french('Ticket/100', 403, ['ERROR_RIGHT_MISSING', `Vous n'avez pas les droits requis pour réaliser cette action.; voir la documentation dans votre navigateur à ${DOC}ERROR_RIGHT_MISSING`]);
        const error = await rejection(withToken().getTicket('100'));
        expect([error.kind, error.code, error.status]).to.deep.equal(['forbidden', 'ERROR_RIGHT_MISSING', 403]);
        expect(error.detail).to.equal("Vous n'avez pas les droits requis pour réaliser cette action.");
      });

      it('an add refused for want of a right (ERROR_GLPI_ADD with GLPI’s own translated sentence) is forbidden; other refusals are validation', async () => {
        await french('ITILFollowup', 400, ['ERROR_GLPI_ADD', 'Vous n&#039;avez pas les droits requis pour réaliser cette action.']);
        expect((await rejection(withToken().reply('100', { text: 'Toujours en panne', attachments: [] }))).kind).to.equal('forbidden');
        await french('ITILFollowup', 400, ['ERROR_GLPI_ADD', 'Sie haben keine ausreichenden Rechte für diese Aktion.']);
        expect((await rejection(withToken().reply('100', { text: 'x', attachments: [] }))).kind).to.equal('forbidden');
        await french('ITILFollowup', 400, ['ERROR_GLPI_ADD', 'Vous ne pouvez pas ajouter un suivi sans description']);
        const refused = await rejection(withToken().reply('100', { text: 'x', attachments: [] }));
        expect([refused.kind, refused.detail]).to.deep.equal(['validation', 'Vous ne pouvez pas ajouter un suivi sans description']);
        // A message that merely mentions a permission is not GLPI's refusal sentence.
        await french('ITILFollowup', 400, ['ERROR_GLPI_ADD', 'Permission de sortie refusée : champ obligatoire']);
        expect((await rejection(withToken().reply('100', { text: 'x', attachments: [] }))).kind).to.equal('validation');
      });

      it('a French bad user token is auth, an invalid session is re-opened, a disabled login is setup', async () => {
        await french('initSession', 401, ['ERROR_GLPI_LOGIN_USER_TOKEN', 'le paramètre user_token semble incorrect']);
        expect((await rejection(withToken().listCategories('incident'))).kind).to.equal('auth');
        await french('initSession', 400, ['ERROR_LOGIN_WITH_CREDENTIALS_DISABLED', "l'utilisation de la ressource initSession avec des identifiants est désactivée"]);
        expect((await rejection(glpi().signIn(PASSWORD))).kind).to.equal('setup');
        await french('search/Ticket', 401, ['ERROR_SESSION_TOKEN_INVALID', `session_token semble incorrect; voir la documentation dans votre navigateur à ${DOC}ERROR_SESSION_TOKEN_INVALID`]);
        const before = calls('initSession').length;
        expect((await rejection(withToken().listTickets({ scope: 'mine', start: 0, limit: 5 }))).kind).to.equal('auth');
        // Opened, found invalid, re-opened once, then given up.
        expect(calls('initSession').length - before).to.equal(2);
      });
    });

    it('refuses ids GLPI would not understand before sending', async () => {
      const error = await rejection(withToken().createTicket(newTicket({ categoryId: 'printers' })));
      expect([error.kind, error.fields]).to.deep.equal(['validation', ['categoryId']]);
      expect(calls('Ticket')).to.have.length(0);
    });
  });

  describe('categories', () => {
    it('lists helpdesk-visible incident categories, decoded and sorted', async () => {
      const categories = await withToken().listCategories('incident');
      expect(categories.map((category) => [category.id, category.name])).to.deep.equal([
        ['7', 'Logiciels'],
        ['1', 'Matériel'],
        ['2', 'Matériel > Imprimante'],
        ['3', 'Matériel > Poste de travail'],
        ['4', 'Messagerie'],
        ['9', 'Réseau & Wi-Fi'],
      ]);
      expect(categories.find((category) => category.id === '2')?.types).to.deep.equal(['incident']);
    });

    it('lists request categories, decoding numeric entities too', async () => {
      const names = (await withToken().listCategories('request')).map((category) => category.name);
      expect(names).to.deep.equal([
        'Comptes utilisateurs',
        "Comptes utilisateurs > Demande d'accès",
        'Logiciels',
        'Logiciels > Installation',
        'Matériel',
        'Matériel > Poste de travail',
        'Messagerie',
      ]);
      expect(names).not.to.include('Sécurité interne');
    });

    it('asks GLPI once per set of credentials, with expanded dropdowns', async () => {
      const backend = withToken();
      await backend.listCategories('incident');
      await backend.listCategories('request');
      await backend.listCategories('incident');
      expect(calls('ITILCategory').map((request) => new URL(request.url).search)).to.deep.equal([
        '?expand_dropdowns=true&range=0-999',
      ]);
      backend.setCredentials({ userToken: 'tech-user-token' });
      await backend.listCategories('incident');
      expect(calls('ITILCategory')).to.have.length(2);
    });

    it('walks every page of a long list', async () => {
      for (let id = 100; id < 1300; id++) {
        fake.state.categories.push({
          id,
          name: `Site ${id}`,
          completename: `Sites > Site ${id}`,
          itilcategories_id: 0,
          level: 1,
          is_helpdeskvisible: 1,
          is_incident: 1,
          is_request: 0,
        });
      }
      const categories = await withToken().listCategories('incident');
      expect(categories).to.have.length(1206);
      expect(calls('ITILCategory').map((request) => new URL(request.url).searchParams.get('range'))).to.deep.equal([
        '0-999',
        '1000-1999',
      ]);
    });
  });

  // Issue 11 point 3: a Self-Service session keeps only Profile::$helpdesk_rights (src/Profile.php lines 44 and
  // 527-538 of 10.0.11): GET ITILCategory and the person's assets answer 403 whatever the admin grants.
  describe('categories and equipment for Self-Service', () => {
    const COLLEAGUE_TOKEN = { userToken: 'colleague-user-token' };

    it('asks GLPI for neither on a helpdesk-interface session, and fails neither', async () => {
      const backend = withToken({ auth: COLLEAGUE_TOKEN });
      expect(await backend.listCategories('incident')).to.deep.equal([]);
      expect(await backend.listEquipment()).to.deep.equal([]);
      expect(fake.state.requests.map((request) => request.endpoint)).to.deep.equal(['initSession']);
    });

    it('offers the categories the configuration lists, per type, with their French and English names, without asking GLPI', async () => {
      const backend = withToken({
        auth: COLLEAGUE_TOKEN,
        categories: [
          { id: 2, name: { fr: 'Imprimante', en: 'Printer' }, types: ['incident'] },
          { id: 6, name: 'Demande d’accès', types: ['request'] },
          { id: 4, name: { fr: 'Messagerie', en: 'Email' } },
        ],
      });
      expect(await backend.listCategories('incident')).to.deep.equal([
        { id: '2', name: 'Imprimante', label: { fr: 'Imprimante', en: 'Printer' }, types: ['incident'] },
        { id: '4', name: 'Messagerie', label: { fr: 'Messagerie', en: 'Email' }, types: ['incident', 'request'] },
      ]);
      expect((await backend.listCategories('request')).map((category) => category.id)).to.deep.equal(['6', '4']);
      expect(calls('ITILCategory')).to.have.length(0);
      await backend.createTicket(newTicket({ categoryId: '2' }));
      expect(fake.state.tickets[0].itilcategories_id).to.equal(2);
    });

    it('refuses configured categories GLPI could not know, naming the key', async () => {
      const { parseConfig } = await import('../../src/config/index.js');
      const refused = parseConfig({ backend: { type: 'glpi', url: API, categories: [{ id: 0, name: 'x' }, { id: 3, name: { fr: 'Poste' }, types: ['problem'] }] } });
      expect(refused.ok ? [] : refused.problems.map((problem) => problem.key)).to.deep.equal(['backend.categories[0].id', 'backend.categories[1].types[0]']);
    });

    it('takes a 403 on categories as none, never as a failure', async () => {
      await useHandlers(
        http.get(`${API}/ITILCategory`, () => HttpResponse.json(['ERROR_RIGHT_MISSING', "Vous n'avez pas les droits requis pour réaliser cette action."], { status: 403 })),
        ...fake.handlers,
      );
      expect(await withToken().listCategories('incident')).to.deep.equal([]);
    });
  });

  describe('equipment', () => {
    it('lists the person’s items of every kind, decoded', async () => {
      expect(await withToken().listEquipment()).to.deep.equal([
        { kind: 'Computer', id: '12', name: 'PC-COMPTA-03' },
        { kind: 'Monitor', id: '5', name: 'Écran Dell 24" (bureau 12)' },
        { kind: 'Printer', id: '3', name: 'Imprimante Brother & scanner accueil' },
      ]);
      expect(calls('User/7/Phone')).to.have.length(1);
      expect(calls('User/7/Peripheral')).to.have.length(1);
    });

    it('skips the kinds the profile may not read', async () => {
      await start({ deniedItemtypes: ['Computer', 'Printer'] });
      expect((await withToken().listEquipment()).map((item) => item.kind)).to.deep.equal(['Monitor']);
    });

    it('still fails on other errors', async () => {
      fake.state.failNext('500', { endpoint: 'User' });
      expect((await rejection(withToken().listEquipment())).kind).to.equal('server');
    });
  });

  describe('createTicket', () => {
    it('posts the ticket wrapped in input and answers its id and URL', async () => {
      const created = await withToken().createTicket(
        newTicket({
          type: 'request',
          urgency: 'very-high',
          categoryId: '5',
          equipment: { kind: 'Computer', id: '12', name: 'PC-COMPTA-03' },
          followUp: { byEmail: true, email: 'camille@example.fr' },
        }),
      );
      expect(created).to.deep.equal({ id: '100', url: 'https://support.example.fr/glpi/front/ticket.form.php?id=100', failedAttachments: [] });
      const [ticket] = fake.state.tickets;
      expect(ticket.input).to.include({ name: 'Imprimante du 2e étage hors ligne', type: 2, urgency: 5, itilcategories_id: 5 });
      expect(ticket.input.items_id).to.deep.equal({ Computer: [12] });
      expect(ticket.input._users_id_requester).to.deep.equal([7]);
      expect(ticket.input._users_id_requester_notif).to.deep.equal({ use_notification: [1], alternative_email: ['camille@example.fr'] });
      expect(ticket.requester).to.equal(7);
    });

    // GLPI 10.0.11 and 11 give an API-created ticket no default requester (CommonITILObject::updateActors,
    // src/CommonITILObject.php line 8416 of 10.0.11): the person is named, with index-matched notification arrays.
    for (const version of [10, 11] as const) {
      it(`names the person as requester on GLPI ${version}, with email follow-up on unless they say otherwise`, async () => {
        await start({ version });
        await withToken().createTicket(newTicket({ urgency: 'low' }));
        const [ticket] = fake.state.tickets;
        expect(ticket.input).to.have.keys(['name', 'content', 'type', 'urgency', '_users_id_requester', '_users_id_requester_notif']);
        expect(ticket.input).to.include({ type: 1, urgency: 2 });
        expect(ticket.input._users_id_requester).to.deep.equal([7]);
        expect(ticket.input._users_id_requester_notif).to.deep.equal({ use_notification: [1], alternative_email: [''] });
        expect(ticket.requester).to.equal(7);
        expect((await withToken().listTickets({ scope: 'mine', start: 0, limit: 10 })).tickets.map((one) => one.id)).to.deep.equal(['100']);
      });
    }

    it('turns off email follow-up when the person says so', async () => {
      await withToken().createTicket(newTicket({ followUp: { byEmail: false } }));
      expect(fake.state.tickets[0].input._users_id_requester_notif).to.deep.equal({ use_notification: [0], alternative_email: [''] });
    });

    it('uses the configured ticket URL', async () => {
      const created = await withToken({ ticketUrl: 'https://portal.example.fr/tickets/{id}' }).createTicket(newTicket());
      expect(created.url).to.equal('https://portal.example.fr/tickets/100');
    });

    it('escapes everything typed into the HTML content and keeps line breaks', async () => {
      await withToken().createTicket(
        newTicket({
          description: 'Depuis 9h :\n<script>alert("x")</script> & <b>rien</b>\n\nDeuxième paragraphe',
          answers: [
            { id: 'postes', label: 'Combien de postes ?', value: '3 <img src=x onerror=alert(1)>' },
            { id: 'compte', label: 'Compte', value: 'acme' },
            { id: 'vide', label: 'Vide', value: '  ' },
          ],
          callbackPhone: '+33 6 00 00 00 00',
        }),
      );
      const { content } = fake.state.tickets[0];
      expect(content).to.equal(
        '<p>Depuis 9h :<br>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;rien&lt;/b&gt;</p>' +
          '<p>Deuxième paragraphe</p>' +
          '<p><strong>Combien de postes ?</strong> 3 &lt;img src=x onerror=alert(1)&gt;</p>' +
          '<p><strong>Compte:</strong> acme</p>' +
          '<p><strong>Phone to call back:</strong> +33 6 00 00 00 00</p>',
      );
    });

    it('writes the callback label in the person’s language when the ticket gives it', async () => {
      await withToken().createTicket(newTicket({ callbackPhone: '04 00 00 00 00', labels: { callbackPhone: 'Rappeler au' } }));
      expect(fake.state.tickets[0].content).to.contain('<p><strong>Rappeler au:</strong> 04 00 00 00 00</p>');
    });

    it('uploads each attachment as a Document linked to the ticket', async () => {
      const created = await withToken().createTicket(
        newTicket({ attachments: [new File(['png'], 'capture.png', { type: 'image/png' }), new File(['log'], 'journal.txt')] }),
      );
      expect(created.failedAttachments).to.deep.equal([]);
      expect(fake.state.documents.map((doc) => [doc.name, doc.filename, doc.size])).to.deep.equal([
        ['capture.png', 'capture.png', 3],
        ['journal.txt', 'journal.txt', 3],
      ]);
      expect(fake.state.documentItems.map((link) => [link.itemtype, link.items_id])).to.deep.equal([
        ['Ticket', 100],
        ['Ticket', 100],
      ]);
    });

    it('keeps the ticket when an attachment fails, and says which and why', async () => {
      await start({ postMaxSize: 100 });
      fake.state.failNext('network', { endpoint: 'Document', times: 1 });
      const created = await withToken().createTicket(
        newTicket({
          attachments: [new File(['a'], 'lost.txt'), new File(['x'.repeat(500)], 'big.pdf'), new File(['ok'], 'fine.txt')],
        }),
      );
      expect(created.id).to.equal('100');
      expect(created.failedAttachments.map((failure) => failure.name)).to.deep.equal(['lost.txt', 'big.pdf']);
      expect(created.failedAttachments[0].reason).to.match(/^network/);
      expect(created.failedAttachments[1].reason).to.match(/^validation/);
      expect(fake.state.documents.map((doc) => doc.name)).to.deep.equal(['fine.txt']);
      expect(calls('Ticket')).to.have.length(1);
    });

    it('re-sends the ticket once after a session expiry, creating it once', async () => {
      const backend = withToken();
      await backend.listCategories('incident');
      fake.state.failNext('expire-session', { endpoint: 'Ticket' });
      const created = await backend.createTicket(newTicket());
      expect(created.id).to.equal('100');
      expect(fake.state.tickets).to.have.length(1);
    });
  });

  describe('createTicket exactly once on GLPI 11: the submission id in externalid, found by search option 87', () => {
    const SUBMISSION = '6f1c2f0e-8d1e-4c3b-9a55-0b7f2d9e4a11';
    const searches = () => fake.state.requests.filter((request) => request.endpoint === 'search/Ticket');
    beforeEach(() => start({ version: 11 }));

    it('writes the submission id into the ticket’s externalid, and looks for nothing on a first attempt', async () => {
      await withToken().createTicket(newTicket(), { submissionId: SUBMISSION });
      expect(fake.state.tickets[0].externalid).to.equal(SUBMISSION);
      expect(fake.state.tickets[0].input.externalid).to.equal(SUBMISSION);
      expect(fake.state.tickets[0].content).not.to.contain(SUBMISSION);
      expect(searches()).to.have.length(0);
      expect(calls('getGlpiConfig')).to.have.length(1);
    });

    it('after an answer lost once the ticket was created, finds it by its externalid instead of creating another', async () => {
      const backend = withToken();
      fake.state.failNext('lost-answer', { endpoint: 'Ticket' });
      expect((await rejection(backend.createTicket(newTicket(), { submissionId: SUBMISSION }))).kind).to.equal('network');
      expect(fake.state.tickets).to.have.length(1);

      const created = await backend.createTicket(newTicket(), { submissionId: SUBMISSION, mayExist: true });
      expect(created).to.deep.equal({ id: '100', url: 'https://support.example.fr/glpi/front/ticket.form.php?id=100', failedAttachments: [] });
      expect(fake.state.tickets).to.have.length(1);
      expect(calls('Ticket')).to.have.length(1);
      // Option 87 is Ticket::rawSearchOptions' externalid (11); contains anchored at both ends is an exact match.
      const query = new URL(searches()[0].url).searchParams;
      expect(query.get('criteria[0][field]')).to.equal('87');
      expect(query.get('criteria[0][searchtype]')).to.equal('contains');
      expect(query.get('criteria[0][value]')).to.equal(`^${SUBMISSION}$`);
    });

    it('finds it as a plain Self-Service person: option 87 stays searchable in the helpdesk interface', async () => {
      const colleague = { userToken: 'colleague-user-token' };
      fake.state.failNext('lost-answer', { endpoint: 'Ticket' });
      await rejection(withToken({ auth: colleague }).createTicket(newTicket(), { submissionId: SUBMISSION }));
      const created = await withToken({ auth: colleague }).createTicket(newTicket(), { submissionId: SUBMISSION, mayExist: true });
      expect(created.id).to.equal('100');
      expect(fake.state.tickets).to.have.length(1);
    });

    it('creates the ticket when the earlier attempt did not reach GLPI, and never matches another submission', async () => {
      fake.state.addTicket({ name: 'Another person’s', externalid: `${SUBMISSION}-other` });
      fake.state.addTicket({ name: 'Prefix', externalid: SUBMISSION.slice(0, 8) });
      const created = await withToken().createTicket(newTicket(), { submissionId: SUBMISSION, mayExist: true });
      expect(created.id).to.equal('102');
      expect(fake.state.tickets).to.have.length(3);
      expect(searches()).to.have.length(1);
    });

    it('attaches to the found ticket only the files it does not have yet', async () => {
      const backend = withToken();
      const files = [new File(['a'], 'first.png'), new File(['b'], 'second.png')];
      fake.state.failNext('network', { endpoint: 'Document', times: 1 });
      // An attempt that created the ticket, lost one upload, then its tab closed.
      await backend.createTicket(newTicket({ attachments: [files[1]] }), { submissionId: SUBMISSION });
      fake.state.attachDocument(100, files[0]);
      const created = await backend.createTicket(newTicket({ attachments: files }), { submissionId: SUBMISSION, mayExist: true });
      expect(created.id).to.equal('100');
      expect(fake.state.documents.map((doc) => doc.filename).sort()).to.deep.equal(['first.png', 'second.png']);
    });

    it('after a timeout, asks to wait twice the timeout: GLPI may still be adding the ticket', async () => {
      await start({ version: 11, hangMs: 1500 });
      fake.state.failNext('timeout', { endpoint: 'Ticket' });
      const error = await rejection(withToken({ timeout: 1000 }).createTicket(newTicket(), { submissionId: SUBMISSION }));
      expect(error.kind).to.equal('timeout');
      expect(error.retryAfter).to.equal(2);
      expect(error.transient).to.equal(true);
    });

    it('reports a failed search as the attempt’s failure, creating nothing', async () => {
      fake.state.failNext('503', { endpoint: 'search/Ticket' });
      const error = await rejection(withToken().createTicket(newTicket(), { submissionId: SUBMISSION, mayExist: true }));
      expect(error.kind).to.equal('server');
      expect(fake.state.tickets).to.have.length(0);
    });
  });

  describe('createTicket exactly once on GLPI 10: no externalid, the submission id in a reference line of the description', () => {
    const SUBMISSION = '6f1c2f0e-8d1e-4c3b-9a55-0b7f2d9e4a11';
    const searches = () => fake.state.requests.filter((request) => request.endpoint === 'search/Ticket');
    beforeEach(() => start({ version: 10 }));

    it('reads the version from getGlpiConfig once, and writes the reference line instead of externalid', async () => {
      const backend = withToken();
      await backend.createTicket(newTicket(), { submissionId: SUBMISSION });
      await backend.createTicket(newTicket(), { submissionId: `${SUBMISSION}-2` });
      expect(calls('getGlpiConfig')).to.have.length(1);
      const [ticket] = fake.state.tickets;
      expect(ticket.input).not.to.have.property('externalid');
      expect(ticket.content).to.contain(`<p>Ref. ${SUBMISSION}</p>`);
      expect(searches()).to.have.length(0);
    });

    it('after a lost answer finds the ticket through the description (option 21), as a plain Self-Service person too', async () => {
      for (const auth of [{ userToken: 'demo-user-token' }, { userToken: 'colleague-user-token' }]) {
        await start({ version: 10 });
        fake.state.failNext('lost-answer', { endpoint: 'Ticket' });
        expect((await rejection(withToken({ auth }).createTicket(newTicket(), { submissionId: SUBMISSION }))).kind).to.equal('network');
        const created = await withToken({ auth }).createTicket(newTicket(), { submissionId: SUBMISSION, mayExist: true });
        expect(created.id).to.equal('100');
        expect(fake.state.tickets).to.have.length(1);
        const query = new URL(searches()[0].url).searchParams;
        expect(query.get('criteria[0][field]')).to.equal('21');
        expect(query.get('criteria[0][searchtype]')).to.equal('contains');
        expect(query.get('criteria[0][value]')).to.equal(SUBMISSION);
      }
    });

    it('never asks GLPI 10 for option 87, which it refuses with 400 “Bad field ID in search criteria”', async () => {
      await withToken().createTicket(newTicket(), { submissionId: SUBMISSION, mayExist: true });
      expect(searches().map((request) => new URL(request.url).searchParams.get('criteria[0][field]'))).to.deep.equal(['21']);
      expect(fake.state.tickets).to.have.length(1);
    });

    it('finds a submission without creating anything, on 10 and 11 alike', async () => {
      for (const version of [10, 11] as const) {
        await start({ version });
        const backend = withToken();
        expect(await backend.findSubmission(SUBMISSION)).to.equal(undefined);
        await backend.createTicket(newTicket(), { submissionId: SUBMISSION });
        expect(await backend.findSubmission(SUBMISSION)).to.deep.equal({ id: '100' });
        expect(fake.state.tickets).to.have.length(1);
      }
    });

    it('takes a server that will not say its version for GLPI 10', async () => {
      await useHandlers(http.get(`${API}/getGlpiConfig`, () => HttpResponse.json(['ERROR_RIGHT_MISSING', 'Vous n’avez pas les droits requis pour réaliser cette action.'], { status: 403 })), ...fake.handlers);
      await withToken().createTicket(newTicket(), { submissionId: SUBMISSION });
      expect(fake.state.tickets[0].content).to.contain(SUBMISSION);
    });
  });
});
