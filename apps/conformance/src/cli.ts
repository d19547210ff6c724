import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setBackend } from '@mlpkit/tensor';
import { backendFactories } from './backends.js';
import { handlers } from './handlers/index.js';
import { type FileSummary, fixtureFiles, runFile } from './runner.js';

const usage = `usage: pnpm conformance [DIR] [--backend reference|wasm|blas|all] [--verbose]
Runs every case of every *.json fixture file in DIR (default: the repository's fixtures/pytorch)
and prints passed / failed / not-yet-implemented counts per file; exits 1 on any failure,
including a backend that fails to start.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { backend: { type: 'string', default: 'reference' }, verbose: { type: 'boolean', default: false }, help: { type: 'boolean' } },
});
if (values.help) { console.log(usage); process.exit(0); }

const here = dirname(fileURLToPath(import.meta.url));
const dir = resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0] ?? resolve(here, '../../../fixtures/pytorch'));
const names = values.backend === 'all' ? Object.keys(backendFactories) : [values.backend!];

function report(summary: FileSummary, verbose: boolean): void {
  const { file, passed, failed, missing } = summary;
  console.log(`  ${file.padEnd(22)} ${String(passed).padStart(4)} passed ${String(failed).padStart(4)} failed ${String(missing).padStart(4)} not yet implemented`);
  for (const r of summary.results) {
    if (r.status === 'failed' || (verbose && r.status === 'missing'))
      console.log(`    ${r.status === 'failed' ? 'FAIL' : 'TODO'} ${r.name}: ${r.problems.slice(0, 3).join('; ')}`);
  }
}

let passed = 0, failed = 0;
for (const name of names) {
  const factory = backendFactories[name];
  if (!factory) { console.error(`unknown backend '${name}' (known: ${Object.keys(backendFactories).join(', ')}, all)`); process.exit(2); }
  let backend;
  try {
    backend = await factory();
  } catch (error) {
    // A backend that cannot start is a failure, not a skip: otherwise its cases vanish from the count.
    console.log(`backend ${name}: FAILED to start: ${(error as Error).message}`);
    failed += 1;
    continue;
  }
  setBackend(backend);
  console.log(`backend ${backend.name}, fixtures from ${dir}`);
  for (const file of fixtureFiles(dir)) {
    const summary = await runFile(file, handlers);
    report(summary, values.verbose!);
    passed += summary.passed;
    failed += summary.failed;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
