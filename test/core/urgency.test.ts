import { expect } from '@open-wc/testing';
import { bandOf, isAtLeast, isUrgency, URGENCIES } from '../../src/core/urgency.js';

describe('urgency scale', () => {
  it('has five levels, from very low to very high', () => {
    expect(URGENCIES).to.deep.equal(['very-low', 'low', 'medium', 'high', 'very-high']);
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
