/**
 * What both benchmarks (bench/startup.mjs, bench/ticket-list.mjs) need besides the page
 * they load: a seeded order of runs, a deadline on anything the page may never answer,
 * and a plain-text table.
 */

/** mulberry32: the same seed, the same orders. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy of `list` in the order `draw` gives (Fisher–Yates). */
export function shuffled(list, draw) {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(draw() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** `promise`, or `fallback` after `ms`: a page stuck in a long task answers nothing. */
export function within(ms, promise, fallback) {
  let timer;
  return Promise.race([promise.catch(() => fallback), new Promise((done) => (timer = setTimeout(() => done(fallback), ms)))]).finally(() => clearTimeout(timer));
}

/** Columns padded to their widest cell, the first left-aligned, the others right-aligned. */
export function table(headings, rows) {
  const widths = headings.map((heading, column) => Math.max(heading.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) => cells.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join('  ');
  return [line(headings), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
