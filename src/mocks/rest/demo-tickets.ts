/**
 * The demo's tickets on the example REST server, as a SaaS application's support
 * panel would hold them: Camille Martin has one in each status (one waiting for her
 * answer, one solved with a solution to approve, a closed one with a file), Julien
 * Dupont of the same organisation two more. Dates are relative to the store's clock.
 */
import { REST_COLLEAGUE, type RestStore } from './store.js';
import { DEMO_ARTICLES } from '../articles.js';

/** A 4×4 PNG (a blue square), small enough to inline. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR42mOQy78JRwzEcQA6YhZhE0xm6gAAAABJRU5ErkJggg==';

const pngFile = (name: string) => new File([Uint8Array.from(atob(PNG), (char) => char.charCodeAt(0))], name, { type: 'image/png' });

export function addRestDemoTickets(store: RestStore): void {
  for (const { title, html } of DEMO_ARTICLES) store.publishArticle(title, html);
  const now = store.clock().getTime();
  /** `days` (and `hours`) before now. */
  const ago = (days: number, hours = 0) => new Date(now - (days * 24 + hours) * 3_600_000);

  const invoice = store.addTicket({
    title: 'Export CSV des factures : colonnes décalées',
    description: 'Depuis la mise à jour de lundi, l’export CSV des factures décale la colonne « Montant TTC » d’un cran.\n\nCompte : acme-compta',
    type: 'incident',
    urgency: 'medium',
    categoryId: 'export',
    openedAt: ago(21),
  });
  store.addEntry(invoice, 'followup', 'Capture de l’export :', { authorId: invoice.requesterId, files: [pngFile('export-factures.png')], date: ago(21, -1) });
  store.reply(invoice.id, 'Merci, c’est reproduit : un séparateur mal échappé. Correctif déployé ce soir.', { date: ago(20) });
  store.solve(invoice.id, 'Corrigé en version 4.12.1 : les exports sont de nouveau alignés.', { date: ago(19) }).approval = 'accepted';
  store.setStatus(invoice.id, 'closed');
  invoice.updatedAt = ago(12);

  const sso = store.addTicket({
    title: 'Connexion SSO refusée pour les nouveaux comptes',
    description: 'Les comptes créés depuis hier reçoivent « Accès refusé » à la connexion par SSO.',
    urgency: 'high',
    categoryId: 'access',
    openedAt: ago(3),
  });
  store.reply(sso.id, '<p>Pouvez-vous nous donner <strong>l’adresse e-mail</strong> d’un des comptes concernés ?</p>', { waiting: true, html: true, date: ago(2, 20) });

  const seats = store.addTicket({
    title: 'Add 5 seats to our subscription',
    description: 'We are hiring five people in March: please add five seats from 1 March.',
    type: 'request',
    urgency: 'low',
    categoryId: 'billing',
    openedAt: ago(6),
  });
  store.reply(seats.id, 'Done: the five seats are active from 1 March; the next invoice shows them.', { date: ago(5) });
  store.solve(seats.id, 'Five seats added from 1 March.', { date: ago(5, -1) });

  store.addTicket({ title: 'Le tableau de bord met 20 s à s’afficher', description: 'Le matin entre 9 h et 10 h surtout.', urgency: 'medium', categoryId: 'bug', openedAt: ago(0, 5) });

  const report = store.addTicket({ title: 'Rapport mensuel vide pour février', requesterId: REST_COLLEAGUE.id, categoryId: 'export', openedAt: ago(9) });
  store.reply(report.id, 'Nous regardons : le calcul de février est relancé cette nuit.', { date: ago(8) });
  store.addTicket({ title: 'Change the billing address', requesterId: REST_COLLEAGUE.id, type: 'request', urgency: 'very-low', categoryId: 'billing', openedAt: ago(1) });
}
