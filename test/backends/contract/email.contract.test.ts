import { createBackend } from '../../../src/backends/index.js';
import { createEmailFake, type EmailFailureKind } from '../../../src/mocks/index.js';
import { useHandlers } from '../../support/msw.js';
import { describeContract, type ContractAgent } from './contract.js';

const FAILURES: Record<Parameters<NonNullable<ContractAgent['failNext']>>[0], EmailFailureKind> = {
  network: 'network',
  'lost-answer': 'lost-answer',
  server: '500',
  'rate-limited': '429',
  html: 'html',
};

// With a form-post endpoint: the message is sent by the widget, the agent reads the support mailbox.
// Without one (mailto:), the person's mail client sends it: nothing the suite could check (see email.test.ts).
describeContract({
  name: 'Email (form-post endpoint, fake)',
  async start() {
    const fake = createEmailFake({ endpoint: 'https://www.example.fr/support-mail', to: 'assistance@example.fr', articlesUrl: 'https://www.example.fr/aide/articles.json' });
    await useHandlers(...fake.handlers);
    const { state } = fake;
    return {
      backend: createBackend({ type: 'email', to: 'assistance@example.fr', endpoint: fake.endpoint, articles: 'https://www.example.fr/aide/articles.json', timeout: 5000 }),
      agent: {
        async read(id) {
          const message = state.message(id)!;
          return { title: message.subject, text: message.body, attachments: message.attachments.map((file) => file.name) };
        },
        async countTitled(title) {
          return state.countSubject(title);
        },
        failNext(kind) {
          state.failNext(FAILURES[kind]);
        },
        async publishArticle(title, html) {
          state.publishArticle(title, html, 'https://www.example.fr/aide/vpn');
        },
        async seed() {
          throw new Error('an email helpdesk lists nothing');
        },
      },
    };
  },
});
