/**
 * French interface text: same keys as `en.ts`, enforced by `Messages`. Complete on its
 * own, so a French page loads this module and not the English one. French counts 0 and
 * 1 as singular ("0 ticket"): words that agree with a number go through `plural()`.
 */
import type { Messages } from './en.js';
import { plural } from './plural.js';

/** A count as written in French: 10 000 (thin no-break space). */
const n = (value: number) => value.toLocaleString('fr-FR');

export const fr: Messages = {
  lang: 'fr',
  form: {
    heading: 'Ouvrir un ticket de support',
    intro: 'Les champs marqués * sont obligatoires. Ce que vous saisissez reste ici jusqu’à ce que le ticket soit accepté.',
    optional: 'facultatif',
    more: 'Plus de détails (facultatif)',
  },
  type: {
    legend: 'Est-ce un incident ou une demande ?',
    names: { incident: 'Incident', request: 'Demande' },
    hints: {
      incident: 'Un problème rencontré sur une installation existante.',
      request: 'Une installation nouvelle : un poste, un utilisateur, un logiciel.',
    },
  },
  urgency: {
    legend: 'Urgence',
    names: { 'very-low': 'Très basse', low: 'Basse', medium: 'Moyenne', high: 'Haute', 'very-high': 'Très haute' },
    chooseFirst: 'Choisissez l’urgence : l’explication de chaque niveau s’affiche ici.',
    bands: {
      later: 'À prévoir plus tard : n’impacte pas le travail dans l’entreprise.',
      moderate: 'Peu de conséquences à court ou moyen terme.',
      critical: 'Impact considérable ou arrêt de production, entraînant des pertes pour la société.',
    },
    examplesLabel: 'Exemples',
    examples: {
      later: ['une amélioration qui peut attendre', 'une question sans échéance'],
      moderate: ['la création d’une boîte mail', 'la création d’un utilisateur', 'un conseil ou une information', 'une demande de devis'],
      critical: ['un serveur en panne', 'un ordinateur en panne qui met son utilisateur au chômage technique'],
    },
    honest: 'Si tout est très urgent, plus rien n’est urgent : gardez ce niveau pour les vrais arrêts, ils seront traités en premier.',
  },
  contacts: {
    heading: 'Comment nous joindre pour cette urgence',
    none: 'Envoyez ce ticket : c’est ainsi que votre demande est prise en charge.',
    ticketAlways: 'Quel que soit le moyen de contact, un ticket est nécessaire : sans ticket, la demande n’est pas prise en charge.',
    phoneInWriting: 'Après un appel, ce ticket garde la trace écrite.',
    kinds: { email: 'E-mail', phone: 'Téléphone', url: 'Site web' },
  },
  title: {
    label: 'Titre',
    hint: 'Quelques mots factuels, par ex. « Mails rejetés depuis machine@exemple.org ».',
    advice: {
      'too-short': 'Ajoutez quelques mots : quoi, et où ?',
      'too-long': 'Gardez un titre court ; les détails vont dans la description.',
      shouting: 'Inutile d’écrire en capitales ou « URGENT » : le niveau d’urgence le dit.',
      exclamations: 'Les points d’exclamation n’accélèrent rien : décrivez plutôt le problème.',
      vague: 'Dites ce qui ne marche pas : quel outil, quel message, depuis quand.',
    },
  },
  description: {
    label: 'Description',
    hint: 'Le plus précis possible : quel compte, quelle page, quel message.',
    helpSummary: 'M’aider à décrire (qui, quoi, où, quand, comment, combien, pourquoi)',
    insertTemplate: 'Insérer ces questions dans la description',
    prompts: {
      who: 'Qui',
      what: 'Quoi',
      where: 'Où',
      when: 'Quand',
      how: 'Comment',
      'how-much': 'Combien',
      why: 'Pourquoi',
    },
    promptHints: {
      who: 'qui est concerné, qui d’autre est impliqué',
      what: 'quel outil ou équipement (Thunderbird, le poste 15…)',
      where: 'au travail, à la maison, en mobilité ; quel site, quel bâtiment',
      when: 'date et heure, à la minute pour un événement ponctuel',
      how: 'dans quelles conditions cela se produit',
      'how-much': 'à quel rythme, combien de personnes ou de postes',
      why: 'vos hypothèses, si vous en avez',
    },
    answered: 'renseigné',
  },
  questions: {
    heading: 'Informations demandées par votre prestataire',
  },
  category: {
    label: 'Catégorie',
    choose: 'Choisissez une catégorie…',
    chooseTypeFirst: 'Choisissez d’abord incident ou demande',
    loading: 'Chargement des catégories…',
    failed: 'Les catégories n’ont pas pu être chargées ; le technicien en choisira une.',
    hint: 'Le technicien peut la modifier.',
  },
  equipment: {
    label: 'Le ticket porte sur',
    none: 'Aucun de mes matériels',
    loading: 'Chargement de vos matériels…',
    failed: 'Vos matériels n’ont pas pu être chargés.',
  },
  phone: {
    label: 'Numéro pour vous rappeler',
    hint: 'Un numéro où l’on peut vous joindre directement.',
  },
  cc: {
    label: 'Personnes à tenir informées',
    hint: 'Leurs adresses e-mail, séparées par des virgules : le support les met en copie de ses messages.',
  },
  followUp: {
    label: 'M’informer des suites par e-mail',
    email: 'Adresse de messagerie pour le suivi',
    emailHint: 'De préférence la vôtre, pas une adresse partagée.',
  },
  attachments: {
    label: 'Pièces jointes',
    hint: (max: number, size: string) =>
      `${max === 1 ? `Un fichier, ${size} au maximum` : `Jusqu’à ${max} fichiers de ${size} chacun`} ; une capture peut aussi être collée dans le texte.`,
    off: 'Ce support n’accepte pas de pièces jointes.',
    zone: (max) => (max === 1 ? 'Déposez un fichier ici, ou choisissez-le' : 'Déposez des fichiers ici, ou choisissez-les'),
    added: (names) => `Joint : ${names.join(', ')}.`,
    pastedName: 'capture',
    remove: (name: string) => `Retirer ${name}`,
    removeShort: 'Retirer',
    refused: (refusal, size) => {
      switch (refusal.reason) {
        case 'too-big':
          return `« ${refusal.name} » est refusé : il dépasse ${size}.`;
        case 'wrong-type':
          return `« ${refusal.name} » est refusé : ce type de fichier n’est pas accepté.`;
        case 'too-many':
          return `« ${refusal.name} » est refusé : ${plural('fr', refusal.limit ?? 0, { one: `${refusal.limit} fichier`, other: `${refusal.limit} fichiers` })} au maximum.`;
        case 'empty':
          return `« ${refusal.name} » est refusé : le fichier est vide.`;
      }
    },
  },
  secrets: {
    heading: 'Cela ressemble à un secret',
    body: 'N’envoyez jamais de mot de passe ni d’autre secret dans un ticket : toute personne qui le traite peut le lire. Trouvé :',
    kinds: {
      password: 'un mot de passe',
      'private-key': 'une clé privée',
      'api-token': 'un jeton d’accès ou une clé d’API',
      'card-number': 'un numéro de carte bancaire',
    },
    inline: 'Votre saisie ressemble à un secret : elle sera signalée avant l’envoi.',
    remove: 'Les retirer et envoyer',
    sendAnyway: 'Envoyer tel quel',
    cancel: 'Revenir au formulaire',
  },
  submit: {
    send: 'Envoyer le ticket',
    sending: 'Envoi…',
    summaryHeading: 'Le ticket n’est pas encore envoyé. Vérifiez :',
    reasons: {
      required: 'est obligatoire',
      'too-long': 'est trop long',
      'invalid-email': 'n’est pas une adresse e-mail valide',
      'invalid-phone': 'n’est pas un numéro de téléphone valide',
      'invalid-number': 'doit être un nombre',
      'invalid-date': 'n’est pas une date valide',
    },
    typeLabel: 'Incident ou demande',
    failedHeading: 'Le ticket n’a pas pu être envoyé',
    kept: 'Tout ce que vous avez saisi est conservé.',
    technical: 'Détail technique',
  },
  errors: {
    auth: 'Votre support n’a pas accepté la connexion. Reconnectez-vous, puis envoyez.',
    forbidden: 'Votre compte n’a pas le droit de faire cela sur le support. Contactez votre prestataire.',
    validation: 'Le support a refusé le ticket en l’état. Vérifiez les champs, puis renvoyez.',
    'not-found': 'Le support n’a pas trouvé ce qui était demandé.',
    'rate-limited': 'Le support reçoit trop de demandes. Patientez un instant, puis renvoyez.',
    network: 'Le support est injoignable. Vérifiez votre connexion, puis renvoyez.',
    timeout: 'Le support a mis trop de temps à répondre. Réessayez dans un instant.',
    server: 'Le support a rencontré une erreur interne. Réessayez dans un instant ; si cela persiste, appelez votre prestataire.',
    'bad-response': 'Le support a répondu de façon inattendue. Votre prestataire doit vérifier son adresse.',
    setup: 'Le support n’est pas configuré pour accepter ce formulaire. Prévenez votre prestataire ; le détail technique l’aidera.',
  },
  errorReasons: {
    'two-factor':
      'Votre compte sur le support utilise la double authentification : le support n’accepte donc pas son mot de passe ici. Utilisez plutôt un jeton d’accès personnel (sur le support : votre profil › Jeton d’accès), ou demandez à votre prestataire comment le donner à cette page.',
    'group-refused':
      'Le support refuse les nouveaux tickets dans le groupe où ce formulaire les envoie (réglage backend.group). Prévenez votre prestataire : il doit ouvrir ce groupe aux clients, ou en choisir un autre ; le détail technique l’aidera.',
  },
  retryIn: (seconds: number) => `Vous pourrez réessayer dans ${seconds} s.`,
  success: {
    heading: (id: string) => `Le ticket ${id} est enregistré`,
    body: 'Votre prestataire a été prévenu. Gardez ce numéro pour suivre le ticket.',
    link: 'Voir le ticket sur le support',
    another: 'Ouvrir un autre ticket',
    failedFiles: 'Ces fichiers n’ont pas pu être joints ; ajoutez-les en réponse au ticket :',
  },
  queued: {
    heading: 'Votre ticket est enregistré et sera envoyé',
    body: (kind, offline) =>
      offline
        ? 'Cet appareil est hors ligne. Votre ticket y est gardé et partira de lui-même dès le retour de la connexion, même après un rechargement : vous n’avez rien d’autre à faire.'
        : `${kind === 'rate-limited' ? 'Le support reçoit trop de demandes en ce moment.' : kind === 'server' ? 'Le support est en panne pour le moment.' : 'Le support est injoignable pour le moment.'} Votre ticket est gardé sur cet appareil et partira de lui-même dès que le support répondra de nouveau, même après un rechargement : vous n’avez rien d’autre à faire.`,
    notKept: 'Ce navigateur ne le gardera pas une fois la page fermée : laissez cette page ouverte jusqu’à son envoi.',
    hostSignIn: 'Votre session a pris fin : reconnectez-vous à votre application. Votre ticket est gardé et partira dès votre reconnexion.',
  },
  outbox: {
    heading: 'Tickets en attente d’envoi',
    sentHeading: 'Tickets envoyés entre-temps',
    waiting: 'Partira dès que le support sera joignable.',
    nextAttempt: (time) => `Prochain essai à ${time}.`,
    sending: 'Envoi en cours…',
    failed: 'Non envoyé :',
    sent: (id) => `Envoyé : ticket ${id}.`,
    sendNow: 'Envoyer maintenant',
    cancel: 'Annuler',
  },
  draft: {
    restored: 'Brouillon restauré',
    discard: 'Supprimer',
    notKept: 'Ce navigateur ne garde pas les brouillons : ce que vous saisissez ici ne survivra pas à un rechargement.',
  },
  signIn: {
    heading: 'Connectez-vous à votre support',
    intro: 'Avec l’identifiant fourni par votre prestataire. Rien de ce que vous avez saisi n’est perdu en attendant.',
    login: 'Identifiant',
    password: 'Mot de passe',
    submit: 'Se connecter',
    signingIn: 'Connexion…',
    refused: 'Identifiant ou mot de passe incorrect : vérifiez-les, puis reconnectez-vous.',
    expired: 'Votre session a pris fin : reconnectez-vous. Votre ticket est conservé et sera envoyé.',
    signOut: 'Se déconnecter',
  },
  status: {
    groups: { open: 'En cours', waiting: 'En attente de votre part', solved: 'Résolus', closed: 'Clos' },
  },
  list: {
    heading: 'Vos tickets',
    scopeLegend: 'Tickets affichés',
    scopes: { mine: 'Les miens', organisation: 'Ceux de mon organisation' },
    search: 'Trouver un ticket',
    searchHint: 'Son numéro, ou des mots de son titre.',
    filterLegend: 'Statut',
    all: 'Tous',
    refresh: 'Actualiser',
    loading: 'Chargement de vos tickets…',
    loadingMore: (loaded, total) => `Chargement de la suite : ${n(loaded)}${total ? ` sur ${n(total)}` : ''}…`,
    cut: (loaded, total) =>
      `${plural('fr', loaded, { one: 'seul le plus récent', other: `seuls les ${n(loaded)} plus récents` })}${total ? ` sur ${n(total)}` : ''} ${plural('fr', loaded, { one: 'est listé', other: 'sont listés' })} ici : retrouvez les tickets plus anciens sur le support lui-même`,
    shown: (shown, all) =>
      shown === all
        ? plural('fr', all, { one: `${n(all)} ticket`, other: `${n(all)} tickets` })
        : plural('fr', shown, { one: `${n(shown)} ticket affiché sur ${n(all)}`, other: `${n(shown)} tickets affichés sur ${n(all)}` }),
    empty: 'Aucun ticket pour l’instant. Les tickets que vous ouvrez apparaissent ici.',
    noMatch: 'Aucun ticket ne correspond à cette recherche.',
    clearFilters: 'Afficher tous les tickets',
    failedHeading: 'Vos tickets n’ont pas pu être chargés',
    retry: 'Réessayer',
    number: (id) => `N° ${id}`,
    opened: 'Ouvert le',
    updated: 'Mis à jour le',
    urgency: 'Urgence',
    requester: 'Demandeur',
    fact: (label, value) => `${label} : ${value}`,
    back: 'Retour à la liste',
    rowsHint: 'Les flèches haut et bas passent d’un ticket à l’autre, Entrée ouvre le ticket.',
    unavailable: {
      email: 'Ce support fonctionne par courriel : ses réponses arrivent dans votre messagerie. Pour compléter une demande, répondez à l’accusé de réception reçu.',
      other: 'Ce support ne permet pas de suivre les tickets depuis cette page : suivez-les sur l’outil du support, ou dans les courriels qu’il vous envoie.',
    },
  },
  detail: {
    loading: 'Chargement du ticket…',
    newEntries: (count, author) => (count === 1 ? `Nouveau message${author ? ` de ${author}` : ''}` : `${count} nouveaux messages`),
    statusNow: (status) => `Statut désormais : ${status}`,
    nothingNew: 'Pas de nouveau message',
    failedHeading: 'Ce ticket n’a pas pu être chargé',
    heading: (id) => `Ticket ${id}`,
    category: 'Catégorie',
    onHelpdesk: 'Le voir sur le support',
    threadHeading: 'Historique',
    kinds: { description: 'Demande', followup: 'Réponse', solution: 'Solution proposée' },
    sides: { requester: 'demandeur', helpdesk: 'support' },
    approval: { waiting: 'en attente de votre validation', accepted: 'acceptée', refused: 'refusée' },
    shortened: (length) =>
      `Message long : seul son début est affiché ici (${length.toLocaleString('fr')} ${plural('fr', length, { one: 'caractère', other: 'caractères' })} en tout). Le support l’a en entier.`,
    unknownAuthor: 'Support',
    documentsHeading: 'Fichiers joints',
    download: 'Télécharger',
    downloadFailed: (name) => `« ${name} » n’a pas pu être téléchargé.`,
    solution: {
      heading: 'Une solution est proposée',
      question: 'Résout-elle votre problème ? Votre réponse clôt ou rouvre le ticket.',
      approve: 'Oui, c’est résolu',
      refuse: 'Non, ce n’est pas résolu',
      reasonLabel: 'Qu’est-ce qui ne va toujours pas ?',
      reasonHint: 'Le technicien le lira à la réouverture du ticket.',
      sendRefusal: 'Rouvrir le ticket',
      autoClose: (date) => `Sans réponse de votre part, le ticket sera clos automatiquement le ${date}.`,
      autoCloseAround: (date) => `Sans réponse de votre part, le ticket sera clos automatiquement vers le ${date}.`,
      approved: 'Merci : la solution est validée et le ticket est clos.',
      refused: 'Le ticket est rouvert avec votre explication.',
    },
    reply: {
      heading: 'Répondre',
      label: 'Votre réponse',
      hint: 'Répondez au technicien ici plutôt que d’ouvrir un nouveau ticket.',
      send: 'Envoyer la réponse',
      sending: 'Envoi…',
      sent: 'Votre réponse a été ajoutée au ticket.',
      empty: 'Écrivez d’abord votre réponse.',
      failedHeading: 'La réponse n’a pas pu être envoyée',
    },
    people: {
      button: 'Ajouter des personnes à tenir informées',
      send: 'Les ajouter',
      invalid: 'Saisissez leurs adresses e-mail, séparées par des virgules.',
      done: 'Elles seront tenues informées.',
    },
    close: {
      button: 'Clôturer ce ticket',
      confirm: 'Clôturez-le si vous n’en avez plus besoin. Vous pourrez le rouvrir ensuite.',
      yes: 'Clôturer le ticket',
      no: 'Le garder ouvert',
      done: 'Le ticket est clôturé.',
    },
    reopen: {
      button: 'Rouvrir ce ticket',
      reasonLabel: 'Pourquoi le rouvrir ?',
      send: 'Rouvrir le ticket',
      done: 'Le ticket est rouvert.',
    },
    reasonRequired: 'Dites pourquoi : le technicien en a besoin.',
    cancel: 'Annuler',
    actionFailedHeading: 'L’action n’a pas pu aboutir',
    closedNote: 'Ce ticket est clos : rouvrez-le pour répondre.',
    followUp: {
      note: 'Ce ticket est clos et le support ne permet pas de le rouvrir. Si le problème revient, ouvrez un nouveau ticket qui s’y réfère.',
      button: 'Ouvrir un nouveau ticket à ce sujet',
      reasonLabel: 'Qu’est-ce qui ne va plus ?',
      send: 'Ouvrir le nouveau ticket',
      title: (id, title) => `Suite du n° ${id} : ${title}`,
      refersTo: (id, url) => `Suite du ticket n° ${id}${url ? ` (${url})` : ''}, qui est clos.`,
      done: (id) => `Le ticket ${id} est ouvert : il se réfère à celui-ci.`,
    },
  },
  config: {
    heading: 'Ce formulaire de support est mal configuré',
    missing: 'Aucune configuration : indiquez l’id d’un script JSON dans l’attribut config, un objet config, ou les attributs backend et endpoint.',
    badJson: (id: string, message: string) => `Le script #${id} ne contient pas de JSON valide : ${message}`,
    notFound: (id: string) => `Aucun <script type="application/json" id="${id}"> dans la page.`,
    forAdmin: 'Pour l’administrateur du site :',
  },
  email: {
    typeLabel: 'Type',
    mailtoIntro: (to: string) => `Ce formulaire rédige un e-mail à ${to} : votre messagerie s’ouvre avec, prêt à envoyer.`,
    openMailClient: 'Ouvrir le message dans ma messagerie',
    openedHeading: 'Votre messagerie s’est ouverte avec le message',
    openedBody: (to: string) => `Envoyez-le depuis votre messagerie : rien n’arrive à ${to} tant que vous ne l’avez pas envoyé.`,
    openAgain: 'Rouvrir le message',
    nothingOpened: 'Rien ne s’est ouvert, ou vous utilisez un webmail ?',
    copyInstead: (to: string) => `Écrivez à ${to} avec cet objet et ce texte :`,
    shortened: 'Le message est trop long pour un lien de messagerie, il y est donc coupé : remplacez son texte par le texte complet ci-dessous.',
    subject: 'Objet',
    text: 'Texte du message',
    copy: 'Copier le texte',
    copied: 'Copié.',
    attachInMailClient: 'Les fichiers ne peuvent pas être ajoutés ici : joignez vos captures d’écran ou journaux dans votre messagerie, une fois le message ouvert.',
    sentHeading: (to: string) => `Votre message a été envoyé à ${to}`,
    sentBody: 'L’équipe d’assistance vous répond par e-mail.',
    replyNote: 'Pour compléter cette demande, répondez au mail d’accusé de réception que vous allez recevoir : un nouveau message ouvrirait une nouvelle demande.',
    replyTo: 'Votre adresse e-mail, pour la réponse',
    replyToShort: 'Votre adresse e-mail',
    replyToHint: 'L’accusé de réception et les réponses arrivent à cette adresse.',
    outboxSent: 'Envoyé par e-mail.',
  },
};
