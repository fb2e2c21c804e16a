import { fake, ready } from './fake-helpdesk.js';
import { demoConfig } from './helpdesk-config.js';
import '../src/index.js';

await ready;

const form = document.querySelector('support-ticket-form')!;
const events = document.querySelector('#events')!;

function selected(name: string): string {
  return document.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)!.value;
}

function apply(): void {
  document.documentElement.lang = selected('lang');
  const theme = selected('theme');
  if (theme) form.setAttribute('theme', theme);
  else form.removeAttribute('theme');
  const token = selected('auth') === 'token';
  form.config = { ...demoConfig, backend: { ...demoConfig.backend, ...(token ? { auth: { userToken: 'demo-user-token' } } : {}) } };
}

document.querySelectorAll('input[type="radio"]').forEach((input) => input.addEventListener('change', apply));
document.querySelector<HTMLSelectElement>('#fail')!.addEventListener('change', (event) => {
  const kind = (event.target as HTMLSelectElement).value;
  if (kind) fake.state.failNext(kind as Parameters<typeof fake.state.failNext>[0]);
});

function log(text: string): void {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  events.prepend(item);
}

form.addEventListener('support-ticket-created', (e) => log(`support-ticket-created ${JSON.stringify(e.detail)}`));
form.addEventListener('support-error', (e) => log(`support-error ${JSON.stringify(e.detail)}`));

apply();
