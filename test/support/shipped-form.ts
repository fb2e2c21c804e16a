/**
 * A person's French request through a form the shipped files registered (the one file,
 * the loader): typed with real key presses, sent, and its confirmation read. Imports
 * nothing that registers an element, unlike ./form.ts, so the page keeps only the
 * shipped elements.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';

export const REQUEST_TITLE = 'Créer un compte pour la nouvelle comptable';

/** Fills in and sends the request; resolves with the id of the created ticket once it is shown. */
export async function sendFrenchRequest(el: HTMLElement): Promise<string> {
  const root = el.shadowRoot!;
  (root.querySelector('#type-request') as HTMLInputElement).click();
  (root.querySelector('#urgency-low') as HTMLInputElement).click();
  (root.querySelector('#field-title') as HTMLInputElement).focus();
  await sendKeys({ type: REQUEST_TITLE });
  (root.querySelector('#field-description') as HTMLTextAreaElement).focus();
  await sendKeys({ type: 'Arrivée lundi 3 mars, poste PC-COMPTA-03, accès à la messagerie.' });
  const created = oneEvent(el, 'support-ticket-created');
  (root.querySelector('button[part="submit"]') as HTMLButtonElement).click();
  const { detail } = await created;
  await waitUntil(() => root.querySelector('#success'), 'confirmation shown');
  expect(root.querySelector('#success-heading')!.textContent).to.equal(`Le ticket ${detail.id} est enregistré`);
  return detail.id;
}
