// A SaaS admin panel: the package imported from npm, configured and wired from code.
import { ready } from './fake-helpdesk.js';
import { demoConfig } from './helpdesk-config.js';
import '../src/index.js';

await ready;

const form = document.querySelector('support-ticket-form')!;
const list = document.querySelector('ticket-list')!;
const launcher = document.querySelector('support-launcher')!;
// The app already knows who is signed in: it hands the widgets a token, the person never sees a login.
for (const widget of [form, list, launcher]) {
  widget.credentials = { userToken: 'demo-user-token' };
  widget.config = { ...demoConfig, questions: [] };
}
form.addEventListener('support-ticket-created', (event) => {
  document.querySelector('#toast')!.textContent = `Ticket ${event.detail.id} created — we will email you.`;
});
