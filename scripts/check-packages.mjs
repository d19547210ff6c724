// Checks every published package the way npm users will meet it: it builds them, runs
// publint and @arethetypeswrong/cli on each, packs each into a tarball, installs all the
// tarballs into an empty project, and imports every package there with both `import`
// and `require`. Usage: node scripts/check-packages.mjs [package-dir-name ...]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
for (const name of names) {
  step(`import ${name} (ESM)`, () =>
    sh('node', ['--input-type=module', '-e', `const m = await import('${name}'); if (Object.keys(m).length === 0) throw new Error('no exports');`], work));
  step(`require ${name} (CommonJS)`, () =>
    sh('node', ['-e', `const m = require('${name}'); if (Object.keys(m).length === 0) throw new Error('no exports');`], work));
}
rmSync(work, { recursive: true, force: true });
if (process.exitCode) console.log('check-packages: some checks failed');
else console.log(`check-packages: ${names.length} packages pass publint, attw, and install + import as ESM and CommonJS`);
