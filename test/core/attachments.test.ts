import { expect } from '@open-wc/testing';
import { checkAttachments, formatBytes, isAccepted, type FileLike } from '../../src/core/attachments.js';
import type { AttachmentRules } from '../../src/core/settings.js';

const MB = 1024 * 1024;

function file(name: string, size = 1000, type = ''): FileLike {
  return { name, size, type };
}

function rules(overrides: Partial<AttachmentRules> = {}): AttachmentRules {
  return { maxFiles: 5, maxFileSize: 2 * MB, accept: [], ...overrides };
}

describe('attachments', () => {
  describe('checkAttachments', () => {
    it('keeps current files and adds acceptable ones in order', () => {
      const current = [file('capture.png', 1000, 'image/png')];
      const added = [file('journal.log', 2000, 'text/plain'), file('devis.pdf', 3000, 'application/pdf')];
      const result = checkAttachments(current, added, rules());
      expect(result.files.map((f) => f.name)).to.deep.equal(['capture.png', 'journal.log', 'devis.pdf']);
      expect(result.refused).to.deep.equal([]);
    });

    it('does not mutate its inputs and returns the same objects', () => {
      const current = [file('a.txt')];
      const added = [file('b.txt')];
      const result = checkAttachments(current, added, rules());
      expect(current).to.have.length(1);
      expect(result.files[1]).to.equal(added[0]);
    });

    it('works on real File objects', () => {
      const capture = new File(['x'.repeat(10)], 'capture.png', { type: 'image/png' });
      const result = checkAttachments<File>([], [capture], rules({ accept: ['image/*'] }));
      expect(result.files).to.deep.equal([capture]);
    });

    it('skips a file already there (same name and size) without refusing it', () => {
      const current = [file('capture.png', 1000)];
      const result = checkAttachments(current, [file('capture.png', 1000), file('capture.png', 1001)], rules());
      expect(result.files.map((f) => f.size)).to.deep.equal([1000, 1001]);
      expect(result.refused).to.deep.equal([]);
    });

    it('skips a file picked twice in the same batch', () => {
      const result = checkAttachments([], [file('a.log', 10), file('a.log', 10)], rules());
      expect(result.files).to.have.length(1);
      expect(result.refused).to.deep.equal([]);
    });

    it('refuses files over the size limit with the limit in bytes', () => {
      const result = checkAttachments([], [file('video.mp4', 2 * MB + 1), file('ok.png', 2 * MB)], rules());
      expect(result.files.map((f) => f.name)).to.deep.equal(['ok.png']);
      expect(result.refused).to.deep.equal([{ name: 'video.mp4', reason: 'too-big', limit: 2 * MB }]);
    });

    it('refuses empty files', () => {
      const result = checkAttachments([], [file('vide.txt', 0)], rules());
      expect(result.refused).to.deep.equal([{ name: 'vide.txt', reason: 'empty' }]);
    });

    it('refuses files beyond the count, counting the current ones', () => {
      const current = [file('1.png'), file('2.png')];
      const added = [file('3.png'), file('4.png'), file('5.png')];
      const result = checkAttachments(current, added, rules({ maxFiles: 3 }));
      expect(result.files.map((f) => f.name)).to.deep.equal(['1.png', '2.png', '3.png']);
      expect(result.refused).to.deep.equal([
        { name: '4.png', reason: 'too-many', limit: 3 },
        { name: '5.png', reason: 'too-many', limit: 3 },
      ]);
    });

    it('does not let refused files take a place (seed 001: one file of 2 MB)', () => {
      const added = [file('huge.iso', 3 * MB), file('capture.png', 1000)];
      const result = checkAttachments([], added, rules({ maxFiles: 1 }));
      expect(result.files.map((f) => f.name)).to.deep.equal(['capture.png']);
      expect(result.refused).to.deep.equal([{ name: 'huge.iso', reason: 'too-big', limit: 2 * MB }]);
    });

    it('refuses every file when attachments are off (maxFiles 0)', () => {
      const result = checkAttachments([], [file('a.png'), file('b.png', 0), file('c.exe')], rules({ maxFiles: 0, accept: ['.pdf'] }));
      expect(result.files).to.deep.equal([]);
      expect(result.refused).to.deep.equal([
        { name: 'a.png', reason: 'too-many', limit: 0 },
        { name: 'b.png', reason: 'too-many', limit: 0 },
        { name: 'c.exe', reason: 'too-many', limit: 0 },
      ]);
    });

    it('refuses types outside accept', () => {
      const result = checkAttachments(
        [],
        [file('capture.PNG', 10, 'image/png'), file('setup.exe', 10, 'application/x-msdownload'), file('log.txt', 10, 'text/plain')],
        rules({ accept: ['image/*', '.txt'] }),
      );
      expect(result.files.map((f) => f.name)).to.deep.equal(['capture.PNG', 'log.txt']);
      expect(result.refused).to.deep.equal([{ name: 'setup.exe', reason: 'wrong-type' }]);
    });

    it('gives one reason per file: empty, then type, then size, then count', () => {
      const result = checkAttachments([], [file('x.exe', 0), file('y.exe', 9 * MB)], rules({ accept: ['.pdf'], maxFiles: 1 }));
      expect(result.refused).to.deep.equal([
        { name: 'x.exe', reason: 'empty' },
        { name: 'y.exe', reason: 'wrong-type' },
      ]);
    });
  });

  describe('isAccepted', () => {
    it('accepts anything when the list is empty', () => {
      expect(isAccepted(file('anything.bin'), [])).to.equal(true);
    });

    it('matches extensions whatever the case, with or without the dot', () => {
      expect(isAccepted(file('Rapport.PDF'), ['.pdf'])).to.equal(true);
      expect(isAccepted(file('rapport.pdf'), [' .PDF '])).to.equal(true);
      expect(isAccepted(file('rapport.pdf'), ['pdf'])).to.equal(true);
      expect(isAccepted(file('rapport.pdf.exe'), ['.pdf'])).to.equal(false);
      expect(isAccepted(file('.pdf'), ['.pdf'])).to.equal(false);
      expect(isAccepted(file('archive.tar.gz'), ['.tar.gz'])).to.equal(true);
    });

    it('matches exact MIME types, ignoring case and parameters', () => {
      expect(isAccepted(file('a', 1, 'image/png'), ['image/png'])).to.equal(true);
      expect(isAccepted(file('a', 1, 'Text/Plain; charset=utf-8'), ['text/plain'])).to.equal(true);
      expect(isAccepted(file('a', 1, 'image/jpeg'), ['image/png'])).to.equal(false);
    });

    it('matches MIME families', () => {
      expect(isAccepted(file('a', 1, 'image/webp'), ['image/*'])).to.equal(true);
      expect(isAccepted(file('a', 1, 'video/mp4'), ['image/*'])).to.equal(false);
      expect(isAccepted(file('a.png', 1, ''), ['image/*'])).to.equal(false);
    });
  });

  describe('formatBytes', () => {
    // Intl separates number and unit with a (narrow) no-break space.
    const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

    it('writes megabytes as the person reads them', () => {
      expect(plain(formatBytes(2 * MB, 'en'))).to.equal('2 MB');
      expect(plain(formatBytes(2 * MB, 'fr'))).to.equal('2 Mo');
      expect(plain(formatBytes(1.5 * MB, 'fr'))).to.equal('1,5 Mo');
      expect(plain(formatBytes(20 * MB, 'en-GB'))).to.equal('20 MB');
    });

    it('writes kilobytes below one megabyte', () => {
      expect(plain(formatBytes(350 * 1024, 'en'))).to.equal('350 kB');
      expect(plain(formatBytes(350 * 1024, 'fr'))).to.equal('350 ko');
      expect(plain(formatBytes(1536, 'en'))).to.equal('1.5 kB');
    });

    it('moves to the larger unit when rounding reaches it', () => {
      expect(plain(formatBytes(MB - 1, 'en'))).to.equal('1 MB');
      expect(plain(formatBytes(1023, 'fr'))).to.equal('1 ko');
      expect(plain(formatBytes(MB + 10, 'en'))).to.equal('1 MB');
    });

    it('writes gigabytes from one gigabyte', () => {
      expect(plain(formatBytes(3 * 1024 * MB, 'fr'))).to.equal('3 Go');
    });

    it('writes bytes below one kilobyte, and zero for nonsense', () => {
      expect(plain(formatBytes(500, 'en'))).to.equal('500 bytes');
      expect(plain(formatBytes(500, 'fr'))).to.equal('500 octets');
      expect(plain(formatBytes(-1, 'en'))).to.equal('0 bytes');
      expect(plain(formatBytes(Number.NaN, 'en'))).to.equal('0 bytes');
      expect(plain(formatBytes(12.4, 'en'))).to.equal('12 bytes');
      expect(plain(formatBytes(1, 'en'))).to.equal('1 byte');
      expect(plain(formatBytes(1, 'fr'))).to.equal('1 octet');
    });

    it('writes English and French as Intl does, and other languages through Intl', () => {
      const intl = (value: number, unit: string, locale: string) =>
        new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: unit === 'byte' ? 'long' : 'short', maximumFractionDigits: 1 }).format(value);
      for (const locale of ['en', 'en-GB', 'en-US', 'fr', 'fr-FR', 'fr-CA']) {
        expect(formatBytes(1.5 * MB, locale), locale).to.equal(intl(1.5, 'megabyte', locale));
        expect(formatBytes(350 * 1024, locale), locale).to.equal(intl(350, 'kilobyte', locale));
        expect(formatBytes(3 * 1024 * MB, locale), locale).to.equal(intl(3, 'gigabyte', locale));
        expect(formatBytes(512, locale), locale).to.equal(intl(512, 'byte', locale));
        expect(formatBytes(0, locale), locale).to.equal(intl(0, 'byte', locale));
      }
      expect(plain(formatBytes(1.5 * MB, 'de'))).to.equal('1,5 MB');
    });
  });
});
