import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { HelpdeskConfigInput } from '../../src/config/index.js';
import { type GlpiFake } from '../../src/mocks/index.js';
import type { SupportTicketForm } from '../../src/elements/support-ticket-form/support-ticket-form.js';
import { drafts } from '../../src/store/drafts.js';
import { useGlpiFake } from '../support/glpi.js';
import { replace } from '../store/storage-helpers.js';
import { $, fillGoodTicket, formIn, press, focused, glpiConfig, reloadForm, submit, text, type } from '../support/form.js';

let fake: GlpiFake;
let restore: (() => void)[] = [];

useGlpiFake((made) => (fake = made));

afterEach(() => {
  restore.forEach((undo) => undo());
  restore = [];
});

/** A form in its own container, so that a "reload" can remove it and put a new one in its place. */
async function openForm(config: HelpdeskConfigInput, lang = 'en'): Promise<SupportTicketForm> {
  const container = await fixture<HTMLDivElement>(html`<div></div>`);
  return formIn(container, config, lang);
}



const restored = (el: SupportTicketForm) => waitUntil(() => $(el, '[part="draft"] button'), 'the draft is restored');
const value = (el: SupportTicketForm, selector: string) => ($(el, selector) as HTMLInputElement).value;
const checked = (el: SupportTicketForm, selector: string) => ($(el, selector) as HTMLInputElement).checked;

function pickFiles(el: SupportTicketForm, ...files: File[]) {
  const input = $(el, '#field-attachments') as HTMLInputElement;
  const transfer = new DataTransfer();
  files.forEach((file) => transfer.items.add(file));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return el.updateComplete;
}

describe('<support-ticket-form> drafts', () => {
  it('gives back what was typed after a reload, with a "Draft restored · Discard" line', async () => {
    const config = glpiConfig();
    let el = await openForm(config);
    expect($(el, '[part="draft"]')).not.to.exist;
    await fillGoodTicket(el);
    await type(el, '#field-phone', '04 00 00 00 01');

    el = await reloadForm(el, config);
    await restored(el);
    expect(text(el, '[part="draft"]')).to.equal('Draft restored · Discard');
    expect(checked(el, '#type-incident')).to.equal(true);
    expect(checked(el, '#urgency-medium')).to.equal(true);
    expect(value(el, '#field-title')).to.equal('Printer on 3rd floor offline since 9am');
    expect(value(el, '#field-description')).to.contain('room 312');
    expect(value(el, '#field-phone')).to.equal('04 00 00 00 01');
    await expect(el).to.be.accessible();

    // What was restored is sent as it is.
    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    await created;
    expect(fake.state.tickets[0]!.name).to.equal('Printer on 3rd floor offline since 9am');
  });

  it('says it in French', async () => {
    const config = glpiConfig();
    let el = await openForm(config, 'fr');
    await type(el, '#field-title', 'Imprimante hors ligne');
    el = await reloadForm(el, config, 'fr');
    await restored(el);
    expect(text(el, '[part="draft"]')).to.equal('Brouillon restauré · Supprimer');
  });

  it('is discarded on request: an empty form, and nothing comes back after the next reload', async () => {
    const config = glpiConfig();
    let el = await openForm(config);
    await fillGoodTicket(el);
    el = await reloadForm(el, config);
    await restored(el);

    ($(el, '[part="draft"] button') as HTMLButtonElement).click();
    await el.updateComplete;
    expect($(el, '[part="draft"]')).not.to.exist;
    expect(value(el, '#field-title')).to.equal('');
    expect(checked(el, '#type-incident')).to.equal(false);
    await waitUntil(() => focused(el)?.id === 'type-incident', 'focus goes to the start of the form');

    el = await reloadForm(el, config);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect($(el, '[part="draft"]')).not.to.exist;
    expect(value(el, '#field-title')).to.equal('');
  });

  it('gives way to the ticket’s number once the helpdesk accepted it: a reload shows the number, not the text', async () => {
    const config = glpiConfig();
    let el = await openForm(config);
    await fillGoodTicket(el);
    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    const { detail } = await created;
    expect(JSON.stringify(await drafts().storage.entries())).not.to.contain('Printer on 3rd floor');

    const fired: Event[] = [];
    document.addEventListener('support-ticket-created', (event) => fired.push(event));
    el = await reloadForm(el, config);
    await waitUntil(() => $(el, '#success'), 'the number again after the reload');
    expect(text(el, '#success-heading')).to.equal(`Ticket ${detail.id} is registered`);
    expect($(el, '[part="draft"]')).not.to.exist;
    // Announced once, when it was accepted.
    expect(fired).to.have.length(0);

    ($(el, '#success button') as HTMLButtonElement).click();
    await waitUntil(() => $(el, '#field-title'), 'another ticket');
    // The button pressed is gone: focus goes to the form's first field, not to the page.
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'type-incident', 'focus goes to the first field');
    expect(value(el, '#field-title')).to.equal('');
    await waitUntil(async () => (await drafts().storage.entries()).length === 0, 'nothing kept once the person moved on');
  });

  it('keeps the chosen files, which are then sent', async () => {
    const config = glpiConfig();
    let el = await openForm(config);
    await fillGoodTicket(el);
    await pickFiles(el, new File(['écran bleu'], 'capture.png', { type: 'image/png' }));

    el = await reloadForm(el, config);
    await restored(el);
    expect(text(el, '.files')).to.contain('capture.png');
    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    await created;
    expect(fake.state.documents.map((doc) => doc.filename)).to.deep.equal(['capture.png']);
    expect(await fake.state.documents[0]!.file.text()).to.equal('écran bleu');
  });

  it('is one per configuration: another helpdesk or other questions keep their own', async () => {
    const config = glpiConfig();
    let el = await openForm(config);
    await type(el, '#field-title', 'First form');
    const other = glpiConfig({ questions: [{ id: 'room', label: 'Room' }] });
    el = await reloadForm(el, other);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(value(el, '#field-title')).to.equal('');
    el = await reloadForm(el, config);
    await restored(el);
    expect(value(el, '#field-title')).to.equal('First form');
  });

  it('never holds the configured token', async () => {
    const config = glpiConfig();
    const el = await openForm(config);
    await fillGoodTicket(el);
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stored = await drafts().storage.entries();
    expect(stored).to.have.length(1);
    expect(JSON.stringify(stored)).not.to.contain('demo-user-token');
  });

  it('never holds a credential nor the sign-in fields, and masks what looks like a secret', async () => {
    const config = glpiConfig({}, false);
    const el = await openForm(config);
    await type(el, '#login', 'camille-login-typed');
    await type(el, '#password', 'demo-password-typed');
    await fillGoodTicket(el);
    await type(el, '#field-description', ' password: Hunter2!x');
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, 50));

    const stored = JSON.stringify(await drafts().storage.entries());
    expect(stored).to.contain('Printer on 3rd floor');
    expect(stored).not.to.match(/camille-login-typed|demo-password-typed|Hunter2|"login"|"password"/);
    expect(stored).to.contain('********');
  });

  it('says when this browser will not keep drafts past a reload, and the form still works', async () => {
    restore.push(
      replace(IDBObjectStore.prototype, 'put', () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }),
    );
    const el = await openForm(glpiConfig());
    await fillGoodTicket(el);
    await waitUntil(() => $(el, '[part="draft"]'), 'the note is shown', { timeout: 3000 });
    expect(text(el, '[part="draft"]')).to.equal('This browser does not keep drafts: what you type here will not survive a reload.');
    await expect(el).to.be.accessible();
    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    await created;
    expect(fake.state.tickets).to.have.length(1);
  });

  it('keeps no draft of an untouched form', async () => {
    const config = glpiConfig();
    let el = await openForm(config);
    await type(el, '#field-title', 'x');
    ($(el, '#field-title') as HTMLInputElement).select();
    await type(el, '#field-title', '');
    await press(el, 'Backspace');
    el = await reloadForm(el, config);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect($(el, '[part="draft"]')).not.to.exist;
    expect(await drafts().storage.entries()).to.have.length(0);
  });
});
