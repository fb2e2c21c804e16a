import { expect } from '@open-wc/testing';
import { excerptOf, matchCount, meaningfulLength, plainText, problemWords, rankHits, resemblingTickets, wordsOf } from '../../src/core/articles.js';
import type { StatusGroup, TicketSummary } from '../../src/core/ticket.js';

const ticket = (id: string, title: string, group: StatusGroup = 'open', updated = 0): TicketSummary => ({
  id,
  title,
  status: { group, code: group, label: group },
  openedAt: new Date(0),
  updatedAt: new Date(updated),
});

describe('the words of a problem', () => {
  it('keeps words of three letters or more, in lower case with their accents, without stop words, each once', () => {
    expect(wordsOf('Le VPN se déconnecte, se DÉCONNECTE encore depuis LUNDI !')).to.deep.equal(['vpn', 'déconnecte', 'encore', 'lundi']);
    expect(wordsOf('The printer does not print and the screen is dark')).to.deep.equal(['printer', 'print', 'screen', 'dark']);
    // A decomposed é (e + U+0301) is the same word as a composed one.
    expect(wordsOf('re\u0301seau réseau')).to.deep.equal(['réseau']);
  });

  it('takes the title first, then the first words of the description, six at most', () => {
    expect(problemWords('Imprimante en panne', 'Le bourrage papier revient sur chaque page depuis la mise à jour du pilote hier matin au bureau 12')).to.deep.equal([
      'imprimante',
      'panne',
      'bourrage',
      'papier',
      'revient',
      'chaque',
    ]);
    expect(problemWords('', 'vpn')).to.deep.equal(['vpn']);
  });

  it('counts letters and digits only', () => {
    expect(meaningfulLength(' !! ?? ')).to.equal(0);
    expect(meaningfulLength('é 2-a')).to.equal(3);
  });
});

describe('ranking articles', () => {
  it('counts words accents and case ignored', () => {
    expect(matchCount('Réinitialiser son MOT de passe', ['reinitialiser', 'passe', 'vpn'])).to.equal(2);
    expect(matchCount('Reseau lent', ['réseau'])).to.equal(1);
  });

  it('puts first what holds the most words, the title counting twice, keeps the helpdesk’s order between equals, each hit once', () => {
    const hits = [
      { id: '1', title: 'Wi-Fi at the office', excerpt: 'The vpn is not needed.' },
      { id: '2', title: 'VPN drops', excerpt: 'Update the client.' },
      { id: '3', title: 'Printer', excerpt: 'Nothing about it.' },
      { id: '2', title: 'VPN drops', excerpt: 'Update the client.' },
      { id: '4', title: 'VPN client update', excerpt: 'When the vpn drops.' },
    ];
    expect(rankHits(hits, ['vpn', 'drops'], 3).map((hit) => hit.id)).to.deep.equal(['2', '4', '1']);
    expect(rankHits(hits, ['vpn', 'drops'], 10).map((hit) => hit.id)).to.deep.equal(['2', '4', '1', '3']);
  });
});

describe('text of articles', () => {
  it('reads HTML as text: tags and scripts out, entities read, spaces collapsed', () => {
    expect(plainText('<p>Ouvrez&nbsp;le <b>capot</b> &amp; tirez.</p><script>alert(1)</script><style>p{}</style>\n<p>Fin&#39;</p>')).to.equal("Ouvrez le capot & tirez. Fin'");
  });

  it('cuts an excerpt at a word, and starts near the first word found when it is far in', () => {
    const text = `${'Introduction sans rapport. '.repeat(10)}Le VPN se coupe toutes les dix minutes, mettez le client à jour.`;
    expect(excerptOf('Court.')).to.equal('Court.');
    expect(excerptOf('Ouvrez le capot. Si le voyant reste orange, éteignez l’imprimante.', ['imprimante'], 100), 'a text that fits, from its start').to.equal(
      'Ouvrez le capot. Si le voyant reste orange, éteignez l’imprimante.',
    );
    const start = excerptOf(text, [], 60);
    expect(start.startsWith('Introduction')).to.equal(true);
    expect(start.endsWith('…')).to.equal(true);
    expect(start.length).to.be.at.most(61);
    const around = excerptOf(text, ['vpn'], 60);
    expect(around.startsWith('…')).to.equal(true);
    expect(around).to.contain('VPN');
  });
});

describe('the person’s own tickets on the same problem', () => {
  const tickets = [
    ticket('1', 'VPN drops every 10 minutes', 'open', 3),
    ticket('2', 'VPN drops at night', 'closed', 5),
    ticket('3', 'Imprimantes du 2e étage en panne', 'waiting', 1),
    ticket('4', 'Fingerprint reader broken', 'open', 2),
    ticket('5', 'VPN drops on Mondays', 'solved', 4),
  ];

  it('offers open or waiting tickets sharing most of the title’s words, plurals and accents ignored', () => {
    expect(resemblingTickets(tickets, 'VPN drops again').map((one) => one.id)).to.deep.equal(['1']);
    expect(resemblingTickets(tickets, 'imprimante en panne').map((one) => one.id)).to.deep.equal(['3']);
  });

  it('wants two words in common, whole words only', () => {
    expect(resemblingTickets(tickets, 'VPN')).to.deep.equal([]);
    expect(resemblingTickets(tickets, 'VPN slow')).to.deep.equal([]);
    expect(resemblingTickets(tickets, 'print reader')).to.deep.equal([]);
    expect(resemblingTickets(tickets, '')).to.deep.equal([]);
  });
});
