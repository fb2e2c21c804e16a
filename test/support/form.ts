/**
 * Helpers to use <support-ticket-form> as a person would: real keyboard input through
 * the browser (sendKeys), clicks on what is visible, and reads of what is shown.
 */
import { html, fixture, nextFrame, oneEvent, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import type { HelpdeskConfigInput } from '../../src/config/index.js';
import type { SupportTicketForm } from '../../src/elements/support-ticket-form/support-ticket-form.js';
import '../../src/index.js';

export const GLPI_URL = '/fake-glpi/apirest.php';

export function glpiConfig(overrides: Partial<HelpdeskConfigInput> = {}, auth = true): HelpdeskConfigInput {
  return {
    backend: { type: 'glpi', url: GLPI_URL, ...(auth ? { auth: { userToken: 'demo-user-token' } } : {}) },
    contacts: [
      { kind: 'email', label: 'Support', value: 'support@example.fr', from: 'very-low' },
      { kind: 'phone', label: 'Agency', value: '+33 4 00 00 00 00', from: 'medium' },
      { kind: 'phone', label: 'Your engineer', value: '+33 6 00 00 00 00', from: 'high' },
    ],
    ...overrides,
  };
}

export async function formWith(config: HelpdeskConfigInput, lang = 'en'): Promise<SupportTicketForm> {
  const el = await fixture<SupportTicketForm>(html`<support-ticket-form lang=${lang} .config=${config}></support-ticket-form>`);
  await el.updateComplete;
  return el;
}

/** A form appended to `container` (a "page" a reload can empty and fill again). */
export async function formIn(container: HTMLElement, config: HelpdeskConfigInput, lang = 'en'): Promise<SupportTicketForm> {
  const el = document.createElement('support-ticket-form');
  el.lang = lang;
  el.config = config;
  container.append(el);
  await el.updateComplete;
  return el;
}

/** What a reload does to a form: it goes (writing its draft as it does), a new one comes with the same configuration. */
export async function reloadForm(el: SupportTicketForm, config: HelpdeskConfigInput, lang = 'en'): Promise<SupportTicketForm> {
  const container = el.parentElement!;
  el.remove();
  // The element's saver writes as it is disconnected; a new store read must see that write.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return formIn(container, config, lang);
}

export function $(el: HTMLElement, selector: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(selector);
}

export function $$(el: HTMLElement, selector: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
}

export function text(el: HTMLElement, selector: string): string {
  return ($(el, selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The element focused inside the form's shadow root. */
export function focused(el: HTMLElement): Element | null {
  return el.shadowRoot!.activeElement;
}

/**
 * Opens the folded group that holds `control` ("More details"), as a person does before
 * filling a field in it; the browser says so with `toggle`, a task later.
 */
export async function unfold(el: LitElement, control: Element): Promise<void> {
  const details = control.closest('details');
  if (!details || details.open) return;
  const toggled = oneEvent(details, 'toggle');
  details.querySelector('summary')!.click();
  await toggled;
  await el.updateComplete;
}

/** Focuses a control (opening "More details" when it is there) and types into it with the real keyboard. */
export async function type(el: LitElement, selector: string, value: string): Promise<void> {
  // The keys must reach this field: in CI, under load, a field of "More details" just opened once
  // missed its focus() (its keys went to the field before) and once never took it within a second
  // (the group closed, or the field rendered anew). Each try finds the field again and opens its group.
  const deadline = Date.now() + 5000;
  for (;;) {
    const control = $(el, selector);
    if (!control) throw new Error(`no ${selector}`);
    await unfold(el, control);
    control.focus();
    if (el.shadowRoot!.activeElement === control) break;
    if (Date.now() > deadline) throw new Error(`${selector} does not take focus`);
    await nextFrame();
  }
  await sendKeys({ type: value });
  await el.updateComplete;
}

export async function press(el: LitElement, key: string): Promise<void> {
  await sendKeys({ press: key });
  await el.updateComplete;
}

export async function choose(el: LitElement, selector: string): Promise<void> {
  $(el, selector)!.click();
  await el.updateComplete;
}

export async function select(el: LitElement, selector: string, value: string): Promise<void> {
  await waitUntil(() => !($(el, selector) as HTMLSelectElement | null)?.disabled, `${selector} stays disabled`);
  const control = $(el, selector) as HTMLSelectElement;
  control.value = value;
  control.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

export async function submit(el: LitElement): Promise<void> {
  $(el, 'button[part="submit"]')!.click();
  await el.updateComplete;
  await nextFrame();
}

/** Signs in through the widget's own sign-in block, with the keyboard. */
export async function signIn(el: LitElement, login = 'demo', password = 'demo'): Promise<void> {
  await type(el, '#login', login);
  await type(el, '#password', password);
  await press(el, 'Enter');
}

/** Fills every required field with a good ticket. */
export async function fillGoodTicket(el: SupportTicketForm): Promise<void> {
  await choose(el, '#type-incident');
  await choose(el, '#urgency-medium');
  await type(el, '#field-title', 'Printer on 3rd floor offline since 9am');
  await type(el, '#field-description', 'The HP printer near room 312 shows “offline” on every workstation.');
}
