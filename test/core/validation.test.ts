import { expect } from '@open-wc/testing';
import { parseConfig, type HelpdeskConfig } from '../../src/config/index.js';
import {
  ccAddresses,
  isEmail,
  isPhoneNumber,
  validateTicketForm,
  visibleQuestions,
  type FormContext,
  type TicketFormValues,
} from '../../src/core/validation.js';

function config(extra: Record<string, unknown> = {}): HelpdeskConfig {
  const result = parseConfig({ backend: { type: 'glpi', url: 'https://helpdesk.example.org/apirest.php' }, ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

function filled(overrides: Partial<TicketFormValues> = {}): TicketFormValues {
  return {
    type: 'incident',
    urgency: 'medium',
    title: 'Imprimante du 3e étage hors ligne depuis 9h',
    description: 'Plus personne ne peut imprimer au 3e étage.',
    answers: {},
    phone: '',
    followUpByEmail: false,
    followUpEmail: '',
    cc: '',
    ...overrides,
  };
}

const OFFERED: FormContext = { categoriesOffered: true, equipmentOffered: true };
const NOT_OFFERED: FormContext = { categoriesOffered: false, equipmentOffered: false };

const QUESTIONS = [
  { id: 'account', label: 'Nom du compte ceBox', required: true },
  { id: 'stations', label: 'Nombre de postes impactés', input: 'number', onlyFor: { type: 'incident' } },
  { id: 'since', label: 'Heure d’apparition', input: 'datetime-local', onlyFor: { type: 'incident', categories: [12, 'net'] } },
  { id: 'wanted', label: 'Date souhaitée', input: 'date', required: true, onlyFor: { type: 'request' } },
  { id: 'ip', label: 'IP ceBox', onlyFor: { categories: ['12'] } },
  { id: 'any', label: 'Remarque', onlyFor: { categories: [] } },
];

describe('ticket form validation', () => {
  describe('visibleQuestions', () => {
    const questions = config({ questions: QUESTIONS }).questions;
    const ids = (type?: 'incident' | 'request', category?: string) =>
      visibleQuestions(questions, type, category).map((q) => q.id);

    it('shows unrestricted questions always, in configuration order', () => {
      expect(ids()).to.deep.equal(['account', 'any']);
    });

    it('shows type-bound questions once that type is chosen', () => {
      expect(ids('incident')).to.deep.equal(['account', 'stations', 'any']);
      expect(ids('request')).to.deep.equal(['account', 'wanted', 'any']);
    });

    it('shows category-bound questions for those categories, numbers and strings alike', () => {
      expect(ids('incident', '12')).to.deep.equal(['account', 'stations', 'since', 'ip', 'any']);
      expect(ids('incident', 'net')).to.deep.equal(['account', 'stations', 'since', 'any']);
      expect(ids('request', '12')).to.deep.equal(['account', 'wanted', 'ip', 'any']);
      expect(ids(undefined, '12')).to.deep.equal(['account', 'ip', 'any']);
      expect(ids('incident', '7')).to.deep.equal(['account', 'stations', 'any']);
    });
  });

  describe('validateTicketForm', () => {
    it('accepts a filled form', () => {
      expect(validateTicketForm(filled(), config(), OFFERED)).to.deep.equal([]);
    });

    it('lists every missing required field in form order', () => {
      const values = filled({ type: undefined, urgency: undefined, title: '  ', description: '\n' });
      expect(validateTicketForm(values, config(), OFFERED)).to.deep.equal([
        { field: 'type', reason: 'required' },
        { field: 'urgency', reason: 'required' },
        { field: 'title', reason: 'required' },
        { field: 'description', reason: 'required' },
      ]);
    });

    it('takes text of invisible characters only (zero-width, bidi marks, BOM) for empty', () => {
      const invisible = '\u200B\u200C\u200D\u2060\uFEFF\u202E\u200F '.repeat(3);
      const values = filled({ title: invisible, description: `\n${invisible}\n`, answers: { account: invisible } });
      expect(validateTicketForm(values, config({ questions: QUESTIONS }), OFFERED)).to.deep.include.members([
        { field: 'title', reason: 'required' },
        { field: 'description', reason: 'required' },
        { field: 'question:account', reason: 'required' },
      ]);
      // Right-to-left text is text.
      expect(validateTicketForm(filled({ title: 'الطابعة في الطابق الثالث لا تعمل', description: '\u200Fמדפסת' }), config(), OFFERED)).to.deep.equal([]);
    });

    it('refuses a title longer than GLPI accepts, measured trimmed', () => {
      expect(validateTicketForm(filled({ title: 'x'.repeat(256) }), config(), OFFERED)).to.deep.equal([
        { field: 'title', reason: 'too-long' },
      ]);
      expect(validateTicketForm(filled({ title: ` ${'x'.repeat(255)} ` }), config(), OFFERED)).to.deep.equal([]);
    });

    describe('category and equipment', () => {
      const strict = config({ fields: { category: 'required', equipment: 'required' } });

      it('are required only when configured so and offered by the backend', () => {
        expect(validateTicketForm(filled(), strict, OFFERED)).to.deep.equal([
          { field: 'category', reason: 'required' },
          { field: 'equipment', reason: 'required' },
        ]);
        expect(validateTicketForm(filled(), strict, NOT_OFFERED)).to.deep.equal([]);
        expect(validateTicketForm(filled(), config(), OFFERED)).to.deep.equal([]);
        expect(validateTicketForm(filled({ categoryId: '' }), strict, { categoriesOffered: true, equipmentOffered: false })).to.deep.equal([
          { field: 'category', reason: 'required' },
        ]);
      });

      it('are satisfied by a choice', () => {
        expect(validateTicketForm(filled({ categoryId: '3', equipmentId: 'Computer:15' }), strict, OFFERED)).to.deep.equal([]);
      });
    });

    describe('configured questions', () => {
      const withQuestions = config({ questions: QUESTIONS });

      it('requires visible required questions, after trimming', () => {
        expect(validateTicketForm(filled({ answers: { account: '  ' } }), withQuestions, OFFERED)).to.deep.equal([
          { field: 'question:account', reason: 'required' },
        ]);
        expect(validateTicketForm(filled({ answers: { account: 'cebox-lens' } }), withQuestions, OFFERED)).to.deep.equal([]);
      });

      it('never checks invisible questions', () => {
        // "wanted" is required but only for requests; "since" is a date only for categories 12 and net.
        const values = filled({ answers: { account: 'cebox-lens', since: 'hier', ip: 'n/a' } });
        expect(validateTicketForm(values, withQuestions, OFFERED)).to.deep.equal([]);
        expect(validateTicketForm({ ...values, type: 'request' }, withQuestions, OFFERED)).to.deep.equal([
          { field: 'question:wanted', reason: 'required' },
        ]);
      });

      it('checks numbers', () => {
        const check = (stations: string) =>
          validateTicketForm(filled({ answers: { account: 'a', stations } }), withQuestions, OFFERED);
        for (const ok of ['3', '-2', '+4', '12.5', '12,5', '.5', '1e3', ' 7 ']) expect(check(ok), ok).to.deep.equal([]);
        for (const bad of ['trois', '3 postes', '1.2.3', '0x10', 'Infinity', '1e999', '12,']) {
          expect(check(bad), bad).to.deep.equal([{ field: 'question:stations', reason: 'invalid-number' }]);
        }
      });

      it('checks dates as a date input gives them', () => {
        const check = (wanted: string) =>
          validateTicketForm(filled({ type: 'request', answers: { account: 'a', wanted } }), withQuestions, OFFERED);
        for (const ok of ['2024-03-12', '2024-02-29']) expect(check(ok), ok).to.deep.equal([]);
        for (const bad of ['12/03/2024', '2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-3-12', '2024-03-12T09:30', 'demain']) {
          expect(check(bad), bad).to.deep.equal([{ field: 'question:wanted', reason: 'invalid-date' }]);
        }
      });

      it('checks date-times as a datetime-local input gives them', () => {
        const check = (since: string) =>
          validateTicketForm(filled({ categoryId: 'net', answers: { account: 'a', since } }), withQuestions, OFFERED);
        for (const ok of ['2024-03-12T09:30', '2024-03-12T09:30:15', '2024-03-12T09:30:15.250', '2024-03-12 09:30']) {
          expect(check(ok), ok).to.deep.equal([]);
        }
        for (const bad of ['2024-03-12', '2024-03-12T24:00', '2024-03-12T09:60', '2024-03-12T09:30:60', '2024-02-30T10:00', '12/03/2024 09:30', '9h30']) {
          expect(check(bad), bad).to.deep.equal([{ field: 'question:since', reason: 'invalid-date' }]);
        }
      });

      it('accepts anything in a text question', () => {
        expect(validateTicketForm(filled({ categoryId: '12', answers: { account: 'a', ip: 'fe80::1 et 10.0.0.1' } }), withQuestions, OFFERED)).to.deep.equal([]);
      });
    });

    describe('phone', () => {
      it('is optional by default but checked when given', () => {
        expect(validateTicketForm(filled({ phone: '03 21 45 78 24' }), config(), OFFERED)).to.deep.equal([]);
        expect(validateTicketForm(filled({ phone: 'le matin' }), config(), OFFERED)).to.deep.equal([
          { field: 'phone', reason: 'invalid-phone' },
        ]);
      });

      it('is required when configured so', () => {
        expect(validateTicketForm(filled({ phone: ' ' }), config({ fields: { phone: 'required' } }), OFFERED)).to.deep.equal([
          { field: 'phone', reason: 'required' },
        ]);
      });

      it('is not checked when hidden', () => {
        expect(validateTicketForm(filled({ phone: 'n/a' }), config({ fields: { phone: 'hidden' } }), OFFERED)).to.deep.equal([]);
      });
    });

    describe('follow-up email', () => {
      it('is checked when email follow-up is on, and may stay empty (the account address is used)', () => {
        const on = (followUpEmail: string) => filled({ followUpByEmail: true, followUpEmail });
        expect(validateTicketForm(on(''), config(), OFFERED)).to.deep.equal([]);
        expect(validateTicketForm(on('jeanne.martin'), config(), OFFERED)).to.deep.equal([
          { field: 'followUpEmail', reason: 'invalid-email' },
        ]);
        expect(validateTicketForm(on(' jeanne.martin@asso.example.org '), config(), OFFERED)).to.deep.equal([]);
      });

      it('is ignored when follow-up is off or hidden', () => {
        expect(validateTicketForm(filled({ followUpEmail: 'nope' }), config(), OFFERED)).to.deep.equal([]);
        const hidden = config({ fields: { followUp: 'hidden' } });
        expect(validateTicketForm(filled({ followUpByEmail: true, followUpEmail: '' }), hidden, OFFERED)).to.deep.equal([]);
      });
    });

    it('reports everything at once, in form order', () => {
      const strict = config({
        fields: { category: 'required', equipment: 'required', phone: 'required' },
        questions: QUESTIONS,
      });
      const values: TicketFormValues = {
        title: '',
        description: '',
        answers: { stations: 'beaucoup' },
        phone: '',
        followUpByEmail: true,
        followUpEmail: 'not-an-address',
        cc: '',
      };
      expect(validateTicketForm({ ...values, type: 'incident' }, strict, OFFERED).map((p) => p.field)).to.deep.equal([
        'urgency',
        'title',
        'description',
        'category',
        'equipment',
        'question:account',
        'question:stations',
        'phone',
        'followUpEmail',
      ]);
    });
  });

  describe('isPhoneNumber', () => {
    it('accepts the usual ways of writing a number', () => {
      for (const ok of ['03 21 45 78 24', '0321457824', '03.21.45.78.24', '03-21-45-78-24', '+33 3 21 45 78 24', '+33 (0)3 21 45 78 24', '+44 20 7946 0958', '112233', '\u202f04 67 79 03 58']) {
        expect(isPhoneNumber(ok.trim()), ok).to.equal(true);
      }
    });

    it('refuses text, misplaced "+" and too few or too many digits', () => {
      for (const bad of ['poste 15', '03 21 45 78 24 ou 06', '33+ 3 21 45', '12345', '1'.repeat(21), '+', '---']) {
        expect(isPhoneNumber(bad), bad).to.equal(false);
      }
    });
  });

  describe('isEmail', () => {
    it('accepts ordinary addresses and refuses malformed ones', () => {
      expect(isEmail('jeanne.martin@asso.example.org')).to.equal(true);
      expect(isEmail('support+glpi@example.fr')).to.equal(true);
      expect(isEmail('j.martin@mail.asso-exemple.fr')).to.equal(true);
      for (const bad of [
        'jeanne',
        'jeanne@',
        '@example.org',
        'jeanne@example',
        'jeanne martin@example.org',
        'a@b@example.org',
        'jeanne@.org',
        'jeanne@example..org',
        'jeanne@example.org.',
        'jeanne@example.org\nbcc@example.org',
      ]) {
        expect(isEmail(bad), bad).to.equal(false);
      }
    });
  });
});

describe('people to keep informed (Cc)', () => {
  it('reads addresses separated by commas, semicolons or spaces, each once', () => {
    expect(ccAddresses(' anne@example.fr, bob@example.fr;anne@example.fr  chloe@example.org ')).to.deep.equal(['anne@example.fr', 'bob@example.fr', 'chloe@example.org']);
    expect(ccAddresses('  ')).to.deep.equal([]);
  });

  it('reports an address that is not one, where the helpdesk takes Cc only', () => {
    const context = { categoriesOffered: false, equipmentOffered: false };
    expect(validateTicketForm(filled({ cc: 'anne@example.fr, bob' }), config(), { ...context, ccOffered: true })).to.deep.equal([{ field: 'cc', reason: 'invalid-email' }]);
    expect(validateTicketForm(filled({ cc: 'anne@example.fr bob@example.fr' }), config(), { ...context, ccOffered: true })).to.deep.equal([]);
    expect(validateTicketForm(filled({ cc: 'bob' }), config(), context)).to.deep.equal([]);
  });
});
