import { createBackend } from '../../../src/backends/index.js';
import type { RestBackendConfig } from '../../../src/config/index.js';
import { createRestFake, REST_DEMO_PERSON, REST_SESSION_COOKIE, type RestFailureKind, type RestFailureOptions, type RestFakeState } from '../../../src/mocks/index.js';
import { useHandlers } from '../../support/msw.js';
import { describeContract, type ContractAgent } from './contract.js';

const ALL_FEATURES = { categories: true, attachments: true, approval: true, organisationTickets: true, articles: true };

const config = (url: string, fields: Partial<RestBackendConfig> = {}): RestBackendConfig => ({
  type: 'rest',
  url,
  cookies: 'same-origin',
  features: ALL_FEATURES,
  timeout: 5000,
  ...fields,
});

/** What the helpdesk holds, read from the example server's store as its technician would. */
function agentOf(state: RestFakeState): ContractAgent {
  const FAILURES: Record<Parameters<NonNullable<ContractAgent['failNext']>>[0], [RestFailureKind, RestFailureOptions?]> = {
    network: ['network'],
    'lost-answer': ['lost-answer', { path: 'tickets', method: 'POST' }],
    server: ['500'],
    'rate-limited': ['429', { retryAfter: '30' }],
    html: ['html'],
  };
  return {
    async read(id) {
      const ticket = state.ticket(id)!;
      return {
        title: ticket.title,
        text: ticket.entries.map((entry) => (entry.format === 'html' ? entry.body.replace(/<[^>]*>/g, ' ') : entry.body)).join('\n'),
        attachments: ticket.entries.flatMap((entry) => entry.documents.map((document) => document.file.name)),
      };
    },
    async countTitled(title) {
      return state.countTitled(title);
    },
    async reply(id, text) {
      state.reply(id, text);
    },
    async solve(id, text) {
      state.solve(id, text);
    },
    failNext(kind) {
      const [failure, options] = FAILURES[kind];
      state.failNext(failure, options);
    },
    async publishArticle(title, html) {
      state.publishArticle(title, html);
    },
    async seed(n, prefix) {
      state.seed(n, prefix);
    },
  };
}

describeContract({
  name: 'REST (example server, bearer token)',
  async start() {
    const fake = createRestFake({ baseUrl: 'https://app.example.com/api/support' });
    await useHandlers(...fake.handlers);
    return {
      backend: createBackend(config(fake.baseUrl, { auth: { userToken: REST_DEMO_PERSON.token } })),
      refused: createBackend(config(fake.baseUrl, { auth: { userToken: 'not-a-token' } })),
      agent: agentOf(fake.state),
    };
  },
});

describeContract({
  name: 'REST (example server, host session cookie)',
  async start() {
    const fake = createRestFake({ baseUrl: '/contract-rest/api/support' });
    await useHandlers(...fake.handlers);
    document.cookie = `${REST_SESSION_COOKIE}=${REST_DEMO_PERSON.session}; path=/`;
    return {
      backend: createBackend(config(fake.baseUrl)),
      refused: createBackend(config(fake.baseUrl, { cookies: 'same-origin', auth: { userToken: 'expired-token' } })),
      agent: agentOf(fake.state),
      async stop() {
        document.cookie = `${REST_SESSION_COOKIE}=; path=/; max-age=0`;
      },
    };
  },
});
