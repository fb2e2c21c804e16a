/**
 * The secret warning of <ticket-detail>'s reply box after the person edits (issue 10,
 * point 5), the same check as the form's: the warning follows the reply as it is now,
 * "Remove them and send" masks the secrets found in that text and nothing else, and
 * "Send as it is" covers only what was shown. What GLPI's fake received is compared whole.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { type GlpiFake } from '../../src/mocks/index.js';
import type { TicketDetailElement } from '../../src/elements/ticket-detail/ticket-detail.js';
import { SECRET_MASK } from '../../src/core/advice/secrets.js';
import { useGlpiFake } from '../support/glpi.js';
import '../support/benign-errors.js';
import { $, $$, focused, glpiConfig, text, type } from '../support/form.js';

let fake: GlpiFake;

useGlpiFake((made) => (fake = made));

// Built from parts so that no scanner mistakes this fixture for a real credential.
const GITHUB = `ghp_${'a1B2c3D4e5'.repeat(3)}xYz123`;

async function openTicket(): Promise<{ el: TicketDetailElement; id: number }> {
  const ticket = fake.state.addTicket({ name: 'Mails rejected', technician: 2, date: '2026-11-02 09:00:00' });
  const el = await fixture<TicketDetailElement>(html`<ticket-detail lang="en" ticket-id=${String(ticket.id)} .config=${glpiConfig()}></ticket-detail>`);
  await waitUntil(() => $(el, '#reply-text'), 'the ticket loads', { timeout: 4000 });
  return { el, id: ticket.id };
}

const reply = (el: TicketDetailElement) => ($(el, '#reply-text') as HTMLTextAreaElement).value;
const warningKinds = (el: TicketDetailElement) => $$(el, '#secrets li').map((li) => li.textContent!.trim());
const repliesTo = (id: number) => fake.state.followups.filter((followup) => followup.items_id === id).map((followup) => followup.content);

async function click(el: TicketDetailElement, selector: string): Promise<void> {
  ($(el, selector) as HTMLButtonElement).click();
  await el.updateComplete;
}

async function warned(el: TicketDetailElement): Promise<void> {
  await click(el, '[part="reply"] button[type="submit"]');
  await waitUntil(() => focused(el)?.id === 'secrets', 'focus moves to the warning');
}

/** The person selects the whole reply and types another one over it. */
async function retype(el: TicketDetailElement, value: string): Promise<void> {
  const area = $(el, '#reply-text') as HTMLTextAreaElement;
  area.focus();
  area.select();
  await sendKeys({ type: value });
  await el.updateComplete;
}

/** The person puts the caret at `at` in the reply and types `value` there. */
async function insertAt(el: TicketDetailElement, at: number, value: string): Promise<void> {
  const area = $(el, '#reply-text') as HTMLTextAreaElement;
  area.focus();
  area.setSelectionRange(at, at);
  await sendKeys({ type: value });
  await el.updateComplete;
}

describe('<ticket-detail> reply box: secret warning after an edit', () => {
  it('goes when the person rewrites the secret away, and the reply holds their words exactly', async () => {
    const { el, id } = await openTicket();
    await type(el, '#reply-text', 'Still rejected. My password: Hunter2!xyz');
    await warned(el);
    expect(warningKinds(el)).to.deep.equal(['a password']);
    await expect(el).to.be.accessible();

    const rewritten = 'Still rejected with "550 relay denied". Three people affected, site Lyon.';
    await retype(el, rewritten);
    expect(reply(el)).to.equal(rewritten);
    expect(Boolean($(el, '#secrets')), 'the warning goes: nothing left to warn about').to.equal(false);

    const updated = oneEvent(el, 'support-ticket-updated');
    await click(el, '[part="reply"] button[type="submit"]');
    await updated;
    expect(repliesTo(id)).to.deep.equal(['<p>Still rejected with &quot;550 relay denied&quot;. Three people affected, site Lyon.</p>']);
  });

  it('"Remove them and send" masks the secret where it is now, after words were typed before it', async () => {
    const { el, id } = await openTicket();
    await type(el, '#reply-text', 'Still rejected. My password: Hunter2!xyz');
    await warned(el);
    await insertAt(el, 0, 'Since 9:40 this morning, "550 relay denied". ');
    expect(warningKinds(el)).to.deep.equal(['a password']);
    await expect(el).to.be.accessible();

    const updated = oneEvent(el, 'support-ticket-updated');
    await click(el, '#secrets button.primary');
    expect(reply(el), 'the box shows what is sent').to.equal(`Since 9:40 this morning, "550 relay denied". Still rejected. My password: ${SECRET_MASK}`);
    await updated;
    expect(repliesTo(id)).to.deep.equal([`<p>Since 9:40 this morning, &quot;550 relay denied&quot;. Still rejected. My password: ${SECRET_MASK}</p>`]);
  });

  it('warns again, for the new secret only, after "Send as it is" and an edit that adds one', async () => {
    const { el, id } = await openTicket();
    await type(el, '#reply-text', 'Still rejected. My password: Hunter2!xyz');
    await warned(el);
    // The person chose to send the password; the helpdesk fails, and the reply is kept.
    fake.state.failNext('500', { endpoint: 'ITILFollowup' });
    await click(el, '#secrets button.secondary');
    await waitUntil(() => $(el, '#action-failure'), 'the failure shows');
    expect(repliesTo(id)).to.deep.equal([]);

    await insertAt(el, reply(el).length, ` Deploy token: ${GITHUB}`);
    await warned(el);
    expect(warningKinds(el), 'only what was not shown before').to.deep.equal(['an access token or API key']);
    await expect(el).to.be.accessible();

    const updated = oneEvent(el, 'support-ticket-updated');
    await click(el, '#secrets button.primary');
    await updated;
    expect(repliesTo(id)).to.deep.equal([`<p>Still rejected. My password: Hunter2!xyz Deploy token: ${SECRET_MASK}</p>`]);
    expect(text(el, '#notice')).to.equal('Your reply was added to the ticket.');
  });
});
