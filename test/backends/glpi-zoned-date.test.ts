import { expect } from '@open-wc/testing';
import { zonedDate } from '../../src/backends/glpi/answers.js';
import { seededRandom } from '../../src/core/retry.js';

/** The wall time of `date` in `zone`, as GLPI writes it. */
function wallOf(date: Date, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

describe('GLPI dates read in a zone', () => {
  it('are right on both sides of a change of summer time', () => {
    expect(zonedDate('2026-03-29 01:59:00', { name: 'Europe/Paris' }).toISOString()).to.equal('2026-03-29T00:59:00.000Z');
    expect(zonedDate('2026-03-29 03:00:00', { name: 'Europe/Paris' }).toISOString()).to.equal('2026-03-29T01:00:00.000Z');
    expect(zonedDate('2026-10-25 01:30:00', { name: 'Europe/Paris' }).toISOString()).to.equal('2026-10-24T23:30:00.000Z');
    expect(zonedDate('2026-10-25 04:00:00', { name: 'Europe/Paris' }).toISOString()).to.equal('2026-10-25T03:00:00.000Z');
    // Lord Howe moves by half an hour, at 02:00 local: mid-hour in UTC.
    expect(zonedDate('2026-04-05 01:00:00', { name: 'Australia/Lord_Howe' }).toISOString()).to.equal('2026-04-04T14:00:00.000Z');
    expect(zonedDate('2026-04-05 03:00:00', { name: 'Australia/Lord_Howe' }).toISOString()).to.equal('2026-04-04T16:30:00.000Z');
  });

  it('give back the wall time they were read from, for thousands of dates over three years and five zones', () => {
    const random = seededRandom(20261207);
    const from = Date.UTC(2024, 0, 1);
    for (const zone of ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Sao_Paulo']) {
      for (let i = 0; i < 800; i++) {
        const instant = new Date(from + Math.floor(random() * 3 * 365 * 86_400) * 1000);
        const wall = wallOf(instant, zone);
        // A wall time seen twice (the hour repeated in autumn) may be read as either instant.
        expect(wallOf(zonedDate(wall, { name: zone }), zone), `${wall} in ${zone}`).to.equal(wall);
      }
    }
  });
});
