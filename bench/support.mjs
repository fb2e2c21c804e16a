/**
 * What the benchmarks (bench/startup.mjs, bench/ticket-list.mjs, bench/suggestions.mjs) need
 * besides the page they load: the Chromium they drive, real key presses, a seeded order of
 * runs, a deadline on anything the page may never answer, and a plain-text table.
 */
import process from 'node:process';

/** The system Chromium (TOOLING.md), headless, with what would add noise to a measure turned off. */
export const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
export const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** CDP's key events for one character typed on a French keyboard (the text is what the input gets). */
export function keyOf(char) {
  if (char === 'Backspace') return { key: 'Backspace', code: 'Backspace', windowsVirtualKeyCode: 8 };
  if (char === ' ') return { key: ' ', code: 'Space', text: ' ', windowsVirtualKeyCode: 32 };
  if (/^[a-z]$/.test(char)) return { key: char, code: `Key${char.toUpperCase()}`, text: char, windowsVirtualKeyCode: char.toUpperCase().charCodeAt(0) };
  if (/^[0-9]$/.test(char)) return { key: char, code: `Digit${char}`, text: char, windowsVirtualKeyCode: 48 + Number(char) };
  // AZERTY: é on the 2 key, # with AltGr on the 3 key (modifiers left out: only the text matters here).
  if (char === 'é') return { key: 'é', code: 'Digit2', text: 'é', windowsVirtualKeyCode: 50 };
  if (char === '#') return { key: '#', code: 'Digit3', text: '#', windowsVirtualKeyCode: 51 };
  return { key: char, code: '', text: char, windowsVirtualKeyCode: 0 };
}

/** Presses one key through the browser's input pipeline: keyDown (with its text), then keyUp. */
export async function press(cdp, char) {
  const key = keyOf(char);
  await cdp.send('Input.dispatchKeyEvent', { type: key.text ? 'keyDown' : 'rawKeyDown', ...key, unmodifiedText: key.text });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: key.key, code: key.code, windowsVirtualKeyCode: key.windowsVirtualKeyCode });
}

/**
 * The q-quantile, linearly interpolated (q = 0.5: the median). Infinity stands for a load
 * that never got there (it failed) and sorts last; NaN values are left out.
 */
export function quantile(values, q) {
  const sorted = values.filter((value) => !Number.isNaN(value) && value !== undefined).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  if (!Number.isFinite(sorted[above])) return sorted[above];
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

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
