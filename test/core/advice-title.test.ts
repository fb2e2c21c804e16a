import { expect } from '@open-wc/testing';
import { adviseTitle, TITLE_ADVISED_LENGTH, TITLE_MAX_LENGTH } from '../../src/core/advice/title.js';

describe('title advice', () => {
  it('has nothing to say on an empty title (the required check is elsewhere)', () => {
    expect(adviseTitle('')).to.deep.equal([]);
    expect(adviseTitle('   \n ')).to.deep.equal([]);
  });

  it('accepts short, clear, precise, factual titles', () => {
    for (const title of [
      'Mails rejetés depuis machine@truc.bidule vers machin@asso.truc',
      'Imprimante du 3e étage hors ligne depuis 9h',
      'Printer on 3rd floor offline since 9am',
      'VPN refuse la connexion depuis la mise à jour',
      'Outlook demande le mot de passe en boucle',
      'Création d’une boîte mail pour Jeanne Martin',
      'Aide à la configuration de Thunderbird sur le poste 15',
      'Need help setting up the RDP gateway',
      'Problème de synchronisation Nextcloud sur le NAS',
      'Écran noir au démarrage du PC de l’accueil',
      'Pourquoi le partage réseau est-il en lecture seule ?',
    ]) {
      expect(adviseTitle(title), title).to.deep.equal([]);
    }
  });

  it('flags the bad example of seed 002 on every count but length', () => {
    expect(adviseTitle('Help ! URGENT ! Problème')).to.deep.equal(['shouting', 'exclamations', 'vague']);
  });

  describe('too-short', () => {
    it('wants at least three words', () => {
      expect(adviseTitle('Imprimante bloquée')).to.include('too-short');
      expect(adviseTitle('Thunderbird')).to.include('too-short');
    });

    it('wants at least twelve letters', () => {
      expect(adviseTitle('PC HS ici')).to.include('too-short');
      expect(adviseTitle('VPN en panne')).to.include('too-short');
      expect(adviseTitle('VPN en panne au siège')).to.not.include('too-short');
      expect(adviseTitle('Wifi HS en bas')).to.include('too-short');
      expect(adviseTitle('Wifi coupé ici')).to.not.include('too-short');
    });

    it('does not count punctuation as words', () => {
      expect(adviseTitle('Scanner — HS !')).to.include('too-short');
    });
  });

  describe('too-long', () => {
    it('starts beyond 80 characters, well below the hard limit', () => {
      expect(TITLE_ADVISED_LENGTH).to.equal(80);
      expect(TITLE_MAX_LENGTH).to.equal(255);
      const title = 'Les mails envoyés depuis le poste de la comptabilité vers les fournisseurs sont rejetés';
      expect(title.length).to.be.greaterThan(80);
      expect(adviseTitle(title)).to.deep.equal(['too-long']);
      expect(adviseTitle(title.slice(0, 80))).to.not.include('too-long');
    });

    it('measures the trimmed title', () => {
      expect(adviseTitle(`   ${'Imprimante du 3e étage hors ligne '.repeat(2)}  `)).to.deep.equal([]);
    });
  });

  describe('shouting', () => {
    it('flags titles in capitals, in French too', () => {
      expect(adviseTitle('IMPRIMANTE DU 3E ÉTAGE HORS LIGNE')).to.deep.equal(['shouting']);
      expect(adviseTitle('LE SERVEUR NE RÉPOND PLUS')).to.include('shouting');
      expect(adviseTitle('ÉCRAN NOIR AU DÉMARRAGE DU PC')).to.include('shouting');
    });

    it('leaves acronyms and digits alone', () => {
      expect(adviseTitle('Le VPN et le RDP coupent sur le PC 12')).to.deep.equal([]);
      expect(adviseTitle('Adresse IP en conflit sur le NAS, DHCP 192.168.1.10')).to.deep.equal([]);
      expect(adviseTitle('Mise à jour Synology DSM 7.2 bloquée à 45 %')).to.deep.equal([]);
      expect(adviseTitle('DHCP et WSUS HS ici')).to.deep.equal([]);
    });

    it('leaves one capitalised word in a calm title alone', () => {
      expect(adviseTitle('Dossier partagé COMPTABILITE inaccessible depuis ce matin')).to.deep.equal([]);
    });

    it('flags pressure words whatever their case', () => {
      expect(adviseTitle('urgent : imprimante du 3e hors ligne')).to.deep.equal(['shouting']);
      expect(adviseTitle('Imprimante du 3e hors ligne, très urgente')).to.include('shouting');
      expect(adviseTitle('Please fix the VPN gateway ASAP')).to.include('shouting');
      expect(adviseTitle('Au secours, Outlook ne démarre plus')).to.include('shouting');
      expect(adviseTitle('SOS messagerie coupée pour tout le service')).to.include('shouting');
      expect(adviseTitle('Emergency: mail server down since 9am')).to.include('shouting');
    });

    it('flags help and aide when shouted or exclaimed, not in a calm request', () => {
      expect(adviseTitle('HELP messagerie coupée pour tout le service')).to.include('shouting');
      expect(adviseTitle('Aide ! messagerie coupée pour tout le service')).to.include('shouting');
      expect(adviseTitle('Demande d’aide pour paramétrer la messagerie')).to.not.include('shouting');
      expect(adviseTitle('Help needed to configure the mail client')).to.not.include('shouting');
    });
  });

  describe('exclamations', () => {
    it('flags two exclamation marks or more, spaced or not', () => {
      expect(adviseTitle('Imprimante du 3e hors ligne !!')).to.deep.equal(['exclamations']);
      expect(adviseTitle('Imprimante du 3e hors ligne ! Encore !')).to.deep.equal(['exclamations']);
    });

    it('flags ?! and ?? runs', () => {
      expect(adviseTitle('Pourquoi le VPN coupe toutes les heures ?!')).to.deep.equal(['exclamations']);
      expect(adviseTitle('Pourquoi le VPN coupe toutes les heures !?')).to.deep.equal(['exclamations']);
      expect(adviseTitle('Pourquoi le VPN coupe toutes les heures ??')).to.deep.equal(['exclamations']);
    });

    it('lets one exclamation or question mark pass', () => {
      expect(adviseTitle('Le VPN coupe toutes les heures !')).to.deep.equal([]);
      expect(adviseTitle('Le VPN coupe-t-il toutes les heures ?')).to.deep.equal([]);
    });
  });

  describe('vague', () => {
    it('flags titles made only of generic words, in French and English', () => {
      for (const title of [
        'Problème',
        'Gros problème urgent',
        'Ça marche pas',
        'Ça ne fonctionne plus du tout',
        'Rien ne marche',
        'Bonjour, j’ai un souci',
        'Demande d’aide',
        'Question',
        'Panne',
        'It doesn’t work',
        "Nothing works, please help",
        'Big issue',
        'Error',
        'Tout est bloqué',
      ]) {
        expect(adviseTitle(title), title).to.include('vague');
      }
    });

    it('ignores accents and case when recognising generic words', () => {
      expect(adviseTitle('PROBLEME PROBLÈME probleme')).to.include('vague');
    });

    it('accepts one concrete word or a number', () => {
      expect(adviseTitle('Problème avec Thunderbird')).to.not.include('vague');
      expect(adviseTitle('Erreur 0x80070005')).to.not.include('vague');
      expect(adviseTitle('Panne du scanner')).to.not.include('vague');
      expect(adviseTitle('Le NAS ne marche plus')).to.not.include('vague');
    });

    it('calls a title with no words at all vague', () => {
      expect(adviseTitle('?!')).to.deep.equal(['too-short', 'exclamations', 'vague']);
    });
  });
});
