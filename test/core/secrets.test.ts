import { expect } from '@open-wc/testing';
import { findSecrets, removeSecrets, SECRET_MASK, type SecretKind } from '../../src/core/advice/secrets.js';

/** The text of each finding, with its kind. */
function found(text: string): [SecretKind, string][] {
  return findSecrets(text).map(({ kind, start, end }) => [kind, text.slice(start, end)]);
}

// Built from parts so that no scanner mistakes these test fixtures for real credentials.
const GITHUB = `ghp_${'a1B2c3D4e5'.repeat(3)}xYz123`;
const GITHUB_FINE = `github_pat_${'11ABCDE0Y0'.repeat(3)}_${'x9'.repeat(12)}`;
const GITLAB = `glpat-${'Zx8_kQ2-Lm'.repeat(2)}`;
const SLACK = `xoxb-${'1234567890'}-${'987654321012'}-${'AbCdEfGhIjKlMnOpQrStUvWx'}`;
const STRIPE = `sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`;
const AWS = `AKIA${'IOSFODNN7EXAMPLE'}`;
const GOOGLE = `AIza${'SyA-1234567890abcdefghijklmnopqrstu'}`;
const JWT = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${'eyJzdWIiOiIxMjM0NTY3ODkwIn0'}.${'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'}`;
const GLPI_TOKEN = 'k3jd8fhsl2mxq9wpt0zbncv7y4rlegh1a5soqiux';
const HEX_SESSION = '8f14e45fceea167a5a36dedd4bea2543';

describe('secret detection', () => {
  describe('passwords after a label', () => {
    it('finds the value only, keeping the label (seed 002)', () => {
      const text = 'mot de passe : Hunter2!';
      const [finding] = findSecrets(text);
      expect(finding).to.deep.equal({ kind: 'password', start: 15, end: 23 });
      expect(removeSecrets(text)).to.equal(`mot de passe : ${SECRET_MASK}`);
    });

    it('knows the French and English labels, in any case', () => {
      for (const [text, value] of [
        ['Password: Summer2024', 'Summer2024'],
        ['passwd=S3cr3t', 'S3cr3t'],
        ['pwd: azerty123', 'azerty123'],
        ['MDP : Soleil#75', 'Soleil#75'],
        ['Mot de passe: p4ssw0rd', 'p4ssw0rd'],
        ['Mots de passe : Rq8!vv', 'Rq8!vv'],
        ['passphrase = correct-horse-battery-staple', 'correct-horse-battery-staple'],
        ['pass: Zorglub42', 'Zorglub42'],
        ['Code wifi : Bienvenue2024', 'Bienvenue2024'],
        ['Clé WiFi : 4F7A-99C2-1B', '4F7A-99C2-1B'],
        ['clef wi-fi: hX9pL2qR', 'hX9pL2qR'],
        ['Code du wifi = Maison-2024', 'Maison-2024'],
        ['code PIN : 4821', '4821'],
        ['DB_PASSWORD=Tr0ub4dor&3', 'Tr0ub4dor&3'],
      ]) {
        expect(found(text!), text).to.deep.equal([['password', value]]);
      }
    });

    it('accepts French spacing, non-breaking spaces included', () => {
      expect(found('Mot de passe\u00a0: Bonjour2024')).to.deep.equal([['password', 'Bonjour2024']]);
      expect(found('mdp\u202f:\u202fAbc123')).to.deep.equal([['password', 'Abc123']]);
    });

    it('allows a few words between the label and the colon', () => {
      expect(found('Mot de passe du compte admin : Adm1n!2024')).to.deep.equal([['password', 'Adm1n!2024']]);
      expect(found('password for jdupont: Winter2023')).to.deep.equal([['password', 'Winter2023']]);
      expect(found('mdp wifi invités = Guest-2024')).to.deep.equal([['password', 'Guest-2024']]);
    });

    it('reads "is" and "est" when the value looks like a password', () => {
      expect(found('Mon mot de passe est Hunter2, il ne marche plus')).to.deep.equal([['password', 'Hunter2']]);
      expect(found('the password is Summer2024!')).to.deep.equal([['password', 'Summer2024!']]);
      expect(found('le mdp est : soleil')).to.deep.equal([['password', 'soleil']]);
      expect(found("the password is 'soleil'")).to.deep.equal([['password', 'soleil']]);
    });

    it('takes a plain word after a colon when it stands alone', () => {
      expect(found('Identifiant : jdupont\nMot de passe : soleil\nMerci')).to.deep.equal([['password', 'soleil']]);
      expect(found('login jdupont, mdp : soleil, merci')).to.deep.equal([['password', 'soleil']]);
      expect(found('mot de passe : soleil.')).to.deep.equal([['password', 'soleil']]);
    });

    it('reads quoted values, spaces included', () => {
      expect(found('mot de passe : « la vie en rose »')).to.deep.equal([['password', 'la vie en rose']]);
      expect(found('{"user": "jdupont", "password": "s3cret pass"}')).to.deep.equal([['password', 's3cret pass']]);
      expect(found('password: “Jolie Fleur”')).to.deep.equal([['password', 'Jolie Fleur']]);
    });

    it('stops at & and # in a query string', () => {
      const text = 'Lien : https://intranet.example.org/login?user=jdupont&password=Azerty12&lang=fr';
      expect(found(text)).to.deep.equal([['password', 'Azerty12']]);
    });

    it('leaves sentences about a password alone', () => {
      for (const text of [
        'Mot de passe oublié',
        'J’ai oublié mon mot de passe, pouvez-vous le réinitialiser ?',
        'Le mot de passe est expiré depuis ce matin',
        'Problème de mot de passe : impossible de me connecter à Outlook',
        'Mot de passe : oublié',
        'Mot de passe : OUBLIÉ',
        'mot de passe: incorrect',
        'The password is wrong',
        'My password is not accepted since the update',
        'password: the same as last week',
        'Mot de passe : ********',
        'mdp : xxxxxx',
        'password: <your password>',
        'mdp : 8 caractères minimum',
        'mdp: abc',
        'pass Navigo : perdu',
        'Pass Navigo : rechargé',
        'Le mot de passe est identique.',
        'The password is correct',
        'Le bypass: activé sur le pare-feu',
        'Réinitialisation du mot de passe : Jean Dupont',
        'Mot de passe : Soleil et autre chose',
        'Le code wifi est affiché sur la box',
        'https://support.example.org/password/reset',
        'Écrivez à password@example.org',
        'password',
        'mot de passe :',
        'password: "',
        'password: "   "',
        'Mot de passe expiré le : 12/03/2024',
        'Mot de passe changé à : 9h30',
        'Objet : mot de passe = problème',
        'password reset link https://intranet.example.org/reset',
      ]) {
        expect(found(text), text).to.deep.equal([]);
      }
    });
  });

  describe('private keys', () => {
    it('finds a whole PEM private key, BEGIN to END', () => {
      const key = [
        '-----BEGIN OPENSSH PRIVATE KEY-----',
        'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
        'QyNTUxOQAAACDq3b5mGl9y0dVZ6w1yXlA2qk7Y1U8m7o6z8p2yYpXqJQAAAJgdGVzdA==',
        '-----END OPENSSH PRIVATE KEY-----',
      ].join('\n');
      const text = `Voici la clé du serveur :\n${key}\nMerci`;
      expect(found(text)).to.deep.equal([['private-key', key]]);
      expect(removeSecrets(text)).to.equal(`Voici la clé du serveur :\n${SECRET_MASK}\nMerci`);
    });

    it('knows RSA, EC, encrypted and PGP keys', () => {
      for (const label of ['RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'PRIVATE KEY', 'PGP PRIVATE KEY BLOCK']) {
        const key = `-----BEGIN ${label}-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END ${label}-----`;
        expect(found(key), label).to.deep.equal([['private-key', key]]);
      }
    });

    it('masks a key cut before its END line up to the end of the text', () => {
      const text = 'clé :\n-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4';
      expect(found(text)).to.deep.equal([['private-key', text.slice(6)]]);
    });

    it('leaves public keys and certificates alone', () => {
      const cert = '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----';
      expect(found(cert)).to.deep.equal([]);
      expect(found(`${cert}\nmdp : Hunter2!`)).to.deep.equal([['password', 'Hunter2!']]);
      expect(found(cert.slice(0, 100))).to.deep.equal([]);
      expect(found(cert.slice(0, -10))).to.deep.equal([]);
      expect(found('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGk3Qm9z8xYp1Rt7UvW2Lq4Zb6Nc0Hd5Je9Kf jdupont@portable')).to.deep.equal([]);
      expect(found('-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE9Xq1LmZ8xYp1Rt7Uv\n-----END PUBLIC KEY-----')).to.deep.equal([]);
    });
  });

  describe('API tokens', () => {
    it('recognises well-known prefixes', () => {
      for (const token of [GITHUB, GITHUB_FINE, GITLAB, SLACK, STRIPE, AWS, GOOGLE, JWT, `gho_${'Ab3'.repeat(8)}`]) {
        expect(found(`Le jeton ${token} ne marche plus.`), token).to.deep.equal([['api-token', token]]);
      }
    });

    it('does not take a shorter lookalike for a token', () => {
      expect(found('AKIA1234 is an AWS prefix')).to.deep.equal([]);
      expect(found('see xoxb-123')).to.deep.equal([]);
      expect(found('the desk-top task-list')).to.deep.equal([]);
    });

    it('finds values after token and API key labels', () => {
      expect(found('App-Token GLPI : f7g8h9j0k1l2m3n4')).to.deep.equal([['api-token', 'f7g8h9j0k1l2m3n4']]);
      expect(found('api_key=Zk29fjQ0xLw8')).to.deep.equal([['api-token', 'Zk29fjQ0xLw8']]);
      expect(found('client_secret: "Qm9uam91cjEyMw"')).to.deep.equal([['api-token', 'Qm9uam91cjEyMw']]);
      expect(found('Token : expiré depuis hier')).to.deep.equal([]);
      expect(found('le token est abcdef123456')).to.deep.equal([['api-token', 'abcdef123456']]);
      expect(found("SECRET_KEY = 'x8Kq2LmZ8xYp'")).to.deep.equal([['api-token', 'x8Kq2LmZ8xYp']]);
      expect(found('secret: abc1')).to.deep.equal([]);
    });

    it('finds long random strings: GLPI tokens, hex session ids, base64 keys', () => {
      expect(found(`user_token ${GLPI_TOKEN}`)).to.deep.equal([['api-token', GLPI_TOKEN]]);
      expect(found(`Cookie de session ${HEX_SESSION} invalide`)).to.deep.equal([['api-token', HEX_SESSION]]);
      expect(found(`session=${HEX_SESSION};`)).to.deep.equal([['api-token', HEX_SESSION]]);
      const base64 = 'Zq8rT2vLp9XbN4mK7sW1yF3hJ6dG0cE5/aB+uQxR';
      expect(found(`aws_secret_access_key ${base64}`)).to.deep.equal([['api-token', base64]]);
    });

    it('leaves long ordinary strings alone', () => {
      for (const text of [
        'https://support.example.org/front/ticket.form.php?id=12345&forcetab=Ticket$main',
        'https://drive.example.org/s/AbCdEfGh1234567890IjKlMnOpQrStUv',
        'www.example.org/very/long/path/with/segments/2024/03/12/index.html',
        'Le fichier est dans C:\\ProgramData\\qemu-ga\\qgaAgent.log',
        '/var/log/apache2/error.log.2024-03-12.gz',
        '~/Documents/Comptabilité/2024/factures_fournisseurs_mars.pdf',
        './build/output/app-1.2.3-linux-x86_64.AppImage',
        'ecrire à jeanne.martin-dupont2024@association-exemple.org',
        'Retour à bounce-8f14e45fceea167a5a36dedd4bea2543@mail.example.org',
        'HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes\\Installer\\Products\\4A3F8B2C9D1E7F6A5B4C3D2E1F0A9B8C',
        'Identifiant de corrélation : 5f0c2a9e-3b1d-4c8e-9a7f-1e2d3c4b5a69',
        '{4D36E972-E325-11CE-BFC1-08002BE10318}',
        'IMG_20240312_101530_scan_facture_fournisseur.jpg',
        'Microsoft.Windows.ShellExperienceHost_10.0.19041.1023_neutral_cw5n1h2txyewy',
        'MicrosoftWindowsTerminalServices2012R2Gateway',
        'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
        'S-1-5-21-3623811015-3361044348-30300820-1013',
        'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1',
        'abababababababababababab1212121212121212',
        'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      ]) {
        expect(found(text), text).to.deep.equal([]);
      }
    });
  });

  describe('credentials in URLs', () => {
    it('finds the password part only', () => {
      expect(found('Le NAS : https://admin:Adm1n2024@192.168.1.20:5001/')).to.deep.equal([['password', 'Adm1n2024']]);
      expect(found('ftp://jdupont:soleil@ftp.example.org/depot')).to.deep.equal([['password', 'soleil']]);
      expect(found('smb://jdupont:***@nas/partage')).to.deep.equal([]);
    });

    it('leaves URLs without credentials alone', () => {
      expect(found('https://jdupont@git.example.org/depot.git')).to.deep.equal([]);
      expect(found('http://192.168.1.1:8080/admin')).to.deep.equal([]);
    });
  });

  describe('payment cards', () => {
    it('finds numbers that pass the Luhn check, grouped or not', () => {
      for (const card of [
        '4970101234567893',
        '4970 1012 3456 7893',
        '4970-1012-3456-7893',
        '5555 5555 5555 4444',
        '3782 822463 10005',
        '378282246310005',
        '4222222222222',
        '30569309025904',
        '6011 1111 1111 1117',
        '2223 0031 2200 3222',
      ]) {
        expect(found(`Carte : ${card}, exp 12/27`), card).to.deep.equal([['card-number', card]]);
      }
    });

    it('leaves numbers that fail the Luhn check alone', () => {
      expect(found('4970 1012 3456 7890')).to.deep.equal([]);
      expect(found('Facture 4970101234567891')).to.deep.equal([]);
    });

    it('leaves phone numbers, SIRET, IBAN, dates and other numbers alone', () => {
      for (const text of [
        'Rappelez-moi au 03 21 45 78 24 ou au 06 12 34 56 78',
        'Tél. +33 6 12 34 56 78',
        '+33 4 67 79 03 58',
        '0033 4 67 79 03 58 90',
        'SIRET 443 061 841 00047',
        'SIRET 44306184100047',
        'IBAN FR76 3000 6000 0112 3456 7890 189',
        'Le 2024-03-12 à 14:35:22',
        'Numéro de série 1234567890123456789012',
        'ISBN 9782070612758',
        'Ticket 10000000000000000',
      ]) {
        expect(found(text), text).to.deep.equal([]);
      }
    });
  });

  describe('ordinary support text', () => {
    it('finds nothing in a realistic French ticket', () => {
      const text = [
        'Bonjour,',
        'Depuis ce matin 9h12, les mails envoyés depuis machine@truc.bidule vers machin@asso.truc sont rejetés',
        '(erreur 550 5.7.1). Poste 15, Thunderbird 115.8.1, au bureau de Lens, bâtiment B.',
        'Adresse IP du poste : 192.168.10.42, MAC 00:1A:2B:3C:4D:5E, IPv6 2001:db8:85a3::8a2e:370:7334.',
        'J’ai déjà redémarré et vidé le cache ; le mot de passe a été changé la semaine dernière.',
        'Journal : C:\\ProgramData\\qemu-ga\\qgaAgent.log — voir https://support.example.org/front/ticket.form.php?id=4521',
        'Merci de me rappeler au 03 21 45 78 24.',
        'Jeanne Martin',
      ].join('\n');
      expect(findSecrets(text)).to.deep.equal([]);
      expect(removeSecrets(text)).to.equal(text);
    });

    it('finds every secret of a careless English ticket, in order', () => {
      const text = [
        'Hi, the VPN rejects me since Monday.',
        'Login: jdupont / Password: Winter2023!',
        `Our deploy token is ${GITLAB} and the NAS is at https://admin:Adm1n2024@nas.example.org/`,
        'Card used for the renewal: 4970 1012 3456 7893.',
        'Call me on +44 20 7946 0958.',
      ].join('\n');
      expect(found(text)).to.deep.equal([
        ['password', 'Winter2023!'],
        ['api-token', GITLAB],
        ['password', 'Adm1n2024'],
        ['card-number', '4970 1012 3456 7893'],
      ]);
      expect(removeSecrets(text)).to.equal(
        [
          'Hi, the VPN rejects me since Monday.',
          `Login: jdupont / Password: ${SECRET_MASK}`,
          `Our deploy token is ${SECRET_MASK} and the NAS is at https://admin:${SECRET_MASK}@nas.example.org/`,
          `Card used for the renewal: ${SECRET_MASK}.`,
          'Call me on +44 20 7946 0958.',
        ].join('\n'),
      );
    });
  });

  describe('overlapping findings', () => {
    it('keeps the most specific kind when two detectors find the same value', () => {
      expect(found(`mot de passe : ${GITHUB}`)).to.deep.equal([['api-token', GITHUB]]);
      expect(found(`mdp : ${HEX_SESSION}`)).to.deep.equal([['password', HEX_SESSION]]);
    });

    it('merges findings that overlap into one', () => {
      const text = `password=${JWT}.extra`;
      const findings = findSecrets(text);
      expect(findings).to.have.length(1);
      expect(findings[0]!.start).to.equal(9);
      expect(findings[0]!.end).to.equal(text.length);
    });
  });

  describe('long pasted logs', () => {
    it('stays fast on large or hostile text', () => {
      for (const text of [
        'Bonjour, le poste 15 ne démarre plus. 192.168.1.1 https://example.org/a?b=c '.repeat(3000),
        'a1'.repeat(50000),
        '?password='.repeat(20000),
        'https://u:'.repeat(20000),
        'mdp: "'.repeat(20000),
        '-----BEGIN CERTIFICATE-----'.repeat(10000),
        `password ${'ab '.repeat(3)}`.repeat(10000),
      ]) {
        const started = performance.now();
        findSecrets(text);
        expect(performance.now() - started, text.slice(0, 20)).to.be.below(1000);
      }
    });
  });

  describe('removal', () => {
    it('finds the secrets in the text it is given and replaces each, keeping the rest exactly', () => {
      const text = `a=1 password=Winter2023! token: ${GITLAB} b=2`;
      expect(removeSecrets(text)).to.equal(`a=1 password=${SECRET_MASK} token: ${SECRET_MASK} b=2`);
    });

    it('never applies positions found in an earlier version of the text (issue 10 point 5)', () => {
      // Warned about the first text, the person rewrote it: removal looks at the new one.
      const before = 'Mails to example.net are rejected. My password: Hunter2!xyz';
      const rewritten = 'Mails to example.net are rejected with "550 relay denied". Three people affected, site Lyon.';
      expect(findSecrets(before)).to.have.length(1);
      expect(removeSecrets(rewritten)).to.equal(rewritten);
      // Words typed before the secret move it: it is masked where it is now.
      expect(removeSecrets(`Since 9:40, "550 relay denied". ${before}`)).to.equal(
        `Since 9:40, "550 relay denied". Mails to example.net are rejected. My password: ${SECRET_MASK}`,
      );
    });

    it('leaves the values the person chose to send, and masks the others', () => {
      const text = `My password: Hunter2!xyz, deploy token ${GITHUB}`;
      const keep = new Set(['Hunter2!xyz']);
      expect(findSecrets(text, { keep }).map(({ kind }) => kind)).to.deep.equal(['api-token']);
      expect(removeSecrets(text, { keep })).to.equal(`My password: Hunter2!xyz, deploy token ${SECRET_MASK}`);
      expect(removeSecrets(text)).to.equal(`My password: ${SECRET_MASK}, deploy token ${SECRET_MASK}`);
    });

    it('returns the text unchanged when nothing looks like a secret', () => {
      expect(removeSecrets('rien à cacher')).to.equal('rien à cacher');
    });
  });
});
