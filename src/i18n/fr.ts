/** French interface text: same keys as `en.ts`, enforced by `Messages`. */
import type { Messages } from './en.js';

export const fr: Messages = {
  lang: 'fr',
  form: {
    heading: 'Ouvrir un ticket de support',
    intro: 'Les champs marqués * sont obligatoires. Ce que vous saisissez reste ici jusqu’à ce que le ticket soit accepté.',
    optional: 'facultatif',
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
    examplesLabel: 'Par exemple :',
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
    hint: 'Quelques mots factuels sur le problème réel, par ex. « Mails rejetés depuis machine@exemple.org vers personne@exemple.net ».',
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
    hint: 'Soyez le plus précis possible. Pour une application web : sous quel compte, et l’adresse de la page.',
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
  followUp: {
    label: 'M’informer des suites par e-mail',
    email: 'Adresse de messagerie pour le suivi',
    emailHint: 'De préférence la vôtre, pas une adresse partagée.',
  },
  attachments: {
    label: 'Pièces jointes',
    hint: (max: number, size: string) =>
      max === 1
        ? `Un fichier, ${size} au maximum : une capture d’écran, un journal.`
        : `Jusqu’à ${max} fichiers de ${size} chacun : captures d’écran, journaux.`,
    off: 'Ce support n’accepte pas de pièces jointes.',
    remove: (name: string) => `Retirer ${name}`,
    refused: (refusal, size) => {
      switch (refusal.reason) {
        case 'too-big':
          return `« ${refusal.name} » est refusé : il dépasse ${size}.`;
        case 'wrong-type':
          return `« ${refusal.name} » est refusé : ce type de fichier n’est pas accepté.`;
        case 'too-many':
          return `« ${refusal.name} » est refusé : ${refusal.limit} fichier(s) au maximum.`;
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
  retryIn: (seconds: number) => `Vous pourrez réessayer dans ${seconds} s.`,
  success: {
    heading: (id: string) => `Le ticket ${id} est enregistré`,
    body: 'Votre prestataire a été prévenu. Gardez ce numéro pour suivre le ticket.',
    link: 'Voir le ticket sur le support',
    another: 'Ouvrir un autre ticket',
    failedFiles: 'Ces fichiers n’ont pas pu être joints ; ajoutez-les en réponse au ticket :',
  },
  signIn: {
    heading: 'Connectez-vous à votre support',
    intro: 'Avec l’identifiant fourni par votre prestataire. Vous pouvez remplir le formulaire en attendant.',
    login: 'Identifiant',
    password: 'Mot de passe',
    submit: 'Se connecter',
    signingIn: 'Connexion…',
    expired: 'Votre session a pris fin : reconnectez-vous. Votre ticket est conservé et sera envoyé.',
    signOut: 'Se déconnecter',
  },
  config: {
    heading: 'Ce formulaire de support est mal configuré',
    missing: 'Aucune configuration : indiquez l’id d’un script JSON dans l’attribut config, un objet config, ou les attributs backend et endpoint.',
    badJson: (id: string, message: string) => `Le script #${id} ne contient pas de JSON valide : ${message}`,
    notFound: (id: string) => `Aucun <script type="application/json" id="${id}"> dans la page.`,
    forAdmin: 'Pour l’administrateur du site :',
  },
};
