/**
 * The demo's Freshdesk tickets, after seed 003 (an operator's support desk on Freshdesk):
 * Camille Martin (FRESHDESK_REQUESTER) has tickets in every built-in status, answered by
 * Sacha Bernard (FRESHDESK_AGENT): one pending on the agent's question, one resolved, closed
 * ones, an English one, a private note the relay must never let through, and a few files.
 * Julien Dupont (FRESHDESK_COLLEAGUE) has one the relay keeps from Camille. Dates are
 * relative to the fake's clock so the demo always looks current, and some tickets are
 * older than Freshdesk's 30-day default window. The demo's articles (DEMO_ARTICLES) are
 * published for all users.
 */
import { FRESHDESK_COLLEAGUE, FRESHDESK_REQUESTER } from './seed.js';
import { FRESHDESK_CLOSED, FRESHDESK_PENDING, type FreshdeskFakeState } from './state.js';
import { DEMO_ARTICLES } from '../articles.js';

/** A 4×4 PNG (a blue square), small enough to inline. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR42mOQy78JRwzEcQA6YhZhE0xm6gAAAABJRU5ErkJggg==';

const png = (name: string) => new File([Uint8Array.from(atob(PNG), (char) => char.charCodeAt(0))], name, { type: 'image/png' });
const textFile = (name: string, content: string) => new File([content], name, { type: 'text/plain' });

export function addFreshdeskDemoTickets(state: FreshdeskFakeState): void {
  // The solution articles the suggestions find, in a folder for all users.
  for (const { title, html } of DEMO_ARTICLES) state.publishArticle(title, html);
  const now = state.clock().getTime();
  /** `days` (and `hours`) before now. */
  const ago = (days: number, hours = 0) => new Date(now - (days * 24 + hours) * 3_600_000);
  const me = FRESHDESK_REQUESTER.id;

  // ---- closed, older than Freshdesk's 30-day default list ----
  const licence = state.addTicket({
    id: 30412,
    subject: 'Licence du poste de supervision expirée',
    description: '<p>Le poste de supervision affiche « Licence expirée » depuis la mise à jour de ce matin (08:40 heure de Paris).</p>',
    requester: me,
    type: 'Incident',
    priority: 3,
    custom_fields: { cf_station: 'SUPERV-01' },
    created: ago(45),
  });
  state.reply(licence.id, '<p>Bonjour,</p><p>Une nouvelle licence vous a été envoyée par e-mail. Pouvez-vous l&#39;importer et nous confirmer&nbsp;?</p>', {
    date: ago(44, 20),
  });
  state.addConversation(licence.id, { body: '<p>Importée, tout fonctionne. Merci&nbsp;!</p>', incoming: true, private: false, user_id: me, source: 2, date: ago(44, 18) });
  state.setStatus(licence.id, FRESHDESK_CLOSED, ago(44));

  const export_ = state.addTicket({
    id: 30455,
    subject: 'Demande : export mensuel des alarmes au format CSV',
    description: '<p>Serait-il possible d&#39;ajouter un export CSV des alarmes du mois, pour notre rapport qualité&nbsp;?</p>',
    requester: me,
    type: 'Question',
    priority: 1,
    created: ago(38),
  });
  state.resolve(export_.id, '<p>L&#39;export existe déjà : menu <strong>Rapports › Alarmes › Exporter</strong>, format CSV.</p>', { date: ago(37) });
  state.setStatus(export_.id, FRESHDESK_CLOSED, ago(33));

  // ---- resolved: the agent says it is fixed ----
  const sync = state.addTicket({
    id: 30518,
    subject: 'Station 4 : horloge décalée de 2 minutes',
    description:
      '<p>Bonjour,</p><p>Depuis lundi, l&#39;horloge de la station 4 a environ 2 minutes d&#39;avance sur le serveur (constaté le 12 à 14:05, heure locale).</p>' +
      '<p>Les horodatages des événements sont donc faux.</p>',
    requester: me,
    type: 'Incident',
    priority: 2,
    custom_fields: { cf_station: 'STATION-04', cf_client_ref: 'QA-2291' },
    files: [png('horloge-station4.png')],
    created: ago(9),
  });
  state.note(sync.id, '<p>Le client NTP de la station pointait vers l&#39;ancien serveur. À surveiller après correction.</p>', { date: ago(8, 6) });
  state.resolve(sync.id, '<p>La station 4 se synchronise de nouveau sur le serveur de temps. L&#39;écart est nul depuis ce matin.</p>', { date: ago(2) });

  // ---- pending: the agent asks a question ----
  const alarms = state.addTicket({
    id: 30561,
    subject: 'Alarmes en double sur le tableau de bord',
    description: '<p>Chaque alarme apparaît deux fois sur le tableau de bord depuis vendredi. Capture jointe.</p>',
    requester: me,
    type: 'Incident',
    priority: 3,
    custom_fields: { cf_site: 'Lyon 3e' },
    files: [png('alarmes-doublons.png')],
    created: ago(5),
  });
  state.reply(alarms.id, '<p>Bonjour Camille,</p><p>Pouvez-vous nous envoyer le fichier <code>collector.log</code> du serveur, et l&#39;ID d&#39;une alarme en double&nbsp;?</p>', {
    status: FRESHDESK_PENDING,
    date: ago(4, 2),
  });

  // ---- open ----
  const vpn = state.addTicket({
    id: 30588,
    subject: 'VPN drops every ten minutes at the Grenoble office',
    description:
      '<p>Since this morning (09:15 CET) the site-to-site VPN between Grenoble and the data centre drops every ten minutes.</p>' +
      '<p>Users lose their sessions on the supervision client.</p>',
    requester: me,
    type: 'Incident',
    priority: 4,
    custom_fields: { cf_site: 'Grenoble' },
    files: [textFile('vpn-log.txt', '09:15:02 IKE SA expired\n09:25:04 IKE SA expired\n')],
    created: ago(0, 5),
  });
  state.reply(vpn.id, '<p>We are on it: the tunnel renegotiates too often. We will call you at 14:00.</p>', { date: ago(0, 3) });

  state.addTicket({
    id: 30590,
    subject: 'Nouveau compte pour la stagiaire du service qualité',
    description: '<ul><li>Nom : Léa Fontaine</li><li>Arrivée : lundi</li><li>Accès : supervision en lecture seule</li></ul>',
    requester: me,
    type: 'Question',
    priority: 1,
    created: ago(1),
  });

  // ---- someone else's: never shown to Camille ----
  state.addTicket({
    id: 30575,
    subject: 'Imprimante des étiquettes hors ligne',
    description: '<p>L&#39;imprimante du quai 2 ne répond plus.</p>',
    requester: FRESHDESK_COLLEAGUE.id,
    type: 'Incident',
    priority: 2,
    created: ago(3),
  });
}
