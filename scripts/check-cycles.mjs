#!/usr/bin/env node
// Fails when a module of src/ imports itself through a chain of static imports.
// A cycle makes what a module sees at load time depend on which file of the loop a page
// reaches first (a `const` read before its module ran throws), and it ties files that
// should load apart into one chunk. Only what runs at load counts: `import type`,
// `export type` and type-only specifiers vanish from the output, and a dynamic `import()`
// runs later, when the code calls it.
//
// Usage: node scripts/check-cycles.mjs [--dynamic] [root]   (root defaults to src/). Exit code 1
// on a cycle. `--dynamic` counts `import('…')` with a literal specifier too: not a load-time
// cycle, but a loop a bundler must put in one chunk, or split with the lazy side waiting on
// the other; useful to check that a lazily loaded module does not import its loader back.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const args = process.argv.slice(2);
const withDynamic = args.includes('--dynamic');
const root = resolve(args.find((arg) => !arg.startsWith('--')) ?? 'src');

/** Every .ts file under `dir` (declaration files describe, they do not load). */
function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file a relative specifier names: `./x.js` is written for `./x.ts`; bare specifiers are packages. */
function resolveSpecifier(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts'), base];
  return candidates.find((path) => path.endsWith('.ts') && existsSync(path) && statSync(path).isFile());
}

/** Whether an import declaration loads its module when the importer loads. */
function importLoads(node) {
  const clause = node.importClause;
  if (!clause) return true; // `import './x.js'`: run for its effects
  if (clause.isTypeOnly) return false;
  if (clause.name) return true; // a default import
  const bindings = clause.namedBindings;
  if (!bindings || ts.isNamespaceImport(bindings)) return true;
  // `import { type A, type B } from …` is erased whole (tsconfig does not set
  // verbatimModuleSyntax, and esbuild does the same): one value binding keeps it.
  return bindings.elements.length === 0 || bindings.elements.some((element) => !element.isTypeOnly);
}

/** Whether an export declaration with a `from` loads its module. */
function exportLoads(node) {
  if (node.isTypeOnly) return false;
  const clause = node.exportClause;
  if (!clause || ts.isNamespaceExport(clause)) return true; // `export * from`, `export * as ns from`
  return clause.elements.length === 0 || clause.elements.some((element) => !element.isTypeOnly);
}

/** The files `file` loads statically (and those it imports dynamically, with `--dynamic`). */
function importsOf(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const targets = new Set();
  for (const node of source.statements) {
    let specifier;
    if (ts.isImportDeclaration(node) && importLoads(node)) specifier = node.moduleSpecifier;
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && exportLoads(node)) specifier = node.moduleSpecifier;
    else if (ts.isImportEqualsDeclaration(node) && !node.isTypeOnly && ts.isExternalModuleReference(node.moduleReference)) {
      specifier = node.moduleReference.expression;
    }
    if (!specifier || !ts.isStringLiteral(specifier)) continue;
    const target = resolveSpecifier(file, specifier.text);
    if (target) targets.add(target);
  }
  if (withDynamic) {
    const visit = (node) => {
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [specifier] = node.arguments;
        const target = specifier && ts.isStringLiteralLike(specifier) ? resolveSpecifier(file, specifier.text) : undefined;
        if (target) targets.add(target);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...targets].sort();
}

const files = sourceFiles(root).sort();
const graph = new Map(files.map((file) => [file, importsOf(file)]));

// Tarjan's strongly connected components: each component of more than one file (or a file
// importing itself) holds at least one cycle; one chain per component is shown, the shortest
// from its first file back to it, so the report names a loop a person can break.
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];
let counter = 0;

function connect(file) {
  index.set(file, counter);
  low.set(file, counter);
  counter += 1;
  stack.push(file);
  onStack.add(file);
  for (const target of graph.get(file) ?? []) {
    if (!graph.has(target)) continue;
    if (!index.has(target)) {
      connect(target);
      low.set(file, Math.min(low.get(file), low.get(target)));
    } else if (onStack.has(target)) {
      low.set(file, Math.min(low.get(file), index.get(target)));
    }
  }
  if (low.get(file) === index.get(file)) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file).includes(file)) components.push(component.sort());
  }
}

for (const file of files) if (!index.has(file)) connect(file);

/** The shortest chain start → … → start inside one component (breadth-first). */
function shortestLoop(start, members) {
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const target of graph.get(file)) {
      if (!members.has(target)) continue;
      if (target === start) {
        const chain = [start];
        for (let at = file; at !== start; at = previous.get(at)) chain.splice(1, 0, at);
        return [...chain, start];
      }
      if (!previous.has(target)) {
        previous.set(target, file);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

const shown = (file) => relative(process.cwd(), file);

if (components.length === 0) {
  console.log(`check-cycles: no ${withDynamic ? '' : 'static '}import cycle among ${files.length} modules of ${shown(root) || '.'}`);
  process.exit(0);
}

console.error(`check-cycles: ${components.length} ${withDynamic ? '' : 'static '}import cycle${components.length === 1 ? '' : 's'} in ${shown(root) || '.'}:`);
for (const component of components) {
  const members = new Set(component);
  const loop = shortestLoop(component[0], members);
  console.error(`\n  ${loop.map(shown).join('\n    → ')}`);
  // Other loops run through the same files: breaking this one may leave them.
  if (component.length > loop.length - 1) console.error(`  (${component.length} modules are tied together: ${component.map(shown).join(', ')})`);
}
process.exit(1);
