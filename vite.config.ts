/**
 * One Vite config for the two library builds and the demo server.
 *
 * - `vite build --mode es`: `dist/support-widgets.js` and `dist/mocks.js`, ES modules
 *   built together so the code they share lands once in `dist/chunks/`, as do the
 *   `import()`ed parts. Dependencies stay external: npm users' bundlers dedupe them.
 * - `vite build --mode iife`: `dist/support-widgets.iife.js`, one minified classic
 *   script with everything inside, for a `<script>` tag on a page with no build step.
 * - `vite` (dev server): the pages of `demo/`, msw's worker at `/mockServiceWorker.js`
 *   and the built `dist/` at `/dist/` (the intranet page loads the IIFE from there).
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type Rollup, type UserConfig } from 'vite';
import { minifyHTMLLiterals } from 'minify-literals';

const repo = fileURLToPath(new URL('.', import.meta.url));
const inRepo = (path: string) => resolve(repo, path);

const pkg = JSON.parse(readFileSync(inRepo('package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

/** Packages npm users install beside ours; lit's own parts are listed so none gets bundled twice. */
const externalPackages = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
  'lit-html',
  'lit-element',
  '@lit',
];
const isExternal = (id: string) => externalPackages.some((name) => id === name || id.startsWith(`${name}/`));

/** The elements a page can hold, each an entry of the npm and CDN builds (`src/<tag>.ts` registers it). */
const elementEntries = Object.fromEntries(
  ['support-ticket-form', 'ticket-list', 'ticket-detail', 'contact-guidance', 'support-launcher'].map((tag) => [tag, inRepo(`src/${tag}.ts`)]),
);

const esBuild: UserConfig = {
  build: {
    outDir: inRepo('dist'),
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    lib: {
      entry: { 'support-widgets': inRepo('src/index.ts'), ...elementEntries, mocks: inRepo('src/mocks/index.ts') },
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      external: isExternal,
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
};

/**
 * Minifies the markup and CSS inside Lit's html`` and css`` templates of our sources:
 * a general minifier leaves template text as written, indentation included.
 * minify-literals stays on 1.x (html-minifier-terser and clean-css): 2.x and its
 * html-minifier-next ask for Node 22, and the README promises Node 20.19.
 */
function minifyTemplates(): Plugin {
  return {
    name: 'support-widgets:minify-templates',
    async transform(code, id) {
      if (!id.startsWith(inRepo('src')) || !id.endsWith('.ts')) return null;
      const result = await minifyHTMLLiterals(code, { fileName: id });
      // 1.x gives magic-string's SourceMap, whose `version` is typed loosely: handed over as its JSON.
      return result ? { code: result.code, map: result.map?.toString() } : null;
    },
  };
}

const iifeBuild: UserConfig = {
  plugins: [minifyTemplates()],
  // Bundled dependencies must not read `process` in a browser.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: inRepo('dist'),
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    lib: {
      entry: inRepo('src/index.ts'),
      name: 'SupportWidgets',
      formats: ['iife'],
      fileName: () => 'support-widgets.iife.js',
    },
    // A classic script cannot load chunks: lazy `import()`s are inlined.
    rolldownOptions: { output: { codeSplitting: false } },
  },
};

/** In the loader's code, replaced by the manifest once the chunks have their names. */
const MANIFEST_PLACEHOLDER = '@@support-widgets-manifest@@';

/**
 * Writes the CDN manifest — for each element, helpdesk and language, the files it
 * needs, itself first — into the loader and beside it (`manifest.json`, read by the
 * size budget and the tests). Adapters and languages are found by their source path:
 * `src/backends/<type>/<type>-backend.ts`, `src/i18n/<lang>.ts`.
 */
function cdnManifest(): Plugin {
  return {
    name: 'support-widgets:cdn-manifest',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((file): file is Rollup.OutputChunk => file.type === 'chunk');
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const closure = (chunk: Rollup.OutputChunk): string[] => {
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName)) return;
          files.add(fileName);
          byName.get(fileName)?.imports.forEach(visit);
        };
        visit(chunk.fileName);
        return [...files];
      };
      const manifest = { elements: {} as Record<string, string[]>, helpdesks: {} as Record<string, string[]>, languages: {} as Record<string, string[]> };
      for (const chunk of chunks) {
        const source = chunk.facadeModuleId ? relative(repo, chunk.facadeModuleId).split(sep).join('/') : '';
        const helpdesk = /^src\/backends\/([a-z]+)\/\1-backend\.ts$/.exec(source);
        const language = /^src\/i18n\/([a-z]{2,3}(?:-[a-z0-9]+)*)\.ts$/i.exec(source);
        if (chunk.isEntry && chunk.name in elementEntries) manifest.elements[chunk.name] = closure(chunk);
        else if (helpdesk && chunk.isDynamicEntry) manifest.helpdesks[helpdesk[1]] = closure(chunk);
        else if (language && chunk.isDynamicEntry) manifest.languages[language[1].toLowerCase()] = closure(chunk);
      }
      // Pieces a page loads only when it uses them (suggestions, a helpdesk's articles): listed for the
      // size budget in manifest.json, never in the loader, which imports them through their element or adapter.
      const pieces: Record<string, string[]> = {};
      for (const chunk of chunks) {
        const source = chunk.facadeModuleId ? relative(repo, chunk.facadeModuleId).split(sep).join('/') : '';
        const piece = /^src\/elements\/(support-suggestions)\/\1\.ts$/.exec(source) ?? /^src\/backends\/([a-z]+)\/articles\.ts$/.exec(source);
        if (piece && chunk.isDynamicEntry) pieces[source.includes('/backends/') ? `articles-${piece[1]}` : piece[1]] = closure(chunk);
      }
      const loader = chunks.find((chunk) => chunk.isEntry && chunk.name === 'support-widgets');
      const marks = loader?.code.split(MANIFEST_PLACEHOLDER).length ?? 0;
      if (!loader || marks !== 2) throw new Error(`cdn build: the loader must hold the manifest placeholder once (found ${marks - 1})`);
      loader.code = loader.code.replace(MANIFEST_PLACEHOLDER, JSON.stringify(JSON.stringify(manifest)).slice(1, -1));
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: `${JSON.stringify({ ...manifest, pieces }, null, 2)}\n` });
    },
  };
}

/**
 * The script-tag fast path, `dist/cdn/`: everything bundled (no npm dependency left
 * external), minified, split into pieces — the loader, one entry per element, one
 * chunk per adapter and per language, and the code they share — that a page loads
 * as it needs them (src/cdn/loader.ts).
 */
/**
 * What the form's entry imports, read from the module graph once it is built: the CDN
 * build puts every such module that another entry uses too into one `shared` chunk,
 * so that the form page loads four files instead of nine (each file a request and a
 * module to instantiate before the form shows), and the list page loads it with its own.
 */
const formModules = new Set<string>();

function formClosure(): Plugin {
  return {
    name: 'support-widgets:form-closure',
    buildEnd() {
      formModules.clear();
      const visit = (id: string) => {
        if (formModules.has(id)) return;
        formModules.add(id);
        this.getModuleInfo(id)?.importedIds.forEach(visit);
      };
      visit(elementEntries['support-ticket-form']);
    },
  };
}

const cdnBuild: UserConfig = {
  plugins: [minifyTemplates(), formClosure(), cdnManifest()],
  define: {
    'process.env.NODE_ENV': JSON.stringify('production'),
    __SUPPORT_WIDGETS_MANIFEST__: `JSON.parse("${MANIFEST_PLACEHOLDER}")`,
  },
  build: {
    outDir: inRepo('dist/cdn'),
    emptyOutDir: true,
    sourcemap: true,
    minify: true,
    lib: {
      entry: { 'support-widgets': inRepo('src/cdn/loader.ts'), ...elementEntries, api: inRepo('src/api.ts') },
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    // Vite keeps whitespace in an ES library (for the bundler that comes next); these files go to browsers as they are.
    rolldownOptions: {
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        minify: true,
        codeSplitting: { groups: [{ name: 'shared', test: (id: string) => formModules.has(id), minShareCount: 2, tags: ['$initial'] }] },
      },
    },
  },
};

/** Serves msw's worker from node_modules (npm here skips msw's postinstall that copies it). */
function mswWorker(): Plugin {
  const worker = inRepo('node_modules/msw/lib/mockServiceWorker.js');
  return {
    name: 'support-widgets:msw-worker',
    configureServer(server) {
      server.middlewares.use('/mockServiceWorker.js', (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        res.setHeader('Cache-Control', 'no-store');
        createReadStream(worker).pipe(res);
      });
    },
  };
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/** Serves the built `dist/` at `/dist/` as plain files, so pages use exactly what is published. */
function builtDist(): Plugin {
  const dist = inRepo('dist');
  return {
    name: 'support-widgets:dist',
    configureServer(server) {
      server.middlewares.use('/dist', (req, res, next) => {
        const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
        const file = resolve(dist, `.${path}`);
        const inside = relative(dist, file);
        if (inside === '' || inside.startsWith('..') || inside.startsWith(sep)) return next();
        let isFile = false;
        try {
          isFile = statSync(file).isFile();
        } catch {
          // absent: fall through to a 404
        }
        if (!isFile) {
          res.statusCode = 404;
          res.end(`Not built: dist${path} (run npm run build)`);
          return;
        }
        res.setHeader('Content-Type', contentTypes[extname(file)] ?? 'application/octet-stream');
        res.setHeader('Cache-Control', 'no-store');
        createReadStream(file).pipe(res);
      });
    },
  };
}

export default defineConfig(({ command, mode }) => {
  if (command === 'serve') {
    return {
      root: inRepo('demo'),
      publicDir: false,
      server: { host: '127.0.0.1' },
      plugins: [mswWorker(), builtDist()],
    };
  }
  if (mode === 'es') return esBuild;
  if (mode === 'iife') return iifeBuild;
  if (mode === 'cdn') return cdnBuild;
  throw new Error(`vite build needs --mode es or --mode iife (got "${mode}"); npm run build runs both.`);
});
