// A SaaS admin panel: the package imported from npm, configured and wired from code.
import { ready } from './fake-helpdesk.js';
import { demoConfig } from './helpdesk-config.js';
import '../src/index.js';

await ready;

const form = document.querySelector('support-ticket-form')!;
// The app already knows who is signed in: it hands the widget a token, the person never sees a login.
form.credentials = { userToken: 'demo-user-token' };
form.config = { ...demoConfig, questions: [] };
form.addEventListener('support-ticket-created', (event) => {
  document.querySelector('#toast')!.textContent = `Ticket ${event.detail.id} created — we will email you.`;
});
