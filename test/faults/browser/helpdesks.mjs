/**
 * The helpdesks the browser fault suite sends tickets to: each scenario gets its own
 * fake (the same msw fakes the tests and the demo use, from the built `dist/mocks.js`),
 * answering from Node so that every tab, reload and closed tab of the scenario talks to
 * one helpdesk that goes on working when a page goes away — as a real server does.
 *
 * Per helpdesk: the page's `backend` configuration, the request that creates a ticket
 * (slowed, cut or refused by the suite), and how to end the person's session there.
 */
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const { createEmailFake, createFreshdeskFake, createGlpiFake, createRestFake, createRtFake, createZammadFake, REST_DEMO_PERSON, RT_REQUESTER, RT_SUBMISSION_FIELD, RT_SUPPORT_QUEUE, ZAMMAD_CUSTOMER } =
  await import(process.env.FAULT_DIST ? pathToFileURL(`${process.env.FAULT_DIST}/mocks.js`).href : '../../../dist/mocks.js');

/**
 * @typedef {object} Helpdesk
 * @property {string} type
 * @property {object} backend the page configuration's `backend`
 * @property {import('msw').HttpHandler[]} handlers
 * @property {(method: string, path: string) => boolean} isCreate the request that creates a ticket
 * @property {(marker: string) => number} count tickets (or messages) whose text holds the marker
 * @property {(() => void) | undefined} expireSession ends the person's session on the helpdesk, if it has one
 */

/** Share of scenarios per helpdesk: GLPI first (the seeds' helpdesk), every adapter with exactly-once after. */
export const HELPDESK_WEIGHTS = { glpi: 4, rt: 1, zammad: 1, freshdesk: 1, rest: 1, email: 1 };

const holds = (records, marker) => records.filter((record) => JSON.stringify(record).includes(marker)).length;

/**
 * @param {string} type
 * @param {string} root absolute URL of the scenario's folder on the test server, e.g. `http://127.0.0.1:8123/s/12`
 * @returns {Helpdesk}
 */
export function createHelpdesk(type, root) {
  switch (type) {
    case 'glpi': {
      const fake = createGlpiFake({ baseUrl: `${root}/glpi/apirest.php` });
      return {
        type,
        backend: { type, url: fake.baseUrl, auth: { userToken: 'demo-user-token' } },
        handlers: fake.handlers,
        isCreate: (method, path) => method === 'POST' && /\/apirest\.php\/Ticket\/?$/.test(path),
        count: (marker) => holds(fake.state.tickets, marker),
        expireSession: () => fake.state.expireSessions(),
      };
    }
    case 'rt': {
      const fake = createRtFake({ baseUrl: `${root}/rt/REST/2.0` });
      return {
        type,
        backend: { type, url: fake.baseUrl, queue: RT_SUPPORT_QUEUE.name, submissionField: RT_SUBMISSION_FIELD.name, auth: { userToken: RT_REQUESTER.token } },
        handlers: fake.handlers,
        isCreate: (method, path) => method === 'POST' && /\/REST\/2\.0\/ticket\/?$/.test(path),
        count: (marker) => holds(fake.state.tickets, marker),
        expireSession: undefined,
      };
    }
    case 'zammad': {
      const fake = createZammadFake({ baseUrl: `${root}/zammad/api/v1` });
      return {
        type,
        backend: { type, url: fake.baseUrl, auth: { userToken: ZAMMAD_CUSTOMER.tokens[0] } },
        handlers: fake.handlers,
        isCreate: (method, path) => method === 'POST' && /\/api\/v1\/tickets\/?$/.test(path),
        count: (marker) => holds(fake.state.tickets, marker),
        expireSession: undefined,
      };
    }
    case 'freshdesk': {
      const fake = createFreshdeskFake({ baseUrl: `${root}/freshdesk` });
      return {
        type,
        backend: { type, url: fake.baseUrl },
        handlers: fake.handlers,
        isCreate: (method, path) => method === 'POST' && /\/freshdesk\/api\/v2\/tickets\/?$/.test(path),
        count: (marker) => holds(fake.state.tickets, marker),
        expireSession: undefined,
      };
    }
    case 'rest': {
      const fake = createRestFake({ baseUrl: `${root}/app/api/support` });
      return {
        type,
        backend: { type, url: fake.baseUrl, auth: { userToken: REST_DEMO_PERSON.token } },
        handlers: fake.handlers,
        isCreate: (method, path) => method === 'POST' && /\/api\/support\/tickets\/?$/.test(path),
        count: (marker) => holds(fake.state.tickets, marker),
        expireSession: undefined,
      };
    }
    case 'email': {
      const fake = createEmailFake({ endpoint: `${root}/mail/send`, to: 'support@example.fr' });
      return {
        type,
        backend: { type, to: 'support@example.fr', endpoint: fake.endpoint },
        handlers: fake.handlers,
        isCreate: (method, path) => method === 'POST' && /\/mail\/send\/?$/.test(path),
        count: (marker) => holds(fake.state.sent, marker),
        expireSession: undefined,
      };
    }
    default:
      throw new Error(`unknown helpdesk ${type}`);
  }
}
