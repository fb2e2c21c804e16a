import { createBackend } from '../../../src/backends/index.js';
import { createZammadFake, ZAMMAD_CUSTOMER, type ZammadFailureKind, type ZammadFailureOptions, type ZammadFakeState } from '../../../src/mocks/index.js';
import { useHandlers } from '../../support/msw.js';
import { describeContract, type ContractAgent } from './contract.js';

const API = 'https://contract.example.fr/zammad/api/v1';

/** Plain text of stored HTML, entities included. */
const text = (html: string) => new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';

const FAILURES: Record<Parameters<NonNullable<ContractAgent['failNext']>>[0], [ZammadFailureKind, ZammadFailureOptions?]> = {
  network: ['network'],
  'lost-answer': ['lost-answer', { method: 'POST', endpoint: 'tickets' }],
  server: ['500'],
  'rate-limited': ['429', { retryAfter: '30' }],
  html: ['html'],
};

function agentOf(state: ZammadFakeState): ContractAgent {
  return {
    async read(id) {
      const ticket = state.ticket(Number(id))!;
      const articles = state.articlesOf(ticket.id).filter((article) => !article.internal);
      return {
        title: ticket.title,
        text: articles.map((article) => text(article.body)).join('\n'),
        attachments: articles.flatMap((article) => article.attachments.map((file) => file.filename)),
      };
    },
    async countTitled(title) {
      return state.tickets.filter((ticket) => ticket.title === title).length;
    },
    async reply(id, answer) {
      state.replyAsAgent(Number(id), `<p>${answer}</p>`);
    },
    async solve(id, solution) {
      state.solve(Number(id), `<p>${solution}</p>`);
    },
    failNext(kind) {
      const [failure, options] = FAILURES[kind];
      state.failNext(failure, options);
    },
    async seed(n, prefix) {
      state.generateTickets(n, { title: prefix });
    },
    async publishArticle(title, html) {
      state.publishArticle(title, html);
    },
  };
}

describeContract({
  name: 'Zammad (fake)',
  async start() {
    const fake = createZammadFake({ baseUrl: API });
    await useHandlers(...fake.handlers);
    return {
      backend: createBackend({ type: 'zammad', url: API, group: 'Users', priority: true, timeout: 5000, auth: { userToken: ZAMMAD_CUSTOMER.tokens[0] } }),
      refused: createBackend({ type: 'zammad', url: API, group: 'Users', priority: true, timeout: 5000, auth: { userToken: 'not-a-token' } }),
      agent: agentOf(fake.state),
    };
  },
});
