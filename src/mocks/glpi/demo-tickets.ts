/**
 * The demo's tickets: Camille Martin (DEMO_USER) has a dozen, in every status, answered
 * by Sacha Bernard (TECHNICIAN): one pending on a question, one solved with a solution
 * waiting for approval, closed ones (one whose first solution was refused), a private
 * note the requester must never see, and a few files. Julien Dupont (COLLEAGUE), of the
 * same entity, has three more, seen only by profiles that see the entity's tickets.
 * Dates are relative to the fake's clock, so the demo always looks current. Contents are
 * HTML as GLPI's editor writes it, entities such as `&nbsp;` included.
 */
import { CLOSED, NEW, PLANNED } from './codes.js';
import { DEMO_ARTICLES } from '../articles.js';
import { COLLEAGUE, DEMO_USER, TECHNICIAN } from './seed.js';
import type { GlpiFakeState } from './state.js';

/** A 4×4 PNG (a blue square), small enough to inline. */
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR42mOQy78JRwzEcQA6YhZhE0xm6gAAAABJRU5ErkJggg==';

function pngFile(name: string): File {
  return new File([Uint8Array.from(atob(PNG), (char) => char.charCodeAt(0))], name, { type: 'image/png' });
}

export function addDemoTickets(state: GlpiFakeState): void {
  // The shared demo articles, in the FAQ for everyone; and a note of the technicians' own knowledge
  // base (not in the FAQ), which a Self-Service person must never be shown.
  for (const { title, html } of DEMO_ARTICLES) state.publishArticle(title, html);
  state.publishArticle(
    'Procédure interne : réinitialiser le VPN d’un poste',
    '<p>Réservé au support : depuis la console, révoquer le certificat VPN du poste puis en émettre un nouveau.</p>',
    { faq: false },
  );
  const now = state.clock().getTime();
  /** `days` (and `hours`) before now. */
  const ago = (days: number, hours = 0) => new Date(now - (days * 24 + hours) * 3_600_000);
  const me = DEMO_USER.id;
  const tech = TECHNICIAN.id;

  // ---- closed ----
  const mouse = state.addTicket({
    id: 41,
    name: 'Souris sans fil défectueuse',
    content: '<p>La souris ne répond plus, même avec des piles neuves.</p>',
    type: 1,
    urgency: 2,
    category: 3,
    technician: tech,
    date: ago(62),
  });
  state.addFollowup(mouse.id, { content: '<p>Je vous en dépose une neuve cet après-midi.</p>', date: ago(61, 20) });
  state.proposeSolution(mouse.id, '<p>Souris remplacée (modèle Logitech M185).</p>', { date: ago(61, 18) });
  state.approveSolution(mouse.id, { date: ago(60) });

  const printer = state.addTicket({
    id: 42,
    name: 'Imprimante du 2e étage : bourrage papier à répétition',
    content:
      '<p>Bonjour,</p><p>L&#39;imprimante du 2<sup>e</sup> étage fait un bourrage toutes les 3 ou 4 pages depuis ce matin.&nbsp;' +
      'Le message affiché est «&nbsp;Bourrage bac 2&nbsp;».</p><p>Merci&nbsp;!</p>',
    type: 1,
    urgency: 3,
    category: 2,
    technician: tech,
    date: ago(40),
  });
  state.addFollowup(printer.id, {
    content: '<p>Bonjour Camille,</p><p>J&#39;ai remplacé le rouleau d&#39;entraînement du bac 2. Pouvez-vous lancer une impression test&nbsp;?</p>',
    date: ago(39, 20),
  });
  state.addFollowup(printer.id, { content: '<p>20 pages sans bourrage, c&#39;est parfait.</p>', userId: me, date: ago(39, 18) });
  state.proposeSolution(printer.id, '<p>Rouleau d&#39;entraînement du bac 2 remplacé, impression testée.</p>', { date: ago(39, 17) });
  state.approveSolution(printer.id, { date: ago(38) });

  const account = state.addTicket({
    id: 43,
    name: "Création d'un compte pour la nouvelle stagiaire",
    content:
      '<p>Merci de créer un compte pour la stagiaire qui arrive lundi&nbsp;:</p>' +
      '<ul><li>Nom&nbsp;: Léa Fontaine</li><li>Service&nbsp;: Comptabilité</li><li>Accès&nbsp;: messagerie, dossier partagé «&nbsp;Compta&nbsp;»</li></ul>',
    type: 2,
    urgency: 3,
    category: 6,
    technician: tech,
    date: ago(30),
  });
  state.proposeSolution(
    account.id,
    '<p>Compte <strong>lfontaine</strong> créé. Mot de passe provisoire remis en main propre.</p>',
    { date: ago(29) },
  );
  state.approveSolution(account.id, { content: '<p>Merci, elle a pu se connecter.</p>', date: ago(28) });

  const attachments = state.addTicket({
    id: 44,
    name: 'Messagerie : pièces jointes de plus de 10 Mo refusées',
    content: '<p>Impossible d&#39;envoyer le bilan (PDF de 12&nbsp;Mo) à notre expert-comptable.</p>',
    type: 1,
    urgency: 3,
    category: 4,
    technician: tech,
    date: ago(21),
  });
  state.proposeSolution(attachments.id, '<p>Limite relevée à 15&nbsp;Mo sur le serveur.</p>', { date: ago(20) });
  state.refuseSolution(attachments.id, '<p>Toujours refusé, même message d&#39;erreur.</p>', { date: ago(19, 20) });
  state.addFollowup(attachments.id, {
    content: '<p>Le connecteur d&#39;envoi avait sa propre limite&nbsp;; elle est corrigée aussi.</p>',
    date: ago(19, 4),
  });
  state.proposeSolution(attachments.id, '<p>Limites du serveur et du connecteur relevées à 25&nbsp;Mo.</p>', { date: ago(19, 3) });
  state.approveSolution(attachments.id, { date: ago(18) });

  const share = state.addTicket({
    id: 45,
    name: 'Accès au dossier partagé Comptabilité',
    content: '<p>Je n&#39;ai plus accès à <code>\\\\srv-fichiers\\compta</code> depuis ce matin.</p>',
    type: 2,
    urgency: 3,
    category: 5,
    technician: tech,
    date: ago(12),
  });
  state.addFollowup(share.id, { content: '<p>Doublon du ticket 44, traité avec le problème de messagerie.</p>', date: ago(11) });
  state.setStatus(share.id, CLOSED, { date: ago(11) });

  // ---- solved, waiting for the requester's approval ----
  const wifi = state.addTicket({
    id: 46,
    name: 'Wi-Fi invité inaccessible en salle de réunion',
    content: '<p>Nos visiteurs n&#39;arrivent pas à se connecter au réseau «&nbsp;Invites&nbsp;» en salle Belledonne.</p>',
    type: 1,
    urgency: 4,
    category: 9,
    technician: tech,
    date: ago(4),
  });
  state.addFollowup(wifi.id, { content: '<p>La borne de la salle était hors service, je la remplace.</p>', date: ago(3, 6) });
  state.proposeSolution(
    wifi.id,
    '<p>Borne Wi-Fi de la salle Belledonne remplacée&nbsp;; le réseau «&nbsp;Invites&nbsp;» est de nouveau diffusé.</p>' +
      '<p>Le code du jour reste affiché à l&#39;accueil.</p>',
    { date: ago(2) },
  );

  // ---- pending: the technician asks a question ----
  const acrobat = state.addTicket({
    id: 47,
    name: 'Installer Adobe Acrobat Pro sur mon poste',
    content: '<p>J&#39;ai besoin de modifier des PDF pour les contrats.</p>',
    type: 2,
    urgency: 2,
    category: 8,
    technician: tech,
    date: ago(6),
  });
  state.addFollowup(acrobat.id, {
    content:
      '<p>Bonjour,</p><p>Pouvez-vous me confirmer le nom de votre poste (étiquette sous l&#39;écran, du type <code>PC-COMPTA-xx</code>)&nbsp;? ' +
      'Et votre responsable a-t-il validé la licence&nbsp;?</p>',
    pending: true,
    date: ago(5),
  });

  // ---- being handled ----
  const screen = state.addTicket({
    id: 48,
    name: 'Écran qui clignote depuis la mise à jour',
    content: '<p>L&#39;écran clignote plusieurs fois par minute depuis la mise à jour de vendredi. Capture jointe.</p>',
    type: 1,
    urgency: 3,
    category: 3,
    technician: tech,
    date: ago(3),
  });
  state.attachDocument(screen.id, pngFile('capture-ecran.png'), { date: ago(3) });
  state.addFollowup(screen.id, {
    content: '<p>Écran probablement en fin de vie (2016). Voir s&#39;il en reste un en stock avant de commander.</p>',
    isPrivate: true,
    date: ago(2, 5),
  });
  state.addFollowup(screen.id, { content: '<p>Je passe demain matin vers 9&nbsp;h pour regarder.</p>', date: ago(2, 4) });

  const move = state.addTicket({
    id: 49,
    name: 'Déménagement du poste au bureau 14',
    content: '<p>Je change de bureau le 15&nbsp;: poste, écran et téléphone à déplacer.</p>',
    type: 2,
    urgency: 2,
    technician: tech,
    date: ago(8),
  });
  state.addFollowup(move.id, { content: '<p>Intervention planifiée jeudi à 14&nbsp;h.</p>', date: ago(7) });
  state.setStatus(move.id, PLANNED, { date: ago(7) });

  const outlook = state.addTicket({
    id: 50,
    name: 'Outlook demande le mot de passe en boucle',
    content: '<p>Depuis ce matin, Outlook redemande le mot de passe toutes les 5 minutes.</p>',
    type: 1,
    urgency: 4,
    category: 4,
    technician: tech,
    date: ago(1, 6),
  });
  state.addFollowup(outlook.id, {
    content: '<p>Avez-vous changé votre mot de passe récemment&nbsp;?</p>',
    pending: true,
    date: ago(1, 5),
  });
  state.addFollowup(outlook.id, { content: '<p>Oui, vendredi dernier.</p>', userId: me, date: ago(1, 4) });
  state.addFollowup(outlook.id, {
    content: '<p>Il reste l&#39;ancien mot de passe dans le gestionnaire d&#39;identification Windows, je m&#39;en occupe à distance.</p>',
    date: ago(1, 3),
  });

  // ---- new ----
  const vpn = state.addTicket({
    id: 51,
    name: 'Le VPN se déconnecte toutes les 10 minutes',
    content: '<p>En télétravail, le VPN coupe toutes les 10 minutes environ. Journal de connexion joint.</p>',
    type: 1,
    urgency: 4,
    category: 9,
    date: ago(0, 2),
  });
  // Someone kept informed by address only (an observer without a GLPI account).
  state.addObserver(vpn.id, 'responsable.compta@example.fr');
  state.attachDocument(
    vpn.id,
    new File(['09:02:11 connecté\n09:12:40 déconnecté (timeout)\n09:13:05 connecté\n09:23:31 déconnecté (timeout)\n'], 'journal-vpn.txt', {
      type: 'text/plain',
    }),
    { date: ago(0, 2) },
  );
  state.addTicket({
    id: 52,
    name: 'Demande de second écran',
    content: '<p>Un second écran m&#39;aiderait beaucoup pour les rapprochements bancaires.</p>',
    type: 2,
    urgency: 2,
    category: 1,
    date: ago(0, 1),
  });

  // ---- a colleague's, seen in the organisation's list only ----
  const badge = state.addTicket({
    id: 53,
    name: "Badge d'accès au parking hors service",
    requester: COLLEAGUE.id,
    type: 2,
    urgency: 3,
    technician: tech,
    date: ago(5),
  });
  state.addFollowup(badge.id, { content: '<p>Nouveau badge commandé, livraison sous 48&nbsp;h.</p>', date: ago(4) });
  state.addTicket({
    id: 54,
    name: 'Clavier : touches « é » et « è » inversées',
    content: '<p>Depuis le changement de clavier, les touches é et è sont inversées.</p>',
    requester: COLLEAGUE.id,
    status: NEW,
    urgency: 2,
    category: 3,
    date: ago(1),
  });
  const windows = state.addTicket({
    id: 55,
    name: 'Mise à jour de Windows bloquée à 35 %',
    requester: COLLEAGUE.id,
    technician: tech,
    urgency: 3,
    date: ago(15),
  });
  state.proposeSolution(windows.id, '<p>Mise à jour relancée après nettoyage du cache.</p>', { date: ago(14) });
  state.approveSolution(windows.id, { userId: COLLEAGUE.id, date: ago(13) });

}
