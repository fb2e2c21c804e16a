/**
 * The secret warning of <support-ticket-form> after the person edits (issue 10, point 5):
 * the warning follows the text as it is now, "Remove them and send" masks the secrets
 * found in that text and nothing else, and "Send as it is" covers only what was shown.
 * Typed with the real keyboard, clicked as a person does; what GLPI's fake received is
 * compared whole.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { type GlpiFake } from '../../src/mocks/index.js';
import type { SupportTicketForm } from '../../src/elements/support-ticket-form/support-ticket-form.js';
import { SECRET_MASK } from '../../src/core/advice/secrets.js';
import { useGlpiFake } from '../support/glpi.js';
import { $, $$, choose, focused, formWith, glpiConfig, submit, text, type } from '../support/form.js';

let fake: GlpiFake;

useGlpiFake((made) => (fake = made));

// Built from parts so that no scanner mistakes this fixture for a real credential.
const GITHUB = `ghp_${'a1B2c3D4e5'.repeat(3)}xYz123`;

const description = (el: SupportTicketForm) => ($(el, '#field-description') as HTMLTextAreaElement).value;
/** The description as GLPI received it: the first paragraph of the ticket's content (the adapter may add its own after it). */
const sentDescription = () => fake.state.tickets[0]!.content.match(/^<p>.*?<\/p>/)?.[0];
const warningKinds = (el: SupportTicketForm) => $$(el, '#secrets li').map((li) => li.textContent!.trim());

/** Type, urgency, title, and a description holding a password. */
async function fillWithPassword(el: SupportTicketForm): Promise<void> {
  await choose(el, '#type-incident');
  await choose(el, '#urgency-medium');
  await type(el, '#field-title', 'Mails to example.net rejected');
  await type(el, '#field-description', 'Mails to example.net are rejected. My password: Hunter2!xyz');
}

/** The person selects the whole description and types another one over it. */
async function retype(el: SupportTicketForm, value: string): Promise<void> {
  const area = $(el, '#field-description') as HTMLTextAreaElement;
  area.focus();
  area.select();
  await sendKeys({ type: value });
  await el.updateComplete;
}

/** The person puts the caret at `at` in the description and types `value` there. */
async function insertAt(el: SupportTicketForm, at: number, value: string): Promise<void> {
  const area = $(el, '#field-description') as HTMLTextAreaElement;
  area.focus();
  area.setSelectionRange(at, at);
  await sendKeys({ type: value });
  await el.updateComplete;
}

async function warned(el: SupportTicketForm): Promise<HTMLElement> {
  await submit(el);
  await waitUntil(() => focused(el)?.id === 'secrets', 'the warning shows, and focus moves to it');
  return $(el, '#secrets')!;
}

async function click(el: SupportTicketForm, selector: string): Promise<void> {
  ($(el, selector) as HTMLButtonElement).click();
  await el.updateComplete;
}

describe('<support-ticket-form> secret warning after an edit', () => {
  it('goes when the person rewrites the secret away, and the ticket holds their words exactly', async () => {
    const el = await formWith(glpiConfig());
    await fillWithPassword(el);
    expect(text(el, '#field-description-secret')).to.contain('looks like a secret');
    await warned(el);
    expect(warningKinds(el)).to.deep.equal(['a password']);
    await expect(el).to.be.accessible();

    const rewritten = 'Mails to example.net are rejected with "550 relay denied". Three people affected, site Lyon.';
    await retype(el, rewritten);
    expect(description(el)).to.equal(rewritten);
    expect(Boolean($(el, '#secrets')), 'the warning goes: nothing left to warn about').to.equal(false);
    expect(text(el, '#field-description-secret'), 'the inline hint goes too').to.equal('');

    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    await created;
    expect(fake.state.tickets).to.have.length(1);
    expect(sentDescription()).to.equal('<p>Mails to example.net are rejected with &quot;550 relay denied&quot;. Three people affected, site Lyon.</p>');
  });

  it('"Remove them and send" masks the secret where it is now, after words were typed before it', async () => {
    const el = await formWith(glpiConfig());
    await fillWithPassword(el);
    await warned(el);

    // Words added before the password move it: positions found before the edit no longer point at it.
    await insertAt(el, 0, 'Since 9:40 this morning, rejected with "550 relay denied". ');
    expect(warningKinds(el), 'the warning is still about the password').to.deep.equal(['a password']);
    await expect(el).to.be.accessible();

    const created = oneEvent(el, 'support-ticket-created');
    await click(el, '#secrets button.primary');
    const sent = `Since 9:40 this morning, rejected with "550 relay denied". Mails to example.net are rejected. My password: ${SECRET_MASK}`;
    expect(description(el), 'the field shows what is sent').to.equal(sent);
    await created;
    expect(sentDescription()).to.equal(`<p>${sent.replaceAll('"', '&quot;')}</p>`);
    expect(fake.state.tickets[0]!.content).not.to.contain('Hunter2');
  });

  it('follows what the person types while it is shown: a secret added is listed, one removed is not', async () => {
    const el = await formWith(glpiConfig());
    await fillWithPassword(el);
    await warned(el);
    await insertAt(el, description(el).length, ` Deploy token: ${GITHUB}`);
    expect(warningKinds(el)).to.deep.equal(['a password', 'an access token or API key']);
    // The person selects "My password: Hunter2!xyz " and deletes it.
    const area = $(el, '#field-description') as HTMLTextAreaElement;
    const from = area.value.indexOf('My password');
    area.focus();
    area.setSelectionRange(from, area.value.indexOf('Deploy'));
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(description(el)).to.equal(`Mails to example.net are rejected. Deploy token: ${GITHUB}`);
    expect(warningKinds(el)).to.deep.equal(['an access token or API key']);
    await expect(el).to.be.accessible();
  });

  it('warns again, for the new secret only, after "Send as it is" and an edit that adds one', async () => {
    const el = await formWith(glpiConfig());
    await fillWithPassword(el);
    await warned(el);
    // The person chose to send the password; GLPI refuses the ticket, and the form keeps it.
    fake.state.failNext('html', { endpoint: 'Ticket' });
    const failed = oneEvent(el, 'support-error');
    await click(el, '#secrets button.secondary');
    await failed;
    await waitUntil(() => $(el, '#failure'), 'the refusal shows');
    expect(fake.state.tickets).to.have.length(0);

    await insertAt(el, description(el).length, ` Deploy token: ${GITHUB}`);
    expect(text(el, '#field-description-secret'), 'the inline hint while typing').to.contain('looks like a secret');
    await warned(el);
    expect(warningKinds(el), 'only what was not shown before').to.deep.equal(['an access token or API key']);
    expect(fake.state.tickets).to.have.length(0);
    await expect(el).to.be.accessible();

    const created = oneEvent(el, 'support-ticket-created');
    await click(el, '#secrets button.primary');
    await created;
    expect(fake.state.tickets).to.have.length(1);
    expect(sentDescription()).to.equal(`<p>Mails to example.net are rejected. My password: Hunter2!xyz Deploy token: ${SECRET_MASK}</p>`);
  });
});
