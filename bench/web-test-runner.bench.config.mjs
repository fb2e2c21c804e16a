// `npm run bench`: the benchmarks of bench/*.bench.ts in the same Chromium as the tests,
// without coverage (it slows the code measured). Each benchmark sends its figures to
// the `bench-report` command below, which prints them as plain lines.
import base from '../web-test-runner.config.mjs';

/** Prints what a benchmark reports: `{ title, rows: [[label, value], …] }`. */
const benchReport = {
  name: 'bench-report',
  executeCommand({ command, payload }) {
    if (command !== 'bench-report') return undefined;
    const { title, rows } = payload;
    const width = Math.max(...rows.map(([label]) => label.length));
    process.stdout.write(`\n${title}\n${rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n')}\n`);
    return true;
  },
};

export default {
  ...base,
  files: ['bench/**/*.bench.ts'],
  coverage: false,
  staticLogging: true,
  testFramework: { config: { timeout: 300000 } },
  plugins: [...base.plugins, benchReport],
};
