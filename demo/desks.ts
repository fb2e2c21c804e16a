/**
 * Every helpdesk the demo can switch to, each a fake running in the page (msw):
 * its backend configuration, how the demo person signs in, the failures the
 * playground can inject, and what its technician can do. A real page loads none
 * of this.
 */
import type { HttpHandler } from 'msw';
import type { HelpdeskConfigInput } from '../src/config/index.js';
import {
  createEmailFake,
  createFreshdeskFake,
  createGlpiFake,
  createRestFake,
  createRtFake,
  createZammadFake,
  FRESHDESK_PENDING,
  FRESHDESK_REQUESTER,
  REST_DEMO_PERSON,
  REST_SESSION_COOKIE,
  RT_REQUESTER,
  RT_SUBMISSION_FIELD,
  RT_SUPPORT_QUEUE,
  ZAMMAD_CUSTOMER,
} from '../src/mocks/index.js';
import { DEMO_ARTICLES } from '../src/mocks/articles.js';

type BackendInput = HelpdeskConfigInput['backend'];

/** The failures every fake can play on the next call. */
export type DemoFailure = 'network' | '500' | '503' | '429' | 'html' | 'timeout';

export interface DemoDesk {
  label: string;
  /** The configuration's `backend`, without credentials. */
  backend: BackendInput;
  /** The demo person's token, for the "token in the configuration" mode. */
  token?: string;
  /** How the demo person signs in, shown above the widgets. */
  hint: string;
  handlers: HttpHandler[];
  failNext(kind: DemoFailure): void;
  /** The host application's own session, where the sign-in is the host's (REST, Freshdesk's relay). */
  hostSession?: { end(): void; restore(): void };
  /** The technician's side, on a ticket id; absent where tickets are not followed (email). */
  technician?: {
    ask(id: string): void;
    reply(id: string): void;
    solve(id: string): void;
  };
}

const QUESTION = 'Bonjour, pouvez-vous préciser le <strong>message d’erreur</strong> exact ?';
const REPLY = 'Je prends la main sur votre poste à 14 h.';
const SOLUTION = 'Le pilote a été réinstallé ; <a href="https://example.org/faq">voir la FAQ</a>.';

const glpi = createGlpiFake({ baseUrl: '/fake-glpi/apirest.php', demoTickets: true });
const rt = createRtFake({ baseUrl: '/fake-rt/REST/2.0', demoTickets: true });
const freshdesk = createFreshdeskFake({ baseUrl: '/fake-freshdesk', demoTickets: true });
const zammad = createZammadFake({ baseUrl: '/fake-zammad/api/v1', demoTickets: true });
const rest = createRestFake({ baseUrl: '/fake-app/api/support', demoTickets: true });
const SUPPORT_ADDRESS = 'support@example.fr';
const email = createEmailFake({ endpoint: '/fake-mail/send', to: SUPPORT_ADDRESS, articlesUrl: '/fake-mail/articles.json' });
// The provider's guide as a JSON file the page reads (seed 002's providers publish theirs).
for (const { title, html } of DEMO_ARTICLES) email.state.publishArticle(title, html);

export const desks = {
  glpi: {
    label: 'GLPI',
    backend: { type: 'glpi', url: glpi.baseUrl },
    token: 'demo-user-token',
    hint: 'Sign in with demo / demo.',
    handlers: glpi.handlers,
    failNext: (kind) => glpi.state.failNext(kind),
    technician: {
      ask: (id) => glpi.state.addFollowup(Number(id), { content: `<p>${QUESTION}</p>`, pending: true }),
      reply: (id) => glpi.state.addFollowup(Number(id), { content: `<p>${REPLY}</p>` }),
      solve: (id) => glpi.state.proposeSolution(Number(id), `<p>${SOLUTION}</p>`),
    },
  },
  rt: {
    label: 'Request Tracker',
    backend: { type: 'rt', url: rt.baseUrl, queue: RT_SUPPORT_QUEUE.name, submissionField: RT_SUBMISSION_FIELD.name },
    token: RT_REQUESTER.token,
    hint: `Sign in with ${RT_REQUESTER.name} / ${RT_REQUESTER.password}.`,
    handlers: rt.handlers,
    failNext: (kind) => rt.state.failNext(kind),
    technician: {
      ask: (id) => {
        rt.state.reply(Number(id), `<p>${QUESTION}</p>`);
        rt.state.setStatus(Number(id), 'stalled');
      },
      reply: (id) => rt.state.reply(Number(id), `<p>${REPLY}</p>`),
      solve: (id) => rt.state.resolve(Number(id), `<p>${SOLUTION}</p>`),
    },
  },
  freshdesk: {
    label: 'Freshdesk (through your relay)',
    backend: { type: 'freshdesk', url: freshdesk.baseUrl },
    hint: 'The relay knows who is signed in on the site: no sign-in in the widget.',
    handlers: freshdesk.handlers,
    failNext: (kind) => freshdesk.state.failNext(kind),
    hostSession: {
      end: () => (freshdesk.state.signedIn = undefined),
      restore: () => (freshdesk.state.signedIn = FRESHDESK_REQUESTER.id),
    },
    technician: {
      ask: (id) => freshdesk.state.reply(Number(id), `<p>${QUESTION}</p>`, { status: FRESHDESK_PENDING }),
      reply: (id) => freshdesk.state.reply(Number(id), `<p>${REPLY}</p>`),
      solve: (id) => freshdesk.state.resolve(Number(id), `<p>${SOLUTION}</p>`),
    },
  },
  zammad: {
    label: 'Zammad',
    backend: { type: 'zammad', url: zammad.baseUrl },
    token: ZAMMAD_CUSTOMER.tokens[0],
    hint: `Sign in with ${ZAMMAD_CUSTOMER.email} / demo.`,
    handlers: zammad.handlers,
    failNext: (kind) => zammad.state.failNext(kind),
    technician: {
      ask: (id) => {
        zammad.state.replyAsAgent(Number(id), `<p>${QUESTION}</p>`);
        zammad.state.setState(Number(id), 'pending reminder', { pendingTime: new Date(Date.now() + 3 * 86_400_000) });
      },
      reply: (id) => zammad.state.replyAsAgent(Number(id), `<p>${REPLY}</p>`),
      solve: (id) => zammad.state.solve(Number(id), `<p>${SOLUTION}</p>`),
    },
  },
  rest: {
    label: 'Your application (REST protocol)',
    backend: { type: 'rest', url: rest.baseUrl, features: { categories: true, attachments: true, approval: true, organisationTickets: true, articles: true } },
    token: REST_DEMO_PERSON.token,
    hint: 'The application’s own session: set by this page, no sign-in in the widget.',
    handlers: rest.handlers,
    failNext: (kind) => rest.state.failNext(kind),
    hostSession: {
      end: () => (document.cookie = `${REST_SESSION_COOKIE}=; path=/; max-age=0`),
      restore: () => (document.cookie = `${REST_SESSION_COOKIE}=${REST_DEMO_PERSON.session}; path=/`),
    },
    technician: {
      ask: (id) => rest.state.reply(id, QUESTION, { waiting: true, html: true }),
      reply: (id) => rest.state.reply(id, REPLY),
      solve: (id) => rest.state.solve(id, SOLUTION, { html: true }),
    },
  },
  'email-mailto': {
    label: 'Email only (your mail client)',
    backend: { type: 'email', to: SUPPORT_ADDRESS, articles: '/fake-mail/articles.json' },
    hint: 'The form writes the message and opens your mail client.',
    handlers: email.handlers,
    failNext: () => undefined,
  },
  'email-endpoint': {
    label: 'Email only (sent by the site)',
    backend: { type: 'email', to: SUPPORT_ADDRESS, endpoint: email.endpoint, articles: '/fake-mail/articles.json' },
    hint: 'The site sends the message to the support address: see the events.',
    handlers: email.handlers,
    failNext: (kind) => email.state.failNext(kind),
  },
} satisfies Record<string, DemoDesk>;

export type DeskName = keyof typeof desks;

/** The REST demo is authenticated by the application's own session cookie, as a SaaS page would be. */
document.cookie = `${REST_SESSION_COOKIE}=${REST_DEMO_PERSON.session}; path=/`;
