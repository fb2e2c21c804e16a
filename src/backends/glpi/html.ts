/**
 * GLPI ≤ 10 answers with entity-encoded text (`R&eacute;seau &amp; Wi-Fi`, `&#039;`)
 * that must be decoded before display. A pure string function: no DOM, so it runs
 * anywhere and never parses markup.
 */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\xa0' };
/** Accents as combining marks: `&eacute;` is "e" + U+0301, composed by normalize(). */
const ACCENTS: Record<string, number> = { grave: 768, acute: 769, circ: 770, tilde: 771, uml: 776, ring: 778, caron: 780, cedil: 807 };

/**
 * Decodes numeric references, the few named ones GLPI writes and accented
 * letters (`&Eacute;`, `&ccedil;`…) in one pass (`&amp;lt;` → `&lt;`), and trims;
 * other names are left as they are.
 */
export function decodeEntities(text: string): string {
  return text
    .replace(/&(?:#(\d+)|#x([\da-f]+)|([a-z]+));/gi, (whole, dec: string, hex: string, name: string) => {
      if (name) {
        const mark = ACCENTS[name.slice(1)];
        const letter = (name[0] + String.fromCharCode(mark)).normalize();
        return NAMED[name] ?? (mark && letter.length < 2 ? letter : whole);
      }
      const code = dec ? Number(dec) : parseInt(hex, 16);
      return code > 0 && code < 0x110000 && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
    })
    .trim();
}
