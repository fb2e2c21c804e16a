// `npm run lint:eslint` runs this with --max-warnings 0. Template bindings are checked
// with types by lit-analyzer (`npm run lint:lit`); these rules cover the rest.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores(['dist/', 'coverage/', '.tmp/', 'node_modules/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'support-widgets/browser',
    files: ['src/**/*.{ts,js}', 'test/**/*.{ts,js}', 'bench/**/*.ts', 'demo/**/*.{ts,js}'],
    extends: [lit.configs['flat/recommended'], litA11y.configs.recommended, wc.configs['flat/best-practice']],
    languageOptions: { globals: globals.browser },
    // Makes the wc rules look at our LitElement subclasses, not only direct HTMLElement ones.
    settings: { wc: { elementBaseClasses: ['LitElement'] } },
    rules: {
      // LitElement always defines connectedCallback/disconnectedCallback: a guard would be dead code.
      'wc/guard-super-call': 'off',
    },
  },
  {
    name: 'support-widgets/tests',
    files: ['test/**/*.{ts,js}', 'bench/**/*.ts'],
    languageOptions: { globals: globals.mocha },
    rules: {
      // chai asserts through getters: `expect(el).to.exist` is a statement that does something.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    name: 'support-widgets/node',
    files: ['*.{js,mjs,cjs,ts}', 'scripts/**/*.{js,mjs,ts}', 'bench/**/*.mjs', 'examples/**/*.mjs', 'test/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Node scripts that drive a browser: what they hand to page.evaluate() runs in the page.
    name: 'support-widgets/browser-drivers',
    files: ['test/faults/browser/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
]);
