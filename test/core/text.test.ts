import { expect } from '@open-wc/testing';
import { withTimeZone } from '../../src/core/text.js';

/** The offset the browser's zone has at a local date and time, as withTimeZone writes it. */
function offsetAt(local: string): string {
  const minutes = -new Date(local).getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

describe('withTimeZone', () => {
  it('writes a datetime-local answer with the offset of the person’s zone on that date', () => {
    expect(withTimeZone('2026-12-06T14:30')).to.equal(`2026-12-06 14:30 ${offsetAt('2026-12-06T14:30')}`);
    expect(withTimeZone('2026-07-06T09:05:00')).to.equal(`2026-07-06 09:05 ${offsetAt('2026-07-06T09:05')}`);
    expect(withTimeZone('2026-12-06T14:30')).to.match(/^2026-12-06 14:30 UTC[+-]\d{2}:\d{2}$/);
  });

  it('leaves anything else as it is', () => {
    for (const value of ['hier vers 14 h', '2026-12-06', '14:30', '2026-13-45T99:99']) expect(withTimeZone(value)).to.equal(value);
  });
});
