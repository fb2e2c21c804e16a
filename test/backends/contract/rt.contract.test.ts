import { createBackend } from '../../../src/backends/index.js';
import {
  createRtFake,
  RT_REQUESTER,
  RT_SITE_FIELD,
  RT_SUBMISSION_FIELD,
  RT_SUPPORT_QUEUE,
  type RtFailureKind,
  type RtFailureOptions,
  type RtFakeState,
} from '../../../src/mocks/index.js';
import { useHandlers } from '../../support/msw.js';
import { describeContract, type ContractAgent } from './contract.js';

const API = 'https://contract.example.fr/rt/REST/2.0';

function agentOf(state: RtFakeState): ContractAgent {
  const FAILURES: Record<Parameters<NonNullable<ContractAgent['failNext']>>[0], [RtFailureKind, RtFailureOptions?]> = {
    network: ['network'],
    'lost-answer': ['lost-answer', { endpoint: 'ticket', method: 'POST' }],
    server: ['500'],
    'rate-limited': ['429', { retryAfter: '30' }],
    html: ['html'],
  };
  return {
    async read(id) {
      const { text, files } = state.textOf(Number(id));
      const ticket = state.ticket(Number(id))!;
      return { title: ticket.subject, text, attachments: files, cc: ticket.cc.map((user) => state.user(String(user))!.email) };
    },
    async countTitled(title) {
      return state.tickets.filter((ticket) => ticket.subject === title).length;
    },
    async reply(id, answer) {
      state.reply(Number(id), `<p>${answer}</p>`);
    },
    async solve(id, answer) {
      state.resolve(Number(id), `<p>${answer}</p>`);
    },
    failNext(kind) {
      const [failure, options] = FAILURES[kind];
      state.failNext(failure, options);
    },
    async publishArticle(title, html) {
      state.publishArticle(title, html);
    },
    async seed(n, prefix) {
      state.generateTickets(n, prefix);
    },
  };
}

describeContract({
  name: 'Request Tracker (fake)',
  async start() {
    const fake = createRtFake({ baseUrl: API });
    await useHandlers(...fake.handlers);
    const config = {
      type: 'rt',
      url: API,
      queue: RT_SUPPORT_QUEUE.name,
      submissionField: RT_SUBMISSION_FIELD.name,
      customFields: { site: RT_SITE_FIELD.name },
      timeout: 5000,
    } as const;
    const refused = createBackend({ ...config, contentType: 'text/html', statuses: {} });
    refused.setCredentials({ login: RT_REQUESTER.name, password: 'not-the-password' });
    return {
      backend: createBackend({ ...config, contentType: 'text/html', statuses: {}, auth: { userToken: RT_REQUESTER.token! } }),
      refused,
      agent: agentOf(fake.state),
    };
  },
});
