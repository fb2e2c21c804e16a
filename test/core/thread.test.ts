import { expect } from '@open-wc/testing';
import { byDay, initialsOf, sideOf } from '../../src/core/thread.js';
import type { ThreadEntry } from '../../src/core/ticket.js';

const entry = (kind: ThreadEntry['kind'], author?: string, side?: ThreadEntry['side']): ThreadEntry => ({
  id: `${kind}-${author}`,
  kind,
  author,
  side,
  date: new Date('2026-11-02T09:00:00Z'),
  body: { format: 'text', value: '' },
  documents: [],
});

describe('core/thread', () => {
  it('puts a message on the side the helpdesk names, else infers it from its kind and author', () => {
    const opener = entry('description', 'Camille Martin');
    const entries = [opener, entry('followup', 'camille martin '), entry('followup', 'Bob Support'), entry('followup'), entry('solution', 'Camille Martin')];
    expect(entries.map((one) => sideOf(one, entries))).to.deep.equal(['requester', 'requester', 'helpdesk', 'helpdesk', 'helpdesk']);
    // The helpdesk's word wins: an agent who writes under the requester's name is still the helpdesk.
    expect(sideOf(entry('followup', 'Camille Martin', 'helpdesk'), entries)).to.equal('helpdesk');
    // A description an agent wrote for the person: the person's own replies are not taken for its author's.
    const forThem = [entry('description', 'Bob Support', 'helpdesk'), entry('followup', 'Bob Support')];
    expect(sideOf(forThem[1]!, forThem)).to.equal('helpdesk');
  });

  it('stands for an author with two initials at most', () => {
    expect(initialsOf('Camille Martin')).to.equal('CM');
    expect(initialsOf('Marie Claire Durand')).to.equal('MD');
    expect(initialsOf('Jean-Luc')).to.equal('JL');
    expect(initialsOf('marie.durand@example.fr')).to.equal('MD');
    expect(initialsOf('élodie')).to.equal('É');
    expect(initialsOf('  ')).to.equal('?');
  });

  it('groups messages in runs of one day, in order', () => {
    const at = (iso: string) => ({ date: new Date(iso) });
    const days = byDay([at('2026-11-02T09:00:00Z'), at('2026-11-02T18:00:00Z'), at('2026-11-03T08:00:00Z')], (date) => date.toISOString().slice(0, 10));
    expect(days.map(({ day, entries }) => [day, entries.length])).to.deep.equal([
      ['2026-11-02', 2],
      ['2026-11-03', 1],
    ]);
  });
});
