import type { HelpdeskConfigInput } from '../src/config/index.js';

/** The demo provider: seed 000's channels, seed 004's product questions, seed 001's file limit. */
export const demoConfig = {
  backend: { type: 'glpi', url: '/fake-glpi/apirest.php' },
  contacts: [
    { kind: 'email', label: 'Support', value: 'support@example.fr', from: 'very-low' },
    { kind: 'phone', label: { fr: 'Agence', en: 'Agency' }, value: '+33 4 00 00 00 00', from: 'medium', note: { fr: '9h–18h', en: '9am–6pm' } },
    { kind: 'phone', label: { fr: 'Votre ingénieur', en: 'Your engineer' }, value: '+33 6 00 00 00 00', from: 'high' },
  ],
  questions: [
    { id: 'account', label: { fr: 'Nom du compte ceBox', en: 'ceBox account name' }, required: true },
    {
      id: 'stations',
      label: { fr: 'Nombre de postes impactés', en: 'Number of workstations affected' },
      input: 'number',
      onlyFor: { type: 'incident' },
    },
    {
      id: 'since',
      label: { fr: 'Heure d’apparition, même approximative', en: 'When it started, even roughly' },
      input: 'datetime-local',
      onlyFor: { type: 'incident' },
    },
    {
      id: 'tried',
      label: { fr: 'Actions déjà effectuées', en: 'What you already tried' },
      input: 'textarea',
      onlyFor: { type: 'incident' },
    },
  ],
  attachments: { maxFiles: 3, maxFileSize: 2 * 1024 * 1024 },
  // Seed 004: a solved ticket closes by itself after 7 days without an answer.
  tickets: { organisation: true, autoCloseDays: 7 },
  // Answers before tickets: the helpdesk's articles and the person's own open tickets, as the problem is typed.
  articles: { enabled: true },
} satisfies HelpdeskConfigInput;
