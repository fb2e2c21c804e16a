/**
 * The demo's Zammad tickets: Camille Martin (ZAMMAD_CUSTOMER) has ten, in every state a
 * customer meets, answered by Sacha Bernard (ZAMMAD_AGENT): new ones, open ones, one
 * pending reminder on a question, one pending close (solved, closing by itself), closed
 * ones and one merged into another; an internal note she must never see, and a few
 * files. Julien Dupont (ZAMMAD_COLLEAGUE), of the same shared organisation, has two,
 * seen in the organisation's list. The knowledge base holds the demo's articles
 * (DEMO_ARTICLES). Dates are relative to the fake's clock.
 */
import { ZAMMAD_COLLEAGUE } from './seed.js';
import type { ZammadFakeState } from './state.js';
import { DEMO_ARTICLES } from '../articles.js';

/** A 4×4 PNG (a blue square), small enough to inline. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR42mOQy78JRwzEcQA6YhZhE0xm6gAAAABJRU5ErkJggg==';

const png = (name: string) => new File([Uint8Array.from(atob(PNG), (char) => char.charCodeAt(0))], name, { type: 'image/png' });
const text = (name: string, content: string) => new File([content], name, { type: 'text/plain' });

export function addZammadDemoTickets(state: ZammadFakeState): void {
  // The knowledge base's published answers, which the suggestions find.
  for (const { title, html } of DEMO_ARTICLES) state.publishArticle(title, html, { date: new Date(state.clock().getTime() - 30 * 86_400_000) });
  const now = state.clock().getTime();
  /** `days` (and `hours`) before now. */
  const ago = (days: number, hours = 0) => new Date(now - (days * 24 + hours) * 3_600_000);
  const later = (days: number) => new Date(now + days * 86_400_000);

  // ---- closed ----
  const mouse = state.addTicket({
    title: 'Souris sans fil défectueuse',
    body: '<p>La souris ne répond plus, même avec des piles neuves.</p>',
    priority: '1 low',
    createdAt: ago(62),
  });
  state.replyAsAgent(mouse.id, '<p>Je vous en dépose une neuve cet après-midi.</p>', { date: ago(61, 20) });
  state.setState(mouse.id, 'closed', { date: ago(61, 18) });

  const printer = state.addTicket({
    title: 'Imprimante du 2e étage : bourrage papier à répétition',
    body:
      "<p>Bonjour,</p><p>L'imprimante du 2<sup>e</sup> étage fait un bourrage toutes les 3 ou 4 pages depuis ce matin.&nbsp;" +
      'Le message affiché est «&nbsp;Bourrage bac 2&nbsp;».</p><p>Merci&nbsp;!</p>',
    createdAt: ago(40),
  });
  state.replyAsAgent(printer.id, "<p>Bonjour Camille,</p><p>J'ai remplacé le rouleau d'entraînement du bac 2. Pouvez-vous lancer une impression test&nbsp;?</p>", {
    date: ago(39, 20),
  });
  state.replyAsAgent(printer.id, '<p>Pièce commandée chez le fournisseur, réf. RL-2231.</p>', { internal: true, date: ago(39, 19) });
  state.setState(printer.id, 'closed', { date: ago(38) });

  // ---- merged into the printer ticket ----
  const duplicate = state.addTicket({ title: 'Imprimante 2e étage', body: '<p>Toujours des bourrages.</p>', createdAt: ago(39, 22) });
  state.setState(duplicate.id, 'merged', { date: ago(39, 21) });

  // ---- pending close: solved, closes by itself ----
  const vpn = state.addTicket({
    title: 'VPN disconnects every 10 minutes',
    body: '<p>Since the update on Monday the VPN client drops the connection every ten minutes or so.</p><p>Error shown: <code>TLS handshake timeout</code>.</p>',
    priority: '3 high',
    createdAt: ago(6),
  });
  state.replyAsAgent(vpn.id, '<p>The gateway certificate had expired; it is renewed. Please tell us if it still happens, otherwise the ticket closes by itself on Friday.</p>', {
    date: ago(1, 3),
  });
  state.setState(vpn.id, 'pending close', { pendingTime: later(3), date: ago(1, 3) });

  // ---- pending reminder: waiting for the customer's answer ----
  const account = state.addTicket({
    title: "Création d'un compte pour la nouvelle stagiaire",
    body: '<p>Merci de créer un compte pour la stagiaire qui arrive lundi&nbsp;:</p><ul><li>Nom&nbsp;: Léa Fontaine</li><li>Service&nbsp;: Comptabilité</li></ul>',
    createdAt: ago(3),
  });
  state.replyAsAgent(account.id, '<p>Doit-elle avoir accès au dossier partagé «&nbsp;Compta&nbsp;» en écriture ou en lecture seule&nbsp;?</p>', { date: ago(2, 6) });
  state.setState(account.id, 'pending reminder', { pendingTime: later(2), date: ago(2, 6) });

  // ---- open ----
  const mail = state.addTicket({
    title: 'Messagerie : pièces jointes bloquées',
    body: '<p>Les PDF envoyés par nos fournisseurs arrivent sans leur pièce jointe depuis hier.</p>',
    priority: '3 high',
    createdAt: ago(2),
  });
  state.attach(state.articlesOf(mail.id)[0].id, png('capture-message.png'));
  state.replyAsAgent(mail.id, "<p>C'est le filtre antivirus qui les retient : nous vérifions sa configuration.</p>", { date: ago(1, 20) });
  state.replyAsAgent(mail.id, '<p>Règle ClamAV trop stricte sur les PDF signés, à assouplir.</p>', { internal: true, date: ago(1, 19) });

  const laptop = state.addTicket({ title: 'Laptop battery swollen', body: '<p>The battery of my laptop is swelling; the touchpad no longer clicks.</p>', createdAt: ago(1) });
  state.replyAsAgent(laptop.id, '<p>Please stop using it and unplug it. We will bring a replacement tomorrow morning.</p>', {
    date: ago(0, 20),
    files: [text('battery-safety.txt', 'Do not charge a swollen battery. Keep it away from heat.')],
  });

  // ---- new ----
  state.addTicket({
    title: 'Accès au logiciel de paie',
    body: '<p>Je n’arrive plus à me connecter au logiciel de paie : « identifiant inconnu ».</p>',
    createdAt: ago(0, 5),
  });
  state.addTicket({ title: 'Écran qui scintille', body: '<p>Mon deuxième écran scintille quand je le branche en HDMI.</p>', priority: '1 low', createdAt: ago(0, 1) });

  // ---- the colleague's, seen in the organisation's list ----
  state.addTicket({ title: 'Badge d’accès perdu', body: '<p>J’ai perdu mon badge hier soir.</p>', customer: ZAMMAD_COLLEAGUE.id, createdAt: ago(4) });
  const wifi = state.addTicket({ title: 'Wi-Fi salle du conseil', body: '<p>Le Wi-Fi ne passe pas dans la salle du conseil.</p>', customer: ZAMMAD_COLLEAGUE.id, createdAt: ago(9) });
  state.setState(wifi.id, 'closed', { date: ago(8) });
}
