/**
 * Reads a V8 CPU profile (`Profiler.stop`'s answer) for the startup benchmark: self time per
 * function, and per original source file, with positions in minified bundles mapped back
 * through their source maps (`<script>.map` beside the served file).
 */
import { existsSync, readFileSync } from 'node:fs';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, value) => [char, value]));

/**
 * A source map (version 3) decoded once: for each generated line, its segments
 * `[column, source, line, column, name]` sorted by column (all 0-based).
 */
export class SourceMap {
  constructor(json) {
    this.sources = json.sources;
    this.contents = json.sourcesContent ?? [];
    this.names = json.names ?? [];
    this.lines = [];
    this.#decode(json.mappings);
    this.sourceLines = new Map();
  }

  static fromFile(file) {
    return existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
  }

  #decode(mappings) {
    // Each field but the generated column is relative to the same field of the previous segment, over the whole map.
    let source = 0;
    let line = 0;
    let column = 0;
    let name = 0;
    for (const text of mappings.split(';')) {
      const segments = [];
      let generated = 0;
      for (const segment of text.split(',')) {
        if (!segment) continue;
        const fields = decodeVlq(segment);
        generated += fields[0];
        if (fields.length >= 4) {
          source += fields[1];
          line += fields[2];
          column += fields[3];
          if (fields.length >= 5) name += fields[4];
          segments.push([generated, source, line, column, fields.length >= 5 ? name : -1]);
        }
      }
      segments.sort((a, b) => a[0] - b[0]);
      this.lines.push(segments);
    }
  }

  /** The original position of generated `line`/`column` (0-based), or undefined. */
  originalOf(line, column) {
    const segments = this.lines[line];
    if (!segments?.length) return undefined;
    let low = 0;
    let high = segments.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (segments[middle][0] <= column) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    if (found < 0) return undefined;
    const [, source, originalLine, originalColumn, name] = segments[found];
    return { source: this.sources[source], line: originalLine, column: originalColumn, name: name >= 0 ? this.names[name] : undefined, text: this.#lineOf(source, originalLine) };
  }

  #lineOf(source, line) {
    if (!this.sourceLines.has(source)) this.sourceLines.set(source, (this.contents[source] ?? '').split('\n'));
    return this.sourceLines.get(source)[line]?.trim();
  }
}

function decodeVlq(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** `../node_modules/lit-html/lit-html.js` → `lit-html`; `../src/i18n/fr.ts` → `src/i18n/fr.ts`. */
export function moduleOf(source) {
  const path = source.replace(/^(\.\.\/)+/, '');
  const inPackages = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return inPackages ? inPackages[1] : path;
}

/**
 * Self time per function and per original module. `mapOf(url)` gives the source map of a
 * script URL, or undefined. Times in ms.
 */
export function summariseProfile(profile, mapOf) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const { samples, timeDeltas } = profile;
  // A sample lasts until the next one: the delta stored with the next sample.
  for (let index = 0; index < samples.length; index += 1) {
    const duration = (timeDeltas[index + 1] ?? 0) / 1000;
    self.set(samples[index], (self.get(samples[index]) ?? 0) + duration);
  }
  const functions = new Map();
  const modules = new Map();
  let total = 0;
  for (const [id, ms] of self) {
    total += ms;
    const { functionName, url, lineNumber, columnNumber } = nodes.get(id).callFrame;
    const key = `${functionName}|${url}|${lineNumber}|${columnNumber}`;
    let entry = functions.get(key);
    if (!entry) {
      const original = url ? mapOf(url)?.originalOf(lineNumber, columnNumber) : undefined;
      entry = { ms: 0, name: functionName || '(anonymous)', url, line: lineNumber + 1, column: columnNumber + 1, original };
      functions.set(key, entry);
    }
    entry.ms += ms;
    const module = entry.original ? moduleOf(entry.original.source) : url ? `${shortUrl(url)} (no source map)` : functionName || '(native)';
    modules.set(module, (modules.get(module) ?? 0) + ms);
  }
  const byTime = (a, b) => b.ms - a.ms;
  return {
    total,
    functions: [...functions.values()].sort(byTime),
    modules: [...modules].map(([module, ms]) => ({ module, ms })).sort(byTime),
  };
}

export const shortUrl = (url) => {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};

/** How trace events of the renderer's main thread add up, grouped as DevTools' summary does. */
const GROUPS = [
  ['gc', /(^|\.)(GC|gc)|GC$|Collect(Garbage)?|Scavenge|MinorGC|MajorGC/],
  ['compile', /^(v8\.compile|V8\.Compile|v8\.parse|V8\.Parse|v8\.produce|v8\.deserialize|CacheScript)/],
  ['script', /^(EvaluateScript|FunctionCall|v8\.|V8\.|RunMicrotasks|FireAnimationFrame|TimerFire|EventDispatch|XHRReadyStateChange)/],
  ['style', /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation)/],
  ['layout', /^(Layout|UpdateLayout|IntersectionObserverController)/],
  ['paint', /^(PrePaint|Paint|Layerize|UpdateLayer|CompositeLayers|Commit|RasterTask|Decode(?!dDataDocumentParser)|PaintImage|UpdateLayerTree)/],
  ['html', /^(ParseHTML|HTMLDocumentParser|DecodedDataDocumentParser)/],
];
const groupOf = (name) => GROUPS.find(([, pattern]) => pattern.test(name))?.[0] ?? 'other';

/**
 * Self time of each trace event on the thread that marked `mark`, from its last
 * `navigationStart` before the mark up to the mark. Times in ms.
 */
export function summariseTrace(events, mark) {
  const marked = events.find((event) => event.name === mark);
  if (!marked) return undefined;
  const { pid, tid } = marked;
  const starts = events.filter((event) => event.name === 'navigationStart' && event.pid === pid && event.ts <= marked.ts);
  const from = starts.length ? Math.max(...starts.map((event) => event.ts)) : Math.min(...events.filter((event) => event.pid === pid && event.tid === tid).map((event) => event.ts));
  const to = marked.ts;
  const slices = events
    .filter((event) => event.pid === pid && event.tid === tid && event.ph === 'X' && event.dur > 0 && event.ts < to && event.ts + event.dur > from)
    .map((event) => ({ name: event.name, start: Math.max(event.ts, from), end: Math.min(event.ts + event.dur, to) }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const self = new Map();
  const stack = [];
  const add = (name, us) => self.set(name, (self.get(name) ?? 0) + us / 1000);
  for (const slice of slices) {
    while (stack.length && stack.at(-1).end <= slice.start) stack.pop();
    const parent = stack.at(-1);
    if (parent) add(parent.name, -(Math.min(slice.end, parent.end) - slice.start));
    add(slice.name, slice.end - slice.start);
    stack.push(slice);
  }
  const names = [...self].map(([name, ms]) => ({ name, ms, group: groupOf(name) })).filter((entry) => entry.ms > 0.05).sort((a, b) => b.ms - a.ms);
  const groups = new Map();
  for (const entry of names) {
    // A task's own time outside any traced work: scheduling, and what the trace does not name.
    const group = entry.name === 'RunTask' || entry.name === 'ThreadControllerImpl::RunTask' ? 'other' : entry.group;
    groups.set(group, (groups.get(group) ?? 0) + entry.ms);
  }
  const busy = names.reduce((sum, entry) => sum + entry.ms, 0);
  return { window: (to - from) / 1000, busy, names, groups: [...groups].map(([group, ms]) => ({ group, ms })).sort((a, b) => b.ms - a.ms) };
}
