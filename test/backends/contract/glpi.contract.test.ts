import { createBackend } from '../../../src/backends/index.js';
import { decodeEntities } from '../../../src/backends/glpi/html.js';
import { createGlpiFake, DEMO_USER, NEW, type FailureKind, type GlpiFakeState } from '../../../src/mocks/index.js';
import { useHandlers } from '../../support/msw.js';
import { describeContract, type ContractAgent } from './contract.js';

const API = 'https://contract.example.fr/glpi/apirest.php';

const text = (html: string) => decodeEntities(decodeEntities(html).replace(/<[^>]*>/g, ' '));

function agentOf(state: GlpiFakeState): ContractAgent {
  const FAILURES: Record<Parameters<NonNullable<ContractAgent['failNext']>>[0], [FailureKind, object?]> = {
    network: ['network'],
    'lost-answer': ['lost-answer', { endpoint: 'Ticket' }],
    server: ['500'],
    'rate-limited': ['429', { retryAfter: '30' }],
    html: ['html'],
  };
  return {
    async read(id) {
      const ticket = state.ticket(Number(id))!;
      const followups = state.followups.filter((one) => one.items_id === ticket.id && !one.is_private);
      const solutions = state.solutions.filter((one) => one.items_id === ticket.id);
      return {
        title: decodeEntities(ticket.name),
        text: [ticket.content, ...followups.map((one) => one.content), ...solutions.map((one) => one.content)].map(text).join('\n'),
        attachments: state.documents.filter((one) => one.tickets_id === ticket.id).map((one) => one.filename),
        // Observers (Ticket_User type 3): by address, or the user's own.
        cc: ticket.observers.map((one) => one.alternative_email || state.user(one.users_id)!.email),
      };
    },
    async publishArticle(title, html) {
      // In the FAQ, for everyone, as a technician publishes it (routes/knowbase.ts).
      state.publishArticle(title, html);
    },
    async countTitled(title) {
      return state.tickets.filter((ticket) => decodeEntities(ticket.name) === title).length;
    },
    async reply(id, answer) {
      state.addFollowup(Number(id), { content: `<p>${answer}</p>` });
    },
    async solve(id, solution) {
      state.proposeSolution(Number(id), `<p>${solution}</p>`);
    },
    failNext(kind) {
      const [failure, options] = FAILURES[kind];
      state.failNext(failure, options);
    },
    async seed(n, prefix) {
      state.generateTickets(n, { name: prefix, status: NEW });
    },
  };
}

// The same suite on both GLPI versions the fake knows: 10 (entity-encoded text, no externalid,
// no search option 87) and 11 (raw text, externalid and option 87, status 10).
for (const version of [10, 11] as const) {
  describeContract({
    name: `GLPI ${version} (fake)`,
    async start() {
      sessionStorage.clear();
      const fake = createGlpiFake({ baseUrl: API, version });
      await useHandlers(...fake.handlers);
      return {
        backend: createBackend({ type: 'glpi', url: API, timeout: 5000, auth: { userToken: DEMO_USER.userToken } }),
        refused: createBackend({ type: 'glpi', url: API, timeout: 5000, auth: { userToken: 'not-a-token' } }),
        agent: agentOf(fake.state),
      };
    },
  });
}
