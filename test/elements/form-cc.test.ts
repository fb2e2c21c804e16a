/**
 * People to keep informed (issue 14, point 4; seed 003's "incident details"): a Cc field
 * under "More details" where the helpdesk copies them (Request Tracker's Cc role, GLPI's
 * observers by address), checked as email addresses, kept in the draft, and absent where
 * the helpdesk has no such thing.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { createGlpiFake, createRtFake, RT_REQUESTER, RT_SUPPORT_QUEUE, type GlpiFake, type RtFake } from '../../src/mocks/index.js';
import { signOutEverywhere } from '../../src/index.js';
import type { HelpdeskConfigInput } from '../../src/config/index.js';
import { useHandlers } from '../support/msw.js';
import { clearStores } from '../support/stores.js';
import '../support/benign-errors.js';
import { $, fillGoodTicket, formWith, glpiConfig, reloadForm, submit, text, type } from '../support/form.js';

let rt: RtFake;
let glpi: GlpiFake;

const rtConfig = (): HelpdeskConfigInput => ({
  backend: { type: 'rt', url: rt.baseUrl, queue: RT_SUPPORT_QUEUE.name, auth: { userToken: RT_REQUESTER.token! } },
});

beforeEach(async () => {
  rt = createRtFake({ baseUrl: '/fake-rt/REST/2.0' });
  glpi = createGlpiFake({ baseUrl: '/fake-glpi/apirest.php' });
  await useHandlers(...rt.handlers, ...glpi.handlers);
  await clearStores();
  sessionStorage.clear();
});

afterEach(() => signOutEverywhere());

describe('people to keep informed (Cc)', () => {
  it('on Request Tracker: asked under "More details", checked, and written into the ticket’s Cc', async () => {
    const el = await formWith(rtConfig(), 'fr');
    await fillGoodTicket(el);
    expect($(el, 'details.more #field-cc'), 'under "More details"').to.exist;
    await type(el, '#field-cc', 'anne.martin@example.fr, bob');
    expect(text(el, 'label[for="field-cc"]')).to.contain('Personnes à tenir informées');
    await submit(el);
    await waitUntil(() => $(el, '#summary'), 'no summary');
    expect(text(el, '#summary')).to.contain('Personnes à tenir informées');
    expect(($(el, 'details.more') as HTMLDetailsElement).open).to.equal(true);

    const field = $(el, '#field-cc') as HTMLInputElement;
    field.select();
    await type(el, '#field-cc', 'anne.martin@example.fr; bob.durand@example.fr');
    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    const { detail } = await created;
    const ticket = rt.state.ticket(Number(detail.id))!;
    expect(ticket.cc.map((id) => rt.state.user(id)!.email)).to.have.members(['anne.martin@example.fr', 'bob.durand@example.fr']);
    await expect(el).to.be.accessible();
  });

  it('is kept in the draft across a reload', async () => {
    const el = await formWith(rtConfig());
    await type(el, '#field-title', 'Shared drive unreachable');
    await type(el, '#field-cc', 'anne.martin@example.fr');
    const again = await reloadForm(el, rtConfig());
    await waitUntil(() => ($(again, '#field-cc') as HTMLInputElement | null)?.value === 'anne.martin@example.fr', 'the Cc is not restored');
    expect(($(again, 'details.more') as HTMLDetailsElement).open, 'shown, since it holds something').to.equal(true);
  });

  it('on GLPI: asked under "More details" and written into the ticket as observers by address', async () => {
    const el = await formWith(glpiConfig());
    await fillGoodTicket(el);
    expect($(el, 'details.more #field-cc'), 'under "More details"').to.exist;
    await type(el, '#field-cc', 'anne.martin@example.fr, bob.durand@example.fr');
    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    const { detail } = await created;
    const ticket = glpi.state.ticket(Number(detail.id))!;
    expect(ticket.observers.map((one) => [one.users_id, one.alternative_email])).to.deep.equal([
      [0, 'anne.martin@example.fr'],
      [0, 'bob.durand@example.fr'],
    ]);
  });
});
