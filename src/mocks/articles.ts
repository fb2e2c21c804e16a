/**
 * The demo's knowledge base, the same few articles on every fake helpdesk (each holds them
 * in its own shape): what the suggestions under a ticket's title find in the demo and the
 * tests. Each article is written in one language, as a helpdesk's are; the widget shows
 * it as it is.
 */
export interface DemoArticle {
  title: string;
  /** The article's body as the helpdesk's editor saves it: HTML. */
  html: string;
}

export const DEMO_ARTICLES: readonly DemoArticle[] = [
  {
    title: 'Le VPN se déconnecte toutes les 10 minutes',
    html:
      '<p>Si le VPN se coupe régulièrement, vérifiez d’abord que le client est à jour (version 5.2 ou plus).</p>' +
      '<ol><li>Quittez le client VPN.</li><li>Désactivez la mise en veille du Wi-Fi dans les options d’alimentation.</li><li>Reconnectez-vous.</li></ol>' +
      '<p>Si la coupure continue, ouvrez un ticket en joignant le journal du client.</p>',
  },
  {
    title: 'Réinitialiser son mot de passe Windows',
    html:
      '<p>Depuis l’écran de connexion, choisissez <strong>Mot de passe oublié</strong>, puis suivez les étapes envoyées par SMS.</p>' +
      '<p>Le nouveau mot de passe doit compter 12 caractères. Ne le communiquez jamais, pas même au support.</p>',
  },
  {
    title: 'Imprimante : bourrage papier',
    html: '<p>Ouvrez le capot avant, retirez la feuille coincée en tirant vers vous, puis refermez. Si le voyant reste orange, éteignez l’imprimante 30 secondes.</p>',
  },
  {
    title: 'Outlook asks for my password again and again',
    html:
      '<p>When Outlook keeps asking for your password, your saved credentials are out of date.</p>' +
      '<ol><li>Close Outlook.</li><li>Open <em>Credential Manager</em> and remove the entries that start with <code>MicrosoftOffice</code>.</li><li>Start Outlook and sign in once.</li></ol>',
  },
  {
    title: 'Connect to the office Wi-Fi',
    html: '<p>Choose the <strong>CORP</strong> network and sign in with your usual login. Guests use <strong>CORP-GUEST</strong>, with the code given at the reception desk.</p>',
  },
];
