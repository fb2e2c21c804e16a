/**
 * Files the way people have them (issue 14, point 2): a drop zone that is a button in the
 * page's language, files dropped on it, a screenshot pasted into the text, thumbnails, a
 * remove button per file, the limits before and each refusal after.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { type GlpiFake } from '../../src/mocks/index.js';
import type { TicketDetailElement } from '../../src/elements/ticket-detail/ticket-detail.js';
import { useGlpiFake } from '../support/glpi.js';
import '../support/benign-errors.js';
import { $, $$, fillGoodTicket, focused, formWith, glpiConfig, press, submit, text } from '../support/form.js';

let fake: GlpiFake;

useGlpiFake((made) => (fake = made));

/** A PNG of one pixel: what a screenshot is to the widget, bytes and type. */
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
const screenshot = (name = 'image.png') => new File([PNG], name, { type: 'image/png' });

function files(...list: File[]): DataTransfer {
  const transfer = new DataTransfer();
  list.forEach((file) => transfer.items.add(file));
  return transfer;
}

/** As the browser does when files are dragged over a target and let go. */
function dropOn(target: Element, transfer: DataTransfer): { over: DragEvent; drop: DragEvent } {
  const over = new DragEvent('dragover', { bubbles: true, cancelable: true, composed: true, dataTransfer: transfer });
  target.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, composed: true, dataTransfer: transfer }));
  target.dispatchEvent(over);
  const drop = new DragEvent('drop', { bubbles: true, cancelable: true, composed: true, dataTransfer: transfer });
  target.dispatchEvent(drop);
  return { over, drop };
}

function paste(target: Element, transfer: DataTransfer): ClipboardEvent {
  const event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, clipboardData: transfer });
  target.dispatchEvent(event);
  return event;
}

describe('files by the zone, by drop and by paste', () => {
  it('offers a zone in the page’s language that the keyboard opens, not the browser’s "Choose Files"', async () => {
    for (const [lang, label, zone] of [
      ['fr', 'Pièces jointes', 'Déposez des fichiers ici, ou choisissez-les'],
      ['en', 'Attachments', 'Drop files here, or choose them'],
    ] as const) {
      const el = await formWith(glpiConfig(), lang);
      const button = $(el, '#field-attachments-zone') as HTMLButtonElement;
      expect(button.tagName).to.equal('BUTTON');
      expect(text(el, '#field-attachments-zone')).to.equal(zone);
      expect(text(el, '#field-attachments-label')).to.contain(label);
      // The native input is there for the chooser only: never shown, never a Tab stop.
      const input = $(el, '#field-attachments') as HTMLInputElement;
      expect(input.hidden).to.equal(true);
      expect(text(el, '#field-attachments-hint')).to.match(lang === 'fr' ? /Jusqu’à \d+ fichiers de 2 Mo chacun.*collée dans le texte/ : /Up to \d+ files, 2 MB each.*pasted into the text/);
      let opened = 0;
      input.addEventListener('click', (event) => {
        event.preventDefault();
        opened++;
      });
      $(el, '#field-description')!.focus();
      await press(el, 'Tab'); // the "help me describe" summary
      while (focused(el) && focused(el)!.id !== 'field-attachments-zone' && focused(el)!.id !== 'field-attachments') await press(el, 'Tab');
      expect(focused(el)?.id).to.equal('field-attachments-zone');
      await press(el, 'Enter');
      await press(el, ' ');
      expect(opened).to.equal(2);
      await expect(el).to.be.accessible();
      el.remove();
    }
  });

  it('takes files dropped on the zone, refusing those over the limits with their reason, and sends the others', async () => {
    const el = await formWith(glpiConfig({ attachments: { maxFiles: 2, maxFileSize: 1024 } }));
    const zone = $(el, '#field-attachments-zone')!;
    zone.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, composed: true, dataTransfer: files(screenshot()) }));
    expect(zone.classList.contains('over')).to.equal(true);
    await expect(el).to.be.accessible();
    const { over, drop } = dropOn(zone, files(new File(['x'.repeat(2048)], 'huge.log', { type: 'text/plain' }), new File(['boot ok'], 'boot.log', { type: 'text/plain' }), screenshot('écran.png')));
    expect([over.defaultPrevented, drop.defaultPrevented]).to.deep.equal([true, true]);
    await el.updateComplete;
    expect(zone.classList.contains('over')).to.equal(false);
    expect(text(el, '#field-attachments-refused')).to.contain('“huge.log” is refused: it is larger than 1 kB.');
    expect($$(el, '.files li').map((item) => item.querySelector('.name')!.textContent!.split(' · ')[0])).to.deep.equal(['boot.log', 'écran.png']);
    expect(text(el, '#field-attachments ~ [role="status"]')).to.equal('Attached: boot.log, écran.png.');
    // An image shows a thumbnail; a log does not.
    const thumbnail = $(el, '.files li:nth-child(2) img.thumbnail') as HTMLImageElement;
    expect(thumbnail.src).to.match(/^blob:/);
    expect($(el, '.files li:nth-child(1) img')).to.equal(null);
    await waitUntil(() => thumbnail.complete && thumbnail.naturalWidth === 1, 'the thumbnail shows');
    await expect(el).to.be.accessible();

    // Text dragged over the zone is not a drop of files.
    const words = new DataTransfer();
    words.setData('text/plain', 'not a file');
    expect(dropOn(zone, words).drop.defaultPrevented).to.equal(false);

    await fillGoodTicket(el);
    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    await created;
    expect(fake.state.documents.map((d) => d.filename)).to.deep.equal(['boot.log', 'écran.png']);
  });

  it('turns a screenshot pasted into the description into an attachment named after the moment', async () => {
    const el = await formWith(glpiConfig(), 'fr');
    const description = $(el, '#field-description') as HTMLTextAreaElement;
    const event = paste(description, files(screenshot()));
    // Only a file: nothing to put in the text.
    expect(event.defaultPrevented).to.equal(true);
    await el.updateComplete;
    const name = $(el, '.files .name')!.textContent!.split(' · ')[0]!;
    expect(name).to.match(/^capture-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.png$/);
    expect($(el, '.files img.thumbnail')).not.to.equal(null);
    expect(text(el, '#field-attachments ~ [role="status"]')).to.equal(`Joint : ${name}.`);
    // Two screenshots pasted at once are told apart.
    paste(description, files(screenshot(), screenshot()));
    await el.updateComplete;
    const names = $$(el, '.files .name').map((item) => item.textContent!.split(' · ')[0]);
    expect(new Set(names).size).to.equal(3);
    // Text pasted with a file (a spreadsheet copies both) still goes in the text.
    const both = files(new File(['a;b'], 'cells.csv', { type: 'text/csv' }));
    both.setData('text/plain', 'a\tb');
    expect(paste(description, both).defaultPrevented).to.equal(false);
    // Plain text is left to the browser.
    const words = new DataTransfer();
    words.setData('text/plain', 'Depuis ce matin');
    expect(paste(description, words).defaultPrevented).to.equal(false);
    await el.updateComplete;
    await expect(el).to.be.accessible();

    // A file removed goes, with its thumbnail; its button says which file to screen readers.
    const remove = $(el, '.files li button') as HTMLButtonElement;
    expect([remove.textContent!.trim(), remove.getAttribute('aria-label')]).to.deep.equal(['Retirer', `Retirer ${name}`]);
    remove.click();
    await el.updateComplete;
    expect($$(el, '.files li')).to.have.length(3);
  });

  it('takes a screenshot pasted into a reply, and sends it with the reply', async () => {
    const ticket = fake.state.addTicket({ name: 'Écran noir', technician: 2 });
    const el = await fixture<TicketDetailElement>(html`<ticket-detail lang="en" ticket-id=${String(ticket.id)} .config=${glpiConfig()}></ticket-detail>`);
    await waitUntil(() => $(el, '#reply-text'), 'the reply box shows', { timeout: 4000 });
    const reply = $(el, '#reply-text') as HTMLTextAreaElement;
    expect(paste(reply, files(screenshot())).defaultPrevented).to.equal(true);
    await el.updateComplete;
    const name = $(el, '#reply-files ~ .files .name, .files .name')!.textContent!.split(' · ')[0]!;
    expect(name).to.match(/^screenshot-\d{4}(-\d{2}){5}\.png$/);
    await expect(el).to.be.accessible();
    reply.value = 'Here is what the screen shows.';
    reply.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const updated = oneEvent(el, 'support-ticket-updated');
    ($(el, 'form button[type="submit"]') as HTMLButtonElement).click();
    await updated;
    expect(fake.state.documents.map((d) => d.filename)).to.deep.equal([name]);
  });
});
