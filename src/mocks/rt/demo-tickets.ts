/**
 * The demo's tickets in the fake RT: Camille Martin (RT_REQUESTER) has tickets in every
 * status of RT's default lifecycle, answered by Sacha Bernard (RT_AGENT): a new one, open
 * ones (one with an internal comment the requester must never see, one with a file from
 * each side), a stalled one waiting for Camille's answer, resolved and rejected ones.
 * Julien Dupont (RT_OTHER_REQUESTER) has one that Camille must never see. Dates are
 * relative to the fake's clock, so the demo always looks current. The knowledge base holds
 * the demo's articles (DEMO_ARTICLES), in RT's General class, which everyone may read.
 */
import { DEMO_ARTICLES } from '../articles.js';
import { RT_OTHER_REQUESTER, RT_REQUESTER } from './seed.js';
import type { RtFakeFile, RtFakeState } from './state.js';

/** A 4×4 PNG (a blue square), small enough to inline. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR42mOQy78JRwzEcQA6YhZhE0xm6gAAAABJRU5ErkJggg==';

const png = (name: string): RtFakeFile => ({ name, type: 'image/png', content: Uint8Array.from(atob(PNG), (char) => char.charCodeAt(0)) });
const text = (name: string, content: string): RtFakeFile => ({ name, type: 'text/plain', content: new TextEncoder().encode(content) });

export function addRtDemoTickets(state: RtFakeState): void {
  const now = state.clock().getTime();
  /** `days` (and `hours`) before now. */
  const ago = (days: number, hours = 0) => new Date(now - (days * 24 + hours) * 3_600_000);

  for (const { title, html } of DEMO_ARTICLES) state.publishArticle(title, html);

  // ---- rejected and resolved ----
  const licence = state.addTicket({
    subject: 'Licence Photoshop pour le stagiaire',
    content: '<p>Bonjour,</p><p>Pourriez-vous installer Photoshop sur le poste de Léa, notre stagiaire, pour trois semaines&nbsp;?</p>',
    contentType: 'text/html',
    priority: 25,
    created: ago(45),
  });
  state.reply(licence.id, '<p>Bonjour Camille,</p><p>Les licences Adobe sont réservées au service communication&nbsp;: GIMP est installé sur tous les postes et fera l’affaire pour ses retouches.</p>', { date: ago(44) });
  state.setStatus(licence.id, 'rejected', { date: ago(44) });

  const mouse = state.addTicket({ subject: 'Souris sans fil défectueuse', content: 'La souris ne répond plus, même avec des piles neuves.', contentType: 'text/plain', priority: 25, created: ago(30) });
  state.resolve(mouse.id, '<p>Souris remplacée (Logitech M185), je l’ai déposée sur votre bureau.</p>', { date: ago(29, 20) });

  const printer = state.addTicket({
    subject: 'Imprimante du 2e étage : bourrage papier à répétition',
    content: '<p>Bonjour,</p><p>L’imprimante du 2<sup>e</sup> étage fait un bourrage toutes les 3 ou 4 pages depuis ce matin. Le message affiché est «&nbsp;Bourrage bac 2&nbsp;».</p>',
    contentType: 'text/html',
    priority: 50,
    created: ago(12),
    files: [png('ecran-imprimante.png')],
  });
  state.reply(printer.id, '<p>J’ai remplacé le rouleau d’entraînement du bac 2. Pouvez-vous lancer une impression test&nbsp;?</p>', { date: ago(11, 20) });
  state.addMessage(state.ticket(printer.id)!, 'Correspond', RT_REQUESTER.id, { content: '20 pages sans bourrage, c’est parfait. Merci !', contentType: 'text/plain' }, ago(11, 18));
  state.resolve(printer.id, undefined, { date: ago(11, 17) });

  // ---- stalled: waiting for Camille ----
  const vpn = state.addTicket({
    subject: 'VPN disconnects every 10 minutes when working from home',
    content: '<p>Hello,</p><p>Since Monday the VPN drops every ten minutes or so, and I have to sign in again each time. The office Wi-Fi is fine.</p>',
    contentType: 'text/html',
    priority: 75,
    created: ago(6),
  });
  state.reply(vpn.id, '<p>Hello Camille,</p><p>Could you send me the client log (Help › Export logs) the next time it happens?</p>', { date: ago(5, 22) });
  state.setStatus(vpn.id, 'stalled', { date: ago(5, 22) });

  // ---- open ----
  const screen = state.addTicket({
    subject: 'Écran externe non détecté après la mise à jour',
    content: 'Depuis la mise à jour de ce matin, le second écran reste noir (câble HDMI, station d’accueil Dell).',
    contentType: 'text/plain',
    priority: 50,
    created: ago(3),
  });
  state.comment(screen.id, 'Known issue with the WD19 dock firmware 01.00.14: roll back the display driver.', { date: ago(2, 23) });
  state.reply(screen.id, '<p>Bonjour,</p><p>Je passe cet après-midi réinstaller le pilote d’affichage. Voici la procédure si vous voulez essayer avant.</p>', {
    date: ago(2, 22),
    files: [text('procedure-pilote.txt', '1. Gestionnaire de périphériques\n2. Cartes graphiques\n3. Restaurer le pilote\n')],
  });

  state.addTicket({
    subject: 'Accès au dossier partagé « Comptabilité 2025 »',
    content: '<p>Bonjour,</p><p>Il me faudrait un accès en lecture au dossier partagé <strong>Comptabilité 2025</strong> pour préparer la clôture.</p>',
    contentType: 'text/html',
    priority: 25,
    created: ago(1, 6),
    status: 'open',
  });

  // ---- new ----
  state.addTicket({
    subject: 'Le serveur de fichiers ne répond plus',
    content: '<p>Plus personne au 3<sup>e</sup> n’accède au lecteur S:, le travail est bloqué.</p>',
    contentType: 'text/html',
    priority: 100,
    created: ago(0, 2),
  });

  // ---- someone else's ----
  state.addTicket({ subject: 'Badge d’accès au parking', content: 'Mon badge ne fonctionne plus au parking.', contentType: 'text/plain', requestor: RT_OTHER_REQUESTER.id, created: ago(2) });
}
