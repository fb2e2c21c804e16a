import { ready } from './fake-helpdesk.js';
import { desks, type DemoDesk, type DemoFailure, type DeskName } from './desks.js';
import { demoConfig } from './helpdesk-config.js';
import { createBackend } from '../src/backends/index.js';
import { parseConfig } from '../src/config/index.js';
import '../src/index.js';

await ready;

const widgets = [document.querySelector('support-ticket-form')!, document.querySelector('ticket-list')!];
const events = document.querySelector('#events')!;

function selected(name: string): string {
  return document.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)!.value;
}

const desk = (): DemoDesk => desks[selected('desk') as DeskName];

function apply(): void {
  document.documentElement.lang = selected('lang');
  const theme = selected('theme');
  const { backend, token, hint, technician } = desk();
  const withToken = selected('auth') === 'token' && token;
  for (const widget of widgets) {
    if (theme) widget.setAttribute('theme', theme);
    else widget.removeAttribute('theme');
    widget.config = { ...demoConfig, backend: { ...backend, ...(withToken ? { auth: { userToken: token } } : {}) } };
  }
  document.querySelector('#desk-hint')!.textContent = withToken ? 'The demo person’s token is in the configuration.' : hint;
  document.querySelector<HTMLFieldSetElement>('#technician')!.disabled = !technician;
  document.querySelector<HTMLFieldSetElement>('#host-session')!.disabled = !desk().hostSession;
  document.querySelector<HTMLFieldSetElement>('#auth')!.disabled = !token;
}

document.querySelectorAll('input[type="radio"]').forEach((input) => input.addEventListener('change', apply));
document.querySelector<HTMLSelectElement>('#fail')!.addEventListener('change', (event) => {
  const select = event.target as HTMLSelectElement;
  if (select.value) desk().failNext(select.value as DemoFailure);
  select.value = '';
});

// ---- the technician's side: changes on the helpdesk the person then sees in the list ----

/** The demo person's open ticket updated last, read through the widget's own adapter. */
async function latestOpenTicket(): Promise<string | undefined> {
  const parsed = parseConfig({ backend: { ...desk().backend, ...(desk().token ? { auth: { userToken: desk().token } } : {}) } });
  if (!parsed.ok) return undefined;
  const page = await createBackend(parsed.config.backend).listTickets({ scope: 'mine', start: 0, limit: 50 });
  return page.tickets.find((ticket) => ticket.status.group === 'open' || ticket.status.group === 'waiting')?.id;
}

for (const action of ['ask', 'reply', 'solve'] as const) {
  document.querySelector(`#tech-${action}`)!.addEventListener('click', async () => {
    const said = document.querySelector('#tech-said')!;
    const id = await latestOpenTicket().catch(() => undefined);
    if (!id) {
      said.textContent = 'No open ticket: create one first.';
      return;
    }
    desk().technician?.[action](id);
    said.textContent = `Done on ticket ${id}: refresh the list or open the ticket.`;
  });
}

// ---- the host application's session: what it does on support-auth-required ----

document.querySelector('#session-end')!.addEventListener('click', () => desk().hostSession?.end());
document.querySelector('#session-restore')!.addEventListener('click', () => {
  desk().hostSession?.restore();
  // The application signed the person in again: the tickets kept for it go now.
  void document.querySelector('support-ticket-form')!.resumeSending();
});

// ---- what a host page hears ----

function log(text: string): void {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  events.prepend(item);
}

for (const name of ['support-ticket-created', 'support-ticket-queued', 'support-ticket-updated', 'support-error', 'support-auth-required'] as const) {
  document.addEventListener(name, (e) => log(`${name} ${JSON.stringify(e.detail)}`));
}

apply();
