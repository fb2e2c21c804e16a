import { expect } from '@open-wc/testing';
import { bandOf, isAtLeast, isUrgency, URGENCIES, urgencyFromRank, urgencyRank } from '../../src/core/urgency.js';

describe('urgency scale', () => {
  it('has five levels ranked 1 to 5 like GLPI', () => {
    expect(URGENCIES.map(urgencyRank)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(urgencyFromRank(5)).to.equal('very-high');
    expect(urgencyFromRank(6)).to.equal(undefined);
  });

  it('groups levels in the three bands of seed 000', () => {
    expect(URGENCIES.map(bandOf)).to.deep.equal(['later', 'later', 'moderate', 'critical', 'critical']);
  });

  it('compares levels', () => {
    expect(isAtLeast('high', 'medium')).to.equal(true);
    expect(isAtLeast('low', 'medium')).to.equal(false);
    expect(isAtLeast('medium', 'medium')).to.equal(true);
  });

  it('recognises level names only', () => {
    expect(isUrgency('low')).to.equal(true);
    expect(isUrgency('urgent')).to.equal(false);
    expect(isUrgency(3)).to.equal(false);
  });
});
