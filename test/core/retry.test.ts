import { expect } from '@open-wc/testing';
import { retryDelay, seededRandom } from '../../src/core/retry.js';

/** A random source that always answers `value`. */
const always = (value: number) => () => value;

describe('retry', () => {
  describe('retryDelay', () => {
    it('doubles its ceiling with each attempt', () => {
      const top = always(0.999999);
      const delays = [1, 2, 3, 4, 5].map((attempt) => retryDelay(attempt, { base: 1000, cap: 60_000, random: top }));
      expect(delays).to.deep.equal([999, 1999, 3999, 7999, 15999]);
    });

    it('never goes past the cap', () => {
      const top = always(0.999999);
      expect(retryDelay(7, { base: 1000, cap: 60_000, random: top })).to.equal(59_999);
      expect(retryDelay(1000, { base: 1000, cap: 60_000, random: top })).to.equal(59_999);
      expect(retryDelay(Number.MAX_SAFE_INTEGER, { random: top })).to.be.finite;
    });

    it('takes a random share of the ceiling (full jitter)', () => {
      expect(retryDelay(3, { base: 1000, random: always(0) })).to.equal(0);
      expect(retryDelay(3, { base: 1000, random: always(0.5) })).to.equal(2000);
    });

    it('honours Retry-After as a minimum', () => {
      expect(retryDelay(1, { base: 1000, random: always(0.5), retryAfter: 120 })).to.equal(120_000);
      // A longer backoff than the server asked for stays as it is.
      expect(retryDelay(5, { base: 10_000, random: always(0.5), retryAfter: 1 })).to.equal(80_000);
    });

    it('treats attempt 0 like the first attempt', () => {
      expect(retryDelay(0, { base: 1000, random: always(0.5) })).to.equal(500);
    });

    it('defaults to a 2 s base and a 5 min cap', () => {
      expect(retryDelay(1, { random: always(0.5) })).to.equal(1000);
      expect(retryDelay(20, { random: always(0.5) })).to.equal(150_000);
    });

    it('gives the same delays for the same seed', () => {
      const run = (seed: number) => {
        const random = seededRandom(seed);
        return [1, 2, 3, 4, 5, 6].map((attempt) => retryDelay(attempt, { base: 1000, cap: 30_000, random }));
      };
      expect(run(42)).to.deep.equal(run(42));
      expect(run(42)).not.to.deep.equal(run(43));
      run(42).forEach((delay, index) => {
        expect(delay).to.be.at.least(0);
        expect(delay).to.be.below(Math.min(30_000, 1000 * 2 ** index));
      });
    });
  });

  describe('seededRandom', () => {
    it('replays a known sequence in [0, 1)', () => {
      const random = seededRandom(1);
      const numbers = Array.from({ length: 1000 }, random);
      expect(numbers.every((n) => n >= 0 && n < 1)).to.be.true;
      expect(seededRandom(1)()).to.equal(numbers[0]);
      // Roughly uniform: a broken generator tends to collapse onto few values.
      const mean = numbers.reduce((sum, n) => sum + n, 0) / numbers.length;
      expect(mean).to.be.within(0.45, 0.55);
      expect(new Set(numbers).size).to.equal(1000);
    });
  });
});
