// Builds the dashboard into dist/: one bundled, minified script and one
// stylesheet with content hashes in their names (served with long cache
// headers), the map data, and index.html naming them. Run: npm run build.
// $RASAD_WEB_OUT builds elsewhere (the Go test compares that with dist/).
import * as esbuild from 'esbuild';
import { readFile, writeFile, rm, mkdir, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = process.env.RASAD_WEB_OUT ? path.resolve(process.env.RASAD_WEB_OUT) : path.join(here, 'dist');

await rm(dist, { recursive: true, force: true });
await mkdir(path.join(dist, 'assets'), { recursive: true });

const result = await esbuild.build({
  entryPoints: { app: path.join(here, 'src/main.js') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  outdir: path.join(dist, 'assets'),
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  publicPath: '/assets',
  loader: { '.png': 'file', '.svg': 'file', '.geojson': 'file' },
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
});

// Name the hashed entry files in index.html.
const outputs = Object.entries(result.metafile.outputs);
const entry = (name) => {
  const found = outputs.find(([, o]) => o.entryPoint && path.basename(o.entryPoint).startsWith(name));
  if (!found) throw new Error(`no output for ${name}`);
  return '/' + path.relative(dist, path.resolve(found[0])).split(path.sep).join('/');
};
const js = entry('main.js');
const css = outputs.find(([f]) => /app-[A-Z0-9]+\.css$/.test(f));
const html = (await readFile(path.join(here, 'src/index.html'), 'utf8'))
  .replace('%APP_JS%', js)
  .replace('%APP_CSS%', '/' + path.relative(dist, path.resolve(css[0])).split(path.sep).join('/'));
await writeFile(path.join(dist, 'index.html'), html);
await copyFile(path.join(here, 'public/NOTICE'), path.join(dist, 'NOTICE'));
console.log(`built ${path.relative(here, dist)}: ${js}`);
