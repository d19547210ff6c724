// Checks every published package the way npm users will meet it: it builds them, runs
// publint and @arethetypeswrong/cli on each, packs each into a tarball, installs all the
// tarballs into an empty project, and imports every package there with both `import`
// and `require`. Usage: node scripts/check-packages.mjs [package-dir-name ...]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
const dirs = readdirSync(join(root, 'packages'))
  .filter((d) => only.length === 0 || only.includes(d))
  .map((d) => join(root, 'packages', d))
  .filter((d) => !JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')).private);

function sh(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

function step(what, fn) {
  process.stdout.write(`${what} ... `);
  try {
    fn();
    console.log('ok');
  } catch (error) {
    console.log('FAILED');
    console.log(String(error.stdout ?? '') + String(error.stderr ?? '') || error.message);
    process.exitCode = 1;
  }
}

const names = dirs.map((d) => JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')).name);
step(`build ${names.length} packages`, () => sh('pnpm', ['turbo', 'run', 'build', ...names.map((n) => `--filter=${n}`)], root));
const bin = join(root, 'node_modules', '.bin');
for (const dir of dirs) {
  const name = names[dirs.indexOf(dir)];
  step(`publint ${name}`, () => sh(join(bin, 'publint'), ['--strict'], dir));
  step(`attw ${name}`, () => sh(join(bin, 'attw'), ['--pack', '.', '--format', 'table-flipped'], dir));
}

const work = mkdtempSync(join(tmpdir(), 'mlpkit-pack-'));
const tarballs = dirs.map((dir) => {
  const out = sh('pnpm', ['pack', '--pack-destination', work], dir).trim().split('\n').pop();
  return resolve(dir, out);
});
writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
step(`install ${tarballs.length} tarballs into an empty project`, () =>
  sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], work));
// Every entry point of every package (the main one and subpaths such as /node).
const entries = dirs.flatMap((dir, i) => {
  const exportsMap = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).exports ?? { '.': {} };
  return Object.keys(exportsMap).filter((k) => k !== './package.json').map((k) => (k === '.' ? names[i] : `${names[i]}/${k.slice(2)}`));
});
for (const entry of entries) {
  step(`import ${entry} (ESM)`, () =>
    sh('node', ['--input-type=module', '-e', `const m = await import('${entry}'); if (Object.keys(m).length === 0) throw new Error('no exports');`], work));
  step(`require ${entry} (CommonJS)`, () =>
    sh('node', ['-e', `const m = require('${entry}'); if (Object.keys(m).length === 0) throw new Error('no exports');`], work));
}
// The built worker threads really start and compute, from both module formats.
const threaded = `const x = new T.Tensor(new Float32Array(256 * 256).fill(1), [256, 256]);
  const b = await W.createWasmBackend({ threads: 2 });
  const y = b.kernels.matmul([x, x], { transA: false, transB: false });
  b.close();
  if (b.threads !== 2 || y.data[0] !== 256 || y.data[y.data.length - 1] !== 256) throw new Error('threaded matmul gave ' + y.data[0]);`;
step('2-thread wasm matmul from the built @mlpkit/backend-wasm/node (ESM)', () =>
  sh('node', ['--input-type=module', '-e', `const W = await import('@mlpkit/backend-wasm/node'); const T = await import('@mlpkit/tensor'); ${threaded}`], work));
step('2-thread wasm matmul from the built @mlpkit/backend-wasm/node (CommonJS)', () =>
  sh('node', ['-e', `(async () => { const W = require('@mlpkit/backend-wasm/node'); const T = require('@mlpkit/tensor'); ${threaded} })().catch((e) => { console.error(e); process.exit(1); });`], work));
// The built blas backend opens the machine's BLAS through koffi (installed from npm with its
// prebuilt binary) from both module formats; skipped, with a note, where there is no BLAS.
const blasProduct = `const x = new T.Tensor(new Float32Array(256 * 256).fill(1), [256, 256]);
  let b;
  try { b = await B.createBlasBackend({ threads: 2 }); } catch (e) { if (/no CBLAS library found/.test(e.message)) { console.log('skipped: ' + e.message); return; } throw e; }
  const y = b.kernels.matmul([x, x], { transA: false, transB: true });
  if (y.data[0] !== 256 || y.data[y.data.length - 1] !== 256) throw new Error('blas matmul gave ' + y.data[0]);`;
if (names.includes('@mlpkit/backend-blas')) {
  step('blas matmul from the built @mlpkit/backend-blas (ESM)', () =>
    process.stdout.write(sh('node', ['--input-type=module', '-e', `const B = await import('@mlpkit/backend-blas'); const T = await import('@mlpkit/tensor'); await (async () => { ${blasProduct} })();`], work)));
  step('blas matmul from the built @mlpkit/backend-blas (CommonJS)', () =>
    process.stdout.write(sh('node', ['-e', `(async () => { const B = require('@mlpkit/backend-blas'); const T = require('@mlpkit/tensor'); ${blasProduct} })().catch((e) => { console.error(e); process.exit(1); });`], work)));
}
// A Tensor's methods reach the ops through a table that the package's entry hands over when it
// loads (packages/tensor/src/tensor-ops.ts), so a bundler must keep that hand-over even under
// "sideEffects": false: a bundle that imports only the class, minified and tree-shaken, still
// has working methods.
if (names.includes('@mlpkit/tensor')) {
  step('a tree-shaken bundle that imports only Tensor keeps its methods (esbuild)', () => {
    writeFileSync(join(work, 'only-class.mjs'), `import { Tensor } from '@mlpkit/tensor';
const t = new Tensor(new Float32Array([1, 2, 3]), [3]);
const got = JSON.stringify(t.add(1).mul(2).tolist());
if (got !== '[4,6,8]') throw new Error('methods gave ' + got);`);
    sh(join(bin, 'esbuild'), ['only-class.mjs', '--bundle', '--minify', '--tree-shaking=true', '--format=esm', '--platform=node', '--outfile=only-class.bundle.mjs', '--log-level=error'], work);
    sh('node', ['only-class.bundle.mjs'], work);
  });
}
// The bin npm links for @mlpkit/search starts from the tarball and prints its usage.
if (names.includes('@mlpkit/search')) {
  step('the mlpkit-search bin runs from the tarball', () => {
    const out = sh(join(work, 'node_modules', '.bin', 'mlpkit-search'), ['--help'], work);
    if (!out.includes('mlpkit-search worker --redis URL')) throw new Error(`printed: ${out}`);
  });
}
// What npm users download: a LICENSE, no repository-only export condition, and source maps
// that point at the one copy of the source instead of embedding it again.
for (const name of names) {
  const dir = join(work, 'node_modules', ...name.split('/'));
  step(`tarball contents of ${name}`, () => {
    if (!existsSync(join(dir, 'LICENSE'))) throw new Error('no LICENSE');
    if (readFileSync(join(dir, 'package.json'), 'utf8').includes('mlpkit-source')) throw new Error('publishes the mlpkit-source condition');
    const maps = readdirSync(join(dir, 'dist'), { recursive: true }).filter((f) => String(f).endsWith('.map'));
    const embedded = maps.filter((f) => JSON.parse(readFileSync(join(dir, 'dist', String(f)), 'utf8')).sourcesContent);
    if (embedded.length > 0) throw new Error(`source maps embed the sources: ${embedded.join(', ')}`);
  });
}
// The root README's "Use mlpkit in your project" example, from the installed tarballs, as
// JavaScript and under strict TypeScript.
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const example = readme.split('## Use mlpkit in your project')[1].split('```ts\n')[1].split('\n```')[0];
writeFileSync(join(work, 'use.mjs'), example);
writeFileSync(join(work, 'use.mts'), example);
writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({
  compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: false, types: [] },
  files: ['use.mts'],
}));
step('the README\'s "use mlpkit in your project" example runs from the tarballs', () => {
  const out = sh('node', ['use.mjs'], work);
  if (!/test accuracy \d/.test(out)) throw new Error(`printed: ${out}`);
});
step('... and type-checks under strict TypeScript', () => sh(join(bin, 'tsc'), ['-p', 'tsconfig.json'], work));
// One program that `import`s some packages and `require`s others loads both builds of the core:
// they must share one state (backend, autograd's recorder, generator, recycled arrays), so gradients flow and a
// model built with the ESM nn trains under the CommonJS fit loop, loss and optimizer.
const mixed = `import { createRequire } from 'node:module';
import { manualSeed, openStepScope, recycleFloat32, tensor } from '@mlpkit/tensor';
import { Linear, Sequential } from '@mlpkit/nn';
import { DataLoader, loadIris } from '@mlpkit/datasets';
import { relu } from '@mlpkit/activations';
const require = createRequire(import.meta.url);
const { requiresGrad } = require('@mlpkit/autograd');
const { ReLU } = require('@mlpkit/activations');
const { crossEntropy } = require('@mlpkit/losses');
const { Adam } = require('@mlpkit/optimizers');
const { fit } = require('@mlpkit/train');
const T = require('@mlpkit/tensor');
const x = requiresGrad(tensor([3]));
x.mul(x).backward();
if (x.grad?.item() !== 6) throw new Error('d(x*x)/dx at 3: expected 6, got ' + x.grad?.item());
manualSeed(0);
const model = new Sequential(new Linear(4, 16), new ReLU(), new Linear(16, 3));
const train = new DataLoader(loadIris(), { batchSize: 16, shuffle: true, seed: 0 });
const losses = (await fit(model, { train, loss: crossEntropy, optimizer: new Adam(model.parameters(), { lr: 0.01 }), epochs: 20 })).get('loss');
if (!(losses[19] < losses[0] / 2)) throw new Error('loss did not fall: ' + losses[0] + ' -> ' + losses[19]);
// One pool of recycled arrays and one step scope for both builds: an array recycled through
// one is handed out by the other, and a scope open in one refuses a second in the other.
const n = T.RECYCLE_MIN_LENGTH + 1, kept = new Float32Array(n);
if (!recycleFloat32(kept) || T.uninitializedFloat32(n) !== kept) throw new Error('the CommonJS build does not hand out what the ESM build recycled');
const scope = openStepScope('mixed');
let refused = false;
try { T.openStepScope('other'); } catch { refused = true; }
scope.abandon();
if (!refused) throw new Error('a step scope opened by the ESM build did not stop the CommonJS build from opening another');
// The ESM relu between ESM Linears: Sequential promises its intermediates to the graph, and
// whichever build's walker runs backward releases them (the release itself works across builds).
manualSeed(0);
const released = new Sequential(new Linear(4, 16), relu, new Linear(16, 3));
const optimizer = new Adam(released.parameters(), { lr: 0.01 });
const again = (await fit(released, { train, loss: crossEntropy, optimizer, epochs: 20, reuseMemory: true })).get('loss');
if (!(again[19] < again[0] / 2)) throw new Error('loss did not fall with released intermediates: ' + again[0] + ' -> ' + again[19]);
console.log('trained');`;
const mixedNeeds = ['tensor', 'autograd', 'activations', 'nn', 'datasets', 'losses', 'optimizers', 'train'].map((p) => `@mlpkit/${p}`);
if (mixedNeeds.every((n) => names.includes(n))) {
  writeFileSync(join(work, 'mixed.mjs'), mixed);
  step('one core state when a program mixes import and require: gradients flow and a model trains', () => {
    const out = sh('node', ['mixed.mjs'], work);
    if (!out.includes('trained')) throw new Error(`printed: ${out}`);
  });
}
rmSync(work, { recursive: true, force: true });
if (process.exitCode) console.log('check-packages: some checks failed');
else console.log(`check-packages: ${names.length} packages (${entries.length} entry points) pass publint, attw, and install + import as ESM and CommonJS; threaded wasm and the blas backend run from the build`);
