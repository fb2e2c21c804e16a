/**
 * `npm run analyze` (also run by `npm run build`) writes custom-elements.json at the
 * repository root, the manifest package.json's "customElements" points to: tags,
 * attributes, properties, events, slots, CSS parts and `--support-*` properties,
 * read from the elements' JSDoc.
 */

/**
 * Each element's entry (`src/<tag>.ts`) registers it with `define('<tag>', Class)`
 * (src/elements/define.ts), which the analyzer does not know: this writes the entry's
 * `custom-element-definition`, pointing at the module the class is imported from.
 */
function entryDefinitions() {
  return {
    name: 'support-widgets:entry-definitions',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isSourceFile(node) || !/^src\/[a-z-]+\.ts$/.test(moduleDoc.path)) return;
      const imported = new Map();
      for (const statement of node.statements) {
        if (!ts.isImportDeclaration(statement) || !statement.importClause?.namedBindings) continue;
        const from = statement.moduleSpecifier.text.replace(/^\.\//, 'src/').replace(/\.js$/, '.ts');
        const bindings = statement.importClause.namedBindings;
        if (ts.isNamedImports(bindings)) for (const element of bindings.elements) imported.set(element.name.text, from);
      }
      for (const statement of node.statements) {
        const call = ts.isExpressionStatement(statement) ? statement.expression : undefined;
        if (!call || !ts.isCallExpression(call) || call.expression.getText() !== 'define') continue;
        const [tag, element] = call.arguments;
        if (!tag || !element || !ts.isStringLiteral(tag) || !ts.isIdentifier(element)) continue;
        moduleDoc.exports ??= [];
        moduleDoc.exports.push({
          kind: 'custom-element-definition',
          name: tag.text,
          declaration: { name: element.text, module: imported.get(element.text) ?? moduleDoc.path },
        });
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts', 'src/*.ts'],
  // Style modules only hold `css` templates; the elements document their properties.
  // define.ts registers whatever it is given: the tags come from the entries (entryDefinitions).
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/define.ts', 'src/index.ts', 'src/api.ts'],
  outdir: '.',
  litelement: true,
  // package.json already has "customElements"; don't let the analyzer rewrite the file.
  packagejson: false,
  plugins: [entryDefinitions()],
};
