/**
 * "Add this as a reply instead" (seed 002: one request, one ticket): what the person typed
 * becomes the reply draft of their open ticket, and that ticket opens in a modal dialog
 * with its reply box, over the form, which stays as it is. Loaded on that click only,
 * with `<ticket-detail>`.
 */
import type { TicketSummary } from '../../core/ticket.js';
import { removeSecrets } from '../../core/advice/secrets.js';
import { drafts, draftKey } from '../../store/drafts.js';

const TEXTS = {
  en: {
    heading: (id: string) => `Ticket ${id}: add what you typed as a reply`,
    back: 'Back to my new ticket',
    replied: (id: string) => `Added to ticket ${id}. The new ticket is no longer needed:`,
    discard: 'Clear the new ticket',
  },
  fr: {
    heading: (id: string) => `Ticket ${id} : ajoutez ce que vous avez écrit en réponse`,
    back: 'Revenir à mon nouveau ticket',
    replied: (id: string) => `Ajouté au ticket ${id}. Le nouveau ticket n’est plus nécessaire :`,
    discard: 'Effacer le nouveau ticket',
  },
};

export interface ReplyInstead {
  /** Where the dialog goes: the suggestions' shadow root, whose styles it takes. */
  root: ShadowRoot;
  ticket: TicketSummary;
  /** What the person typed for the new ticket. */
  text: string;
  /** The checked configuration's `backend`, under which `<ticket-detail>` keeps a reply's draft. */
  draftBackend: unknown;
  /** Gives `<ticket-detail>` the form's configuration, session, language and theme. */
  setupDetail?: (detail: HTMLElement) => void;
  lang: string;
  /** The person cleared the new ticket once the reply went. */
  onDiscard: () => void;
}

export async function replyInstead({ root, ticket, text, draftBackend, setupDetail, lang, onDiscard }: ReplyInstead): Promise<HTMLDialogElement> {
  const t = lang.toLowerCase().startsWith('fr') ? TEXTS.fr : TEXTS.en;
  const store = drafts();
  const key = draftKey({ config: { backend: draftBackend }, kind: `reply:${ticket.id}` });
  // A draft never holds a secret (the form's own masks them the same way); a reply already begun on that ticket comes first.
  const typed = removeSecrets(text);
  const earlier = await store.load<{ text: string }>(key).catch(() => undefined);
  await store.save(key, { values: { text: earlier?.values.text ? `${earlier.values.text}\n\n${typed}` : typed } }).catch(() => undefined);
  await import('../../ticket-detail.js');

  const dialog = document.createElement('dialog');
  const heading = document.createElement('h3');
  heading.id = 'reply-heading';
  heading.textContent = t.heading(ticket.id);
  dialog.setAttribute('aria-labelledby', heading.id);
  const detail = document.createElement('ticket-detail');
  setupDetail?.(detail);
  detail.setAttribute('ticket-id', ticket.id);
  const back = button(t.back, () => dialog.close());
  dialog.append(heading, detail, back);
  detail.addEventListener('support-ticket-updated', (event) => {
    if ((event as CustomEvent<{ change: string }>).detail.change !== 'reply' || dialog.querySelector('.success')) return;
    const done = document.createElement('p');
    done.className = 'panel success';
    done.setAttribute('role', 'status');
    done.append(`${t.replied(ticket.id)} `, button(t.discard, () => (onDiscard(), dialog.close())));
    heading.after(done);
  });
  dialog.addEventListener('close', () => dialog.remove());
  root.append(dialog);
  dialog.showModal();
  // As when a ticket opens from the list: the person starts at its title, its reply box below, draft in it.
  void (detail as HTMLElement & { focusHeading(): Promise<void> }).focusHeading();
  return dialog;
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = 'secondary';
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}
