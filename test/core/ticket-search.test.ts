import { expect } from '@open-wc/testing';
import { countByGroup, filterTickets, fold, indexTickets, TicketFinder, TicketIndex, ticketNumberIn } from '../../src/core/ticket-search.js';
import type { StatusGroup, TicketSummary } from '../../src/core/ticket.js';

const ticket = (id: string, title: string, group: StatusGroup, updated: string): TicketSummary => ({
  id,
  title,
  status: { group, code: group, label: group },
  openedAt: new Date('2026-01-01T08:00:00'),
  updatedAt: new Date(updated),
});

const tickets = [
  ticket('4312', 'Imprimante du 3e étage hors ligne', 'open', '2026-11-02T10:00:00'),
  ticket('4313', 'Réseau Wi-Fi lent en salle B', 'waiting', '2026-11-05T10:00:00'),
  ticket('512', 'Nouveau poste pour Léa', 'solved', '2026-10-01T10:00:00'),
  ticket('4399', 'Messagerie : mails rejetés', 'closed', '2026-11-05T10:00:00'),
];
const index = indexTickets(tickets);
const ids = (list: TicketSummary[]) => list.map((t) => t.id);

describe('ticket search', () => {
  it('orders by last activity, newest first, then by number', () => {
    expect(ids(filterTickets(index, {}))).to.deep.equal(['4399', '4313', '4312', '512']);
  });

  it('finds words of the title whatever the accents and case, every word required', () => {
    expect(ids(filterTickets(index, { query: 'reseau' }))).to.deep.equal(['4313']);
    expect(ids(filterTickets(index, { query: 'IMPRIMANTE étage' }))).to.deep.equal(['4312']);
    expect(ids(filterTickets(index, { query: 'imprimante wifi' }))).to.deep.equal([]);
  });

  it('finds a ticket by its number, also while it is being typed', () => {
    expect(ids(filterTickets(index, { query: '#4312' }))).to.deep.equal(['4312']);
    expect(ids(filterTickets(index, { query: 'n° 512' }))).to.deep.equal(['512']);
    expect(ids(filterTickets(index, { query: '43' }))).to.deep.equal(['4399', '4313', '4312']);
    expect(ticketNumberIn('printer 3')).to.equal(undefined);
  });

  it('filters by status group, with the search', () => {
    expect(ids(filterTickets(index, { group: 'waiting' }))).to.deep.equal(['4313']);
    expect(ids(filterTickets(index, { group: 'open', query: '43' }))).to.deep.equal(['4312']);
    expect(countByGroup(index)).to.deep.equal({ open: 1, waiting: 1, solved: 1, closed: 1 });
  });

  it('folds text to lower case without diacritics', () => {
    expect(fold('ÉCRAN Dell Ça')).to.equal('ecran dell ca');
  });

  it('reads a list page by page, in any order, to the same index as all at once', () => {
    const many = Array.from({ length: 57 }, (_, i) => ticket(String(1000 + i), `Ticket ${i}`, 'open', `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00`));
    const whole = indexTickets(many);
    const pages = [many.slice(20, 40), many.slice(0, 20), many.slice(40)];
    const read = new TicketIndex();
    const steps = pages.map((page) => read.add(page).length);
    expect(steps).to.deep.equal([20, 40, 57]);
    expect(read.entries.map((entry) => entry.ticket.id)).to.deep.equal(whole.map((entry) => entry.ticket.id));
    // Each ticket is prepared once, with its page.
    expect(read.entries[0]).to.equal(read.entries.find((entry) => entry.ticket.id === whole[0]!.ticket.id));
  });

  it('keeps the newer copy of a ticket that moved while the pages were read, once', () => {
    const read = new TicketIndex();
    read.add([ticket('1', 'Old title', 'open', '2026-11-01T10:00:00'), ticket('2', 'Other', 'open', '2026-10-01T10:00:00')]);
    read.add([ticket('1', 'New title', 'waiting', '2026-11-09T10:00:00')]);
    read.add([ticket('1', 'Old title', 'open', '2026-11-01T10:00:00')]);
    expect(read.entries.map((entry) => [entry.ticket.id, entry.ticket.title])).to.deep.equal([
      ['1', 'New title'],
      ['2', 'Other'],
    ]);
  });

  it('finds, as a person types and erases, what filterTickets finds, looking only among the last results when it can', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      ticket(String(i * 7), ['Imprimante no 4 bloquée', 'Réseau lent', 'Écran noir 12', 'Badge perdu'][i % 4]!, (['open', 'waiting', 'solved', 'closed'] as const)[i % 3]!, `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00`),
    );
    const all = indexTickets(many);
    const finder = new TicketFinder();
    const typed = ['i', 'im', 'imp', 'imp 4', 'imp', 'n', 'no', 'no 4', 'no 4 b', '#', '#1', '#12', '1', '12', '12 n', 'écran', 'ecran', 'ECRAN noir', ''];
    let asked = 0;
    const counting = all.map((entry) => {
      const counted = { ...entry };
      Object.defineProperty(counted, 'text', { get: () => (asked++, entry.text) });
      return counted;
    });
    for (const group of [undefined, 'open'] as const) {
      for (const query of [...typed, ...[...typed].reverse()]) {
        expect(ids(finder.find(counting, { group, query })), `"${query}" ${group ?? 'all'}`).to.deep.equal(ids(filterTickets(all, { group, query })));
      }
    }
    // Narrowing and remembering: far fewer titles looked at than a full pass per search (2 × 38 × 300).
    expect(asked).to.be.below(2 * 38 * 300 * 0.4);
  });

  it('keeps the newest copy of a ticket met twice among pages added together', () => {
    const read = new TicketIndex();
    read.add([ticket('2', 'Other', 'open', '2026-10-01T10:00:00')]);
    read.add([
      ticket('1', 'Old title', 'open', '2026-11-01T10:00:00'),
      ticket('3', 'Third', 'open', '2026-09-01T10:00:00'),
      ticket('1', 'New title', 'waiting', '2026-11-09T10:00:00'),
    ]);
    expect(read.entries.map((entry) => entry.ticket.title)).to.deep.equal(['New title', 'Other', 'Third']);
  });

  it('lists everything while only "#" or "n°" is typed: a number is coming', () => {
    for (const query of ['#', 'n°', ' # ']) expect(ids(filterTickets(index, { query })), query).to.deep.equal(['4399', '4313', '4312', '512']);
    expect(ids(filterTickets(index, { query: '#43' }))).to.deep.equal(['4399', '4313', '4312']);
  });
});
