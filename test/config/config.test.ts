import { expect } from '@open-wc/testing';
import { formatProblems, parseConfig } from '../../src/config/index.js';
import { contactChannelsFor, contactHref } from '../../src/core/contacts.js';
import { HelpdeskError, toHelpdeskError } from '../../src/core/errors.js';
import { localText } from '../../src/core/text.js';

const backend = { type: 'glpi', url: 'https://support.example.fr/apirest.php' };

describe('configuration schema', () => {
  it('fills the defaults of a minimal configuration', () => {
    const result = parseConfig({ backend });
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.config.backend.timeout).to.equal(20000);
    expect(result.config.attachments).to.deep.equal({ maxFiles: 5, maxFileSize: 2 * 1024 * 1024, accept: [] });
    expect(result.config.fields.category).to.equal('optional');
    expect(result.config.contacts).to.deep.equal([]);
  });

  it('accepts a same-origin path for a reverse-proxied helpdesk', () => {
    expect(parseConfig({ backend: { type: 'glpi', url: '/glpi/apirest.php' } }).ok).to.equal(true);
  });

  it('names every bad key with what is wrong, in one readable line each', () => {
    const result = parseConfig({
      backend: { type: 'glpi', url: 'javascript:alert(1)', appToken: '' },
      contcts: [],
      contacts: [{ kind: 'fax', label: 'Support', value: '1', from: 'urgent' }],
      questions: [{ id: '1st', label: { de: 'x' } }],
      attachments: { maxFiles: 100, maxFileSize: 'big' },
    });
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    const text = formatProblems(result.problems);
    expect(text).to.contain('backend.url must be an https:// URL or a path on this site starting with / (javascript: is refused)');
    expect(text).to.contain('backend.appToken must not be empty');
    expect(text).to.contain('contcts unknown key: check the spelling');
    expect(text).to.contain('contacts[0].kind must be one of "email", "phone", "url"');
    expect(text).to.contain('contacts[0].from must be one of "very-low"');
    expect(text).to.contain('questions[0].id must use letters, digits');
    expect(text).to.contain('attachments.maxFiles must be a whole number from 0 to 50');
    expect(text).to.contain('attachments.maxFileSize must be a number');
  });

  it('says which backend types exist and what is missing', () => {
    const unknown = parseConfig({ backend: { type: 'zendesk', url: '/x' } });
    expect(!unknown.ok && formatProblems(unknown.problems)).to.equal('backend.type must be one of "glpi", "rt", "freshdesk", "zammad", "rest", "email"');
    const untyped = parseConfig({ backend: { url: '/x' } });
    expect(!untyped.ok && formatProblems(untyped.problems)).to.match(/^backend.type is required: one of "glpi", "rt"/);
    const missing = parseConfig({});
    expect(!missing.ok && formatProblems(missing.problems)).to.equal('backend is required');
  });
});

describe('URLs of the configuration', () => {
  /** Every helpdesk's smallest valid backend: each URL key is then set alone. */
  const backends = {
    glpi: { type: 'glpi', url: '/glpi/apirest.php' },
    rt: { type: 'rt', url: '/rt/REST/2.0', queue: 'Support' },
    freshdesk: { type: 'freshdesk', url: '/support/freshdesk' },
    zammad: { type: 'zammad', url: '/zammad/api/v1' },
    rest: { type: 'rest', url: '/api/support' },
    email: { type: 'email', to: 'support@example.fr' },
  } as const;
  /** Every key whose value becomes a request target or a link's href, with a configuration holding the value there. */
  type UrlKey = [name: string, key: string, configWith: (value: string) => unknown];
  const urlKeys: UrlKey[] = [
    ...(['glpi', 'rt', 'freshdesk', 'zammad', 'rest'] as const).flatMap((type): UrlKey[] => [
      [`${type} url`, 'backend.url', (url) => ({ backend: { ...backends[type], url } })],
      [`${type} ticketUrl`, 'backend.ticketUrl', (ticketUrl) => ({ backend: { ...backends[type], ticketUrl } })],
    ]),
    ['email endpoint', 'backend.endpoint', (endpoint) => ({ backend: { ...backends.email, endpoint } })],
    ['email articles file', 'backend.articles', (articles) => ({ backend: { ...backends.email, articles } })],
    ['email article url', 'backend.articles[0].url', (url) => ({ backend: { ...backends.email, articles: [{ title: 'VPN', body: 'Update it.', url }] } })],
    ['zammad webUrl', 'backend.webUrl', (webUrl) => ({ backend: { ...backends.zammad, webUrl } })],
    ['url contact', 'contacts[1].value', (value) => ({ backend: backends.glpi, contacts: [{ kind: 'email', label: 'Support', value: 'support@example.fr' }, { kind: 'url', label: 'Status page', value }] })],
  ];
  const problemsOf = (config: unknown) => {
    const result = parseConfig(config);
    return result.ok ? '' : formatProblems(result.problems);
  };
  const expected = 'must be an https:// URL or a path on this site starting with /';
  const refused: [value: string, problem: string][] = [
    ['javascript:alert(document.cookie)', `${expected} (javascript: is refused)`],
    ['JavaScript:alert(1)//https://support.example.fr/', `${expected} (javascript: is refused)`],
    ['data:text/html,<script>alert(1)</script>', `${expected} (data: is refused)`],
    ['vbscript:msgbox(1)', `${expected} (vbscript: is refused)`],
    ['file:///etc/passwd', `${expected} (file: is refused)`],
    ['ftp://files.example.fr/ticket', `${expected} (ftp: is refused)`],
    ['http://support.example.fr/apirest.php', 'must use https:// (http:// is accepted on localhost only)'],
    ['http://localhost.example.fr/x', 'must use https:// (http:// is accepted on localhost only)'],
    ['http://192.168.1.10/x', 'must use https:// (http:// is accepted on localhost only)'],
    ['//evil.example/apirest.php', 'must be a path starting with a single / ("//" or "/\\" leads to another server)'],
    ['/\\evil.example/apirest.php', 'must be a path starting with a single / ("//" or "/\\" leads to another server)'],
    ['support.example.fr/apirest.php', expected],
    ['https://support.example.fr/ticket {id}', `${expected} (no spaces)`],
    // A browser drops tabs and line breaks from a URL: this one would be "//evil.example/x".
    ['/\t/evil.example/x', `${expected} (no spaces)`],
  ];
  const accepted = [
    'https://support.example.fr/apirest.php',
    'HTTPS://support.example.fr:8443/front/ticket.form.php?id={id}',
    '/glpi/apirest.php',
    '/support/tickets/{id}',
    '/',
    'http://localhost:8080/apirest.php',
    'http://127.0.0.1:8080/api/support',
    'http://127.10.0.1/tickets/{id}',
    'http://[::1]:3000/rt/REST/2.0',
  ];

  for (const [name, key, configWith] of urlKeys) {
    it(`refuses a dangerous ${name}, naming ${key}`, () => {
      for (const [value, problem] of refused) {
        expect(problemsOf(configWith(value)), JSON.stringify(value)).to.equal(`${key} ${problem}`);
      }
    });

    it(`accepts https://, a path of this site and http:// on localhost for ${name}`, () => {
      for (const value of accepted) expect(problemsOf(configWith(value)), value).to.equal('');
    });
  }

  it('still refuses Freshdesk itself as the relay, and leaves email and phone contacts as they were', () => {
    expect(problemsOf({ backend: { ...backends.freshdesk, url: 'https://acme.freshdesk.com/api/v2' } })).to.match(/^backend\.url must be the host's relay/);
    const contacts = [
      { kind: 'email', label: 'Support', value: 'support@example.fr' },
      { kind: 'phone', label: 'Agency', value: '+33 4 00 00 00 00' },
    ];
    expect(problemsOf({ backend: backends.glpi, contacts })).to.equal('');
    expect(problemsOf({ backend: { ...backends.glpi, url: '' } })).to.equal(`backend.url ${expected}`);
    expect(problemsOf({ backend: backends.glpi, contacts: [{ kind: 'url', label: 'Status', value: ' ' }] })).to.equal('contacts[0].value must not be empty');
  });

  it('checks the plain endpoint attribute as backend.url', () => {
    expect(problemsOf({ backend: { type: 'rest', url: 'http://api.example.fr/support' } })).to.equal('backend.url must use https:// (http:// is accepted on localhost only)');
  });
});

describe('contact channels', () => {
  const channels = [
    { kind: 'email', label: 'Support', value: 'support@example.fr', from: 'very-low' },
    { kind: 'phone', label: 'Agency', value: '+33 (0)4 00-00.00 00', from: 'medium' },
    { kind: 'url', label: 'Status page', value: 'https://status.example.fr', from: 'high' },
  ] as const;

  it('offers each channel from its level up (seed 000)', () => {
    expect(contactChannelsFor('low', channels).map((c) => c.kind)).to.deep.equal(['email']);
    expect(contactChannelsFor('medium', channels).map((c) => c.kind)).to.deep.equal(['email', 'phone']);
    expect(contactChannelsFor('very-high', channels)).to.have.length(3);
  });

  it('makes mailto, tel and web links', () => {
    expect(channels.map(contactHref)).to.deep.equal(['mailto:support@example.fr', 'tel:+330400000000', 'https://status.example.fr']);
  });
});

describe('errors and texts', () => {
  it('tells transient failures from the others', () => {
    expect(new HelpdeskError('timeout').transient).to.equal(true);
    expect(new HelpdeskError('validation').transient).to.equal(false);
    expect(toHelpdeskError(new DOMException('t', 'TimeoutError')).kind).to.equal('timeout');
    expect(toHelpdeskError(new TypeError('Failed to fetch')).kind).to.equal('network');
    const same = new HelpdeskError('auth');
    expect(toHelpdeskError(same)).to.equal(same);
  });

  it('picks the text of the language, else English, else the first', () => {
    expect(localText({ en: 'Account', fr: 'Compte' }, 'fr-CA')).to.equal('Compte');
    expect(localText({ en: 'Account', fr: 'Compte' }, 'de')).to.equal('Account');
    expect(localText({ fr: 'Compte' }, 'de')).to.equal('Compte');
    expect(localText('Compte', 'en')).to.equal('Compte');
    expect(localText(undefined, 'en')).to.equal('');
  });
});

describe('Zammad backend configuration', () => {
  it('needs only the API URL: the group is "Users" and the urgency is sent as the priority', () => {
    const result = parseConfig({ backend: { type: 'zammad', url: '/zammad/api/v1' } });
    expect(result.ok && result.config.backend).to.deep.equal({ type: 'zammad', url: '/zammad/api/v1', group: 'Users', priority: true, timeout: 20000 });
  });

  it('takes a group, an access token, no priority and a ticket URL, and refuses a misspelt key', () => {
    const backend = { type: 'zammad', url: 'https://helpdesk.example.fr/api/v1', group: 'Mairie', priority: false, auth: { userToken: 'tok' }, ticketUrl: 'https://helpdesk.example.fr/#ticket/zoom/{id}' };
    expect(parseConfig({ backend }).ok).to.equal(true);
    const typo = parseConfig({ backend: { ...backend, groupe: 'Mairie' } });
    expect(!typo.ok && formatProblems(typo.problems)).to.equal('backend.groupe unknown key: check the spelling');
    const empty = parseConfig({ backend: { ...backend, group: ' ' } });
    expect(!empty.ok && formatProblems(empty.problems)).to.equal('backend.group must not be empty');
  });
});

describe('Request Tracker backend configuration', () => {
  it('needs the REST2 root and the queue: HTML bodies, no fields, RT’s default statuses', () => {
    const result = parseConfig({ backend: { type: 'rt', url: '/rt/REST/2.0', queue: 'Support' } });
    expect(result.ok && result.config.backend).to.deep.equal({
      type: 'rt',
      url: '/rt/REST/2.0',
      queue: 'Support',
      contentType: 'text/html',
      customFields: {},
      statuses: {},
      timeout: 20000,
    });
  });

  it('takes a token, plain text, priorities, the submission field, question fields and custom statuses', () => {
    const backend = {
      type: 'rt',
      url: 'https://rt.example.fr/REST/2.0',
      queue: 3,
      auth: { userToken: '1-27-abc' },
      contentType: 'text/plain',
      priorities: { 'very-low': 0, 'very-high': 99 },
      submissionField: 'Widget submission',
      customFields: { site: 'Site', asset: 12 },
      statuses: { 'waiting for customer': 'waiting' },
      ticketUrl: 'https://rt.example.fr/Ticket/Display.html?id={id}',
    };
    expect(parseConfig({ backend }).ok).to.equal(true);
    const problems = (fields: Record<string, unknown>) => {
      const result = parseConfig({ backend: { ...backend, ...fields } });
      return !result.ok && formatProblems(result.problems);
    };
    expect(problems({ queue: ' ' })).to.match(/^backend.queue/);
    expect(problems({ contentType: 'text/markdown' })).to.equal('backend.contentType must be one of "text/html", "text/plain"');
    expect(problems({ priorities: { high: -1 } })).to.equal('backend.priorities.high must be a whole number from 0 to 2147483648');
    expect(problems({ priorities: { urgent: 5 } })).to.match(/^backend.priorities/);
    expect(problems({ statuses: { custom: 'pending' } })).to.match(/^backend.statuses.custom must be one of "open"/);
    expect(problems({ submissionField: '' })).to.match(/^backend.submissionField/);
    expect(problems({ queu: 'Support' })).to.equal('backend.queu unknown key: check the spelling');
  });
});
