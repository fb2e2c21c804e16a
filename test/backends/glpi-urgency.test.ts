import { expect } from '@open-wc/testing';
import { URGENCIES } from '../../src/core/urgency.js';
import { urgencyFromRank, urgencyRank } from '../../src/backends/glpi/urgency.js';

describe('GLPI urgency scale', () => {
  it('codes the five levels 1 to 5, and knows no other code', () => {
    expect(URGENCIES.map(urgencyRank)).to.deep.equal([1, 2, 3, 4, 5]);
    expect([1, 2, 3, 4, 5].map(urgencyFromRank)).to.deep.equal([...URGENCIES]);
    expect(urgencyFromRank(0)).to.equal(undefined);
    expect(urgencyFromRank(6)).to.equal(undefined);
  });
});
