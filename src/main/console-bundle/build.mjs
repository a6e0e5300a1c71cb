// Bundles the console editor's libraries (codemirror.js beside this file) into one ES module,
// OUTDIR/codemirror.js, with the licence of every npm package it took code from in
// OUTDIR/codemirror.js.LICENSES.txt. The Maven build runs it (process-test-classes, after npm ci):
//
//   node src/main/console-bundle/build.mjs target/classes/console/vendor

import { build } from 'esbuild';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = process.argv[2];
if (!outdir) {
  console.error('usage: node build.mjs OUTDIR');
  process.exit(2);
}
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, 'codemirror.js');
const result = await build({
  entryPoints: [join(here, 'codemirror.js')],
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2020',
  legalComments: 'none',
  banner: { js: '/* CodeMirror 6 and its dependencies, MIT licence: see codemirror.js.LICENSES.txt beside this file. */' },
  outfile,
  metafile: true,
  logLevel: 'warning',
});

// The packages the bundle holds code of, from the inputs esbuild read (node_modules/<package>/...).
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) packages.add(match[1]);
}
const modules = join(here, '..', '..', '..', 'node_modules');
const notices = [...packages].sort().map((name) => {
  const { version, license } = JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8'));
  const file = ['LICENSE', 'LICENSE.md', 'LICENSE.txt'].map((f) => join(modules, name, f)).find(existsSync);
  const text = file ? readFileSync(file, 'utf8').trim() : `Licence: ${license}`;
  return `${name} ${version} (${license})\n\n${text}\n`;
});
writeFileSync(`${outfile}.LICENSES.txt`, `Packages bundled into codemirror.js\n\n${notices.join('\n' + '-'.repeat(72) + '\n\n')}`);
console.log(`console bundle: ${outfile} (${packages.size} packages)`);
