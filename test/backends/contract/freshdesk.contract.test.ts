import { createBackend } from '../../../src/backends/index.js';
import { parseConfig, type HelpdeskConfigInput } from '../../../src/config/index.js';
import {
  createFreshdeskFake,
  type FreshdeskFailureKind,
  type FreshdeskFailureOptions,
  type FreshdeskFakeState,
} from '../../../src/mocks/index.js';
import { useHandlers } from '../../support/msw.js';
import { describeContract, type ContractAgent } from './contract.js';

/** The relay on the page's own origin, where the host's session cookie reaches it. */
const RELAY = '/contract-freshdesk';
/** The same account behind a relay on another origin: with `cookies: 'same-origin'` the session never reaches it. */
const OTHER_ORIGIN_RELAY = 'https://relay.other-site.example/freshdesk';

const backendOf = (url: string) => {
  // Through the real schema, so defaults (types, cookies) are the ones users get.
  // A relay whose owner lets a new ticket copy people (RELAY_ALLOW_CC), and says so (`cc`).
  const input: HelpdeskConfigInput = { backend: { type: 'freshdesk', url, timeout: 5000, customFields: { site: 'cf_site' }, cc: true } };
  const parsed = parseConfig(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return createBackend(parsed.config.backend);
};

/** The helpdesk as its agent sees it, from the fake's store. */
function agentOf(state: FreshdeskFakeState): ContractAgent {
  const FAILURES: Record<Parameters<NonNullable<ContractAgent['failNext']>>[0], [FreshdeskFailureKind, FreshdeskFailureOptions?]> = {
    network: ['network'],
    'lost-answer': ['lost-answer', { method: 'POST', path: 'tickets' }],
    server: ['500'],
    'rate-limited': ['429', { retryAfter: '30' }],
    html: ['html'],
  };
  return {
    async read(id) {
      return state.read(Number(id));
    },
    async countTitled(title) {
      return state.ticketsTitled(title).length;
    },
    async reply(id, text) {
      state.reply(Number(id), `<p>${text}</p>`);
    },
    async solve(id, text) {
      state.resolve(Number(id), `<p>${text}</p>`);
    },
    failNext(kind) {
      const [failure, options] = FAILURES[kind];
      state.failNext(failure, options);
    },
    async seed(n, prefix) {
      state.generateTickets(n, prefix);
    },
    async publishArticle(title, html) {
      state.publishArticle(title, html);
    },
  };
}

describeContract({
  name: 'Freshdesk (fake behind the relay)',
  async start() {
    const fake = createFreshdeskFake({ baseUrl: RELAY, allowCc: 5 });
    const elsewhere = createFreshdeskFake({ baseUrl: OTHER_ORIGIN_RELAY, state: fake.state });
    await useHandlers(...fake.handlers, ...elsewhere.handlers);
    return {
      backend: backendOf(RELAY),
      refused: backendOf(OTHER_ORIGIN_RELAY),
      agent: agentOf(fake.state),
    };
  },
});
