import { fake, ready } from './fake-helpdesk.js';
import { demoConfig } from './helpdesk-config.js';
import { DEMO_USER } from '../src/mocks/index.js';
import '../src/index.js';

await ready;

const widgets = [document.querySelector('support-ticket-form')!, document.querySelector('ticket-list')!];
const events = document.querySelector('#events')!;

function selected(name: string): string {
  return document.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)!.value;
}

function apply(): void {
  document.documentElement.lang = selected('lang');
  const theme = selected('theme');
  const token = selected('auth') === 'token';
  for (const widget of widgets) {
    if (theme) widget.setAttribute('theme', theme);
    else widget.removeAttribute('theme');
    widget.config = { ...demoConfig, backend: { ...demoConfig.backend, ...(token ? { auth: { userToken: 'demo-user-token' } } : {}) } };
  }
}

document.querySelectorAll('input[type="radio"]').forEach((input) => input.addEventListener('change', apply));
document.querySelector<HTMLSelectElement>('#fail')!.addEventListener('change', (event) => {
  const kind = (event.target as HTMLSelectElement).value;
  if (kind) fake.state.failNext(kind as Parameters<typeof fake.state.failNext>[0]);
});

// ---- the technician's side: changes on the helpdesk the person then sees in the list ----

/** The demo person's open ticket updated last. */
function latestOpenTicket() {
  return fake.state.tickets
    .filter((ticket) => ticket.requester === DEMO_USER.id && ticket.status < 5)
    .sort((a, b) => b.date_mod.localeCompare(a.date_mod))[0];
}

function asTechnician(id: string, act: (ticketId: number) => void): void {
  document.querySelector(`#${id}`)!.addEventListener('click', () => {
    const ticket = latestOpenTicket();
    const said = document.querySelector('#tech-said')!;
    if (!ticket) {
      said.textContent = 'No open ticket: create one first.';
      return;
    }
    act(ticket.id);
    said.textContent = `Done on ticket ${ticket.id}: refresh the list or open the ticket.`;
  });
}

asTechnician('tech-question', (id) =>
  fake.state.addFollowup(id, { content: '<p>Bonjour, pouvez-vous préciser le <strong>message d’erreur</strong> exact ?</p>', pending: true }),
);
asTechnician('tech-reply', (id) => fake.state.addFollowup(id, { content: '<p>Je prends la main sur votre poste à 14 h.</p>' }));
asTechnician('tech-solution', (id) =>
  fake.state.proposeSolution(id, '<p>Le pilote a été réinstallé ; <a href="https://example.org/faq">voir la FAQ</a>.</p>'),
);

// ---- what a host page hears ----

function log(text: string): void {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  events.prepend(item);
}

for (const name of ['support-ticket-created', 'support-ticket-updated', 'support-error'] as const) {
  document.addEventListener(name, (e) => log(`${name} ${JSON.stringify(e.detail)}`));
}

apply();
