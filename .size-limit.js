// `npm run size`: what each kind of page downloads, gzip, each file compressed on its
// own as a server sends it. The fast path's scenarios are read from the CDN build's
// manifest (dist/cdn/manifest.json, written by `npm run build`): for each element,
// helpdesk and language, the files it needs. A file two pieces share counts once.
import { readFileSync } from 'node:fs';

const cdn = 'dist/cdn';
let manifest;
try {
  manifest = JSON.parse(readFileSync(`${cdn}/manifest.json`, 'utf8'));
} catch {
  throw new Error(`${cdn}/manifest.json is missing: run npm run build first`);
}

/** The loader, then the pieces named, each file once. */
function page(...pieces) {
  const files = new Set(['support-widgets.js']);
  for (const [kind, name] of pieces) {
    const piece = manifest[kind][name];
    if (!piece) throw new Error(`${cdn}/manifest.json has no ${kind} "${name}"`);
    piece.forEach((file) => files.add(file));
  }
  return [...files].map((file) => `${cdn}/${file}`);
}

export default [
  {
    name: 'Fast path: the loader alone (script tag)',
    path: page(),
    gzip: true,
    limit: '4 KB',
  },
  {
    name: 'Fast path: <support-ticket-form> on GLPI in French',
    path: page(['elements', 'support-ticket-form'], ['helpdesks', 'glpi'], ['languages', 'fr']),
    gzip: true,
    // Issue 12's target is 40 KB; measured 59.4 KB (README, "Size": what it is made of).
    limit: '61 KB',
  },
  {
    name: 'Fast path: form + <ticket-list> + thread on GLPI in French (DOMPurify only once a thread holds HTML)',
    path: page(['elements', 'support-ticket-form'], ['elements', 'ticket-list'], ['helpdesks', 'glpi'], ['languages', 'fr']),
    gzip: true,
    // Target 70 KB; measured 75.8 KB.
    limit: '77 KB',
  },
  {
    name: 'One file: support-widgets.iife.js (everything, classic script)',
    path: 'dist/support-widgets.iife.js',
    gzip: true,
    // Target 94 KB; measured 102.0 KB.
    limit: '103 KB',
  },
];
