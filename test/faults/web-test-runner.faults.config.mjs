// The fault-injection suite alone, with its seed from the environment:
//   FAULT_SEED=1234 npx wtr --config test/faults/web-test-runner.faults.config.mjs
// FAULT_SCENARIOS sets how many scenarios run, FAULT_ONLY runs one scenario of the seed
// (as printed when it failed). `npm test` runs the same suite with its default seed.
import process from 'node:process';
import base from '../../web-test-runner.config.mjs';

/** Hands the environment's settings to the test page, which cannot read them itself. */
const faultSettings = {
  name: 'fault-settings',
  serve(context) {
    if (context.path !== '/__fault-settings') return undefined;
    const { FAULT_SEED = '', FAULT_SCENARIOS = '', FAULT_ONLY = '' } = process.env;
    return { body: JSON.stringify({ seed: FAULT_SEED, scenarios: FAULT_SCENARIOS, only: FAULT_ONLY }), type: 'json' };
  },
};

export default {
  ...base,
  files: ['test/faults/**/*.test.ts'],
  coverageConfig: undefined,
  plugins: [faultSettings, ...base.plugins],
};
