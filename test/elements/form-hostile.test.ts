/**
 * Hostile and broken text through every field a person can type or paste into the
 * form: it reaches the helpdesk as text, nothing runs, the layout holds, the draft
 * keeps it, and invisible characters do not pass for an answer.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { HOSTILE_TEXTS, hugeText, type GlpiFake } from '../../src/mocks/index.js';
import type { SupportTicketForm } from '../../src/elements/support-ticket-form/support-ticket-form.js';
import { useGlpiFake } from '../support/glpi.js';
import { $, choose, formWith, glpiConfig, reloadForm, submit, text, unfold } from '../support/form.js';

declare global {
  interface Window {
    __hostile?: number;
  }
}

let fake: GlpiFake;

useGlpiFake((made) => (fake = made));

beforeEach(() => {
  delete window.__hostile;
});

const config = () =>
  glpiConfig({ questions: [{ id: 'site', label: 'Site', required: true }], fields: { phone: 'optional' } as never });

/** What a paste does: the whole value at once, then an input event. */
async function paste(el: SupportTicketForm, selector: string, value: string): Promise<void> {
  const control = $(el, selector) as HTMLInputElement | HTMLTextAreaElement;
  await unfold(el, control);
  control.focus();
  control.value = value;
  control.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
  await el.updateComplete;
}

/** Nothing of the form sticks out of its box: long text wraps or scrolls inside its field. */
function expectLayoutHolds(el: SupportTicketForm): void {
  const box = el.getBoundingClientRect();
  for (const part of el.shadowRoot!.querySelectorAll<HTMLElement>('form, form > *, #summary, #success')) {
    expect(part.getBoundingClientRect().right, `${part.localName}.${part.className} stays inside`).to.be.at.most(box.right + 1);
  }
}

describe('<support-ticket-form> with hostile text typed or pasted', () => {
  it('sends markup, scripts and right-to-left tricks as text, and nothing runs', async () => {
    const el = await formWith(config());
    const title = `Écran ${HOSTILE_TEXTS[1]} facture\u202Efdp.exe ${'\u200B'.repeat(3)}3e étage`;
    const description = [...HOSTILE_TEXTS, 'الطابعة لا تعمل', 'מדפסת לא עובדת'].join('\n');
    await choose(el, '#type-incident');
    await choose(el, '#urgency-medium');
    await paste(el, '#field-title', title);
    await paste(el, '#field-description', description);
    await paste(el, '#q-site', HOSTILE_TEXTS[0]);
    await paste(el, '#field-phone', '+33 4 00 00 00 00');
    expectLayoutHolds(el);
    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    await created;
    await el.updateComplete;

    expect(window.__hostile, 'no payload ran').to.equal(undefined);
    const [ticket] = fake.state.tickets;
    // GLPI gets the title as typed, and HTML content where every character the person typed is escaped.
    expect(ticket.name).to.equal(title);
    expect(ticket.content).to.not.match(/<(?:script|img|svg|iframe|style|math|details|form|a)\b/i);
    expect(ticket.content).to.contain('&lt;script&gt;window.__hostile=1&lt;/script&gt;');
    expect(ticket.content).to.contain('الطابعة لا تعمل');
    expect(text(el, '#success')).to.contain(String(ticket.id));
  });

  it('keeps a 1 MB paste usable: the form answers, the layout holds, the draft and the ticket keep every character', async () => {
    const el = await formWith(config());
    const huge = hugeText();
    await choose(el, '#type-request');
    await choose(el, '#urgency-low');
    await paste(el, '#field-title', 'Export of the 2025 accounts fails on the NAS');
    await paste(el, '#field-description', huge);
    await paste(el, '#q-site', 'Lyon');
    expectLayoutHolds(el);
    expect(window.__hostile).to.equal(undefined);

    // The draft keeps it across a reload.
    const again = await reloadForm(el, config());
    await waitUntil(() => $(again, '[part="draft"] button'), 'the draft is restored');
    expect(($(again, '#field-description') as HTMLTextAreaElement).value).to.have.length(huge.length);

    const created = oneEvent(again, 'support-ticket-created');
    await submit(again);
    await created;
    const content = fake.state.tickets[0].content;
    expect(content.length, 'every character sent').to.be.greaterThan(huge.length);
    expect(content).to.not.contain('<img');
    expect(window.__hostile).to.equal(undefined);
  });

  it('does not take invisible characters for an answer, and says what is missing', async () => {
    const el = await formWith(config());
    const invisible = '\u200B\u200D\u2060\uFEFF\u202E'.repeat(4);
    await choose(el, '#type-incident');
    await choose(el, '#urgency-medium');
    await paste(el, '#field-title', invisible);
    await paste(el, '#field-description', `${invisible}\n${invisible}`);
    await paste(el, '#q-site', invisible);
    await submit(el);
    const summary = text(el, '#summary');
    expect(summary).to.contain('Title');
    expect(summary).to.contain('Description');
    expect(summary).to.contain('Site');
    expect(fake.state.tickets).to.have.length(0);
  });
});
