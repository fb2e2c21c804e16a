/**
 * `npm run analyze` (also run by `npm run build`) writes custom-elements.json at the
 * repository root, the manifest package.json's "customElements" points to: tags,
 * attributes, properties, events, slots, CSS parts and `--support-*` properties,
 * read from the elements' JSDoc.
 */
export default {
  globs: ['src/elements/**/*.ts'],
  // Style modules only hold `css` templates; the elements document their properties.
  // define.ts registers whatever it is given: the tags come from each class's `@tag`.
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/define.ts'],
  outdir: '.',
  litelement: true,
  // package.json already has "customElements"; don't let the analyzer rewrite the file.
  packagejson: false,
};
