// Runs every ```ts example in the repository's Markdown as a user would (its own Node process,
// in a directory of its own, the packages resolved by name) and checks what each commented
// console.log printed, so that the docs cannot drift from the code.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DocExample, expectedPart, extractExamples, instrument, mismatch, taggedOutputs } from './doc-examples.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CHILD_TIMEOUT_MS = 120_000;

/** Every Markdown file git tracks (new ones included once added). */
function markdownFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '*.md'], { cwd: root, encoding: 'utf8' })
    .split('\0').filter((f) => f && existsSync(join(root, f)));
}

describe('the example checker', () => {
  const md = [
    'Text', '```ts', "import { tensor } from '@mlpkit/tensor';", 'console.log(tensor([1, 2]).sum().item()); // 3',
    'console.log(tensor([1, 2]).tolist())', '// [1, 2]', '```',
    '```ts fragment', 'model.save();', '```', '```ts browser', 'document.title = "x";', '```', '```sh', 'pnpm demo', '```',
    '- in a list:', '  ```typescript', '  console.log(1 + 1); // 2', '  ```',
  ].join('\r\n');
  const e = (text: string, inline = true) => ({ text, inline });

  it('takes runnable ts blocks and their commented logs, not fragments, browser code or shell', () => {
    const examples = extractExamples(md, 'X.md');
    expect(examples.map((x) => x.where)).toEqual(['X.md:3', 'X.md:19']);
    expect([...examples[0].expectations]).toEqual([[2, e('3')], [3, e('[1, 2]', false)]]);
    expect([...examples[1].expectations]).toEqual([[1, e('2')]]);
    const code = instrument(examples[0]).split('\n');
    expect(code).toHaveLength(4);
    expect(code[1]).toContain('docExampleFormat({ breakLength: Infinity }, tensor([1, 2]).sum().item())');
    expect(taggedOutputs(`noise\n\u00012\u00013\n`).get(2)).toBe('3');
  });

  it('refuses a commented console.log it cannot check', () => {
    expect(() => extractExamples('```ts\nconsole.log(\n  1,\n); // 1\n```', 'Y.md')).toThrow(/one call on one line/);
    expect(() => extractExamples('```ts\nconsole.log(a, // the a\n  b);\n```', 'Y.md')).toThrow(/one call on one line/);
  });

  it('compares integers exactly, decimals to the precision written, and words exactly', () => {
    expect(mismatch(e('-12 -4 -4 3'), '-12 -4 -4 3')).toBeNull();
    expect(mismatch(e('2'), '2.4')).toMatch(/expected/);
    expect(mismatch(e('[0, 0, 1]'), '[ 0.4, 0.3, 1.2 ]')).toMatch(/expected/);
    expect(mismatch(e('[6, 15]'), '[ 6, 15, 99 ]')).toMatch(/expected/);
    expect(mismatch(e('[0.731, 0.993] (to 3 decimals)'), '[ 0.7310585975646973, 0.9933071732521057 ]')).toBeNull();
    expect(mismatch(e('[0.731, 0.993] (to 3 decimals)'), '[ 0.7320585975646973, 0.9933071732521057 ]')).toMatch(/expected/);
    expect(mismatch(e('[[1, 0, 3.98e-31]] (no overflow)'), '[ [ 1, 0, 3.975449735908647e-31 ] ]')).toBeNull();
    expect(mismatch(e('[[1, 0, 3.98e-31]] (no overflow)'), '[ [ 1, 0, 3.9e-31 ] ]')).toMatch(/expected/);
    expect(mismatch(e('{ epoch: 12, valAccuracy: 0.97 }'), '{ epoch: 3, valAccuracy: 0.5 }')).toMatch(/expected/);
    expect(mismatch(e('[2, 3] float32'), '[ 2, 3 ] float32')).toBeNull();
    expect(mismatch(e('true'), 'false')).toMatch(/expected/);
    expect(mismatch(e('NaN'), '0.5')).toMatch(/expected/);
    expect(mismatch(e('the same'), '[ 1, 2 ]')).toBeNull();
  });

  it('reads "…" as a truncated number and stops at the explanation of an inline comment', () => {
    expect(mismatch(e('0.0505… = √2/√784'), '0.05050762722761054')).toBeNull();
    expect(mismatch(e('100.693…, no overflow'), '100.69314718055995')).toBeNull();
    expect(mismatch(e('0.99…'), '0.98')).toMatch(/expected/);
    expect(mismatch(e('-0.99…'), '-0.995')).toBeNull();
    expect(mismatch(e('initial loss 0.69…, expected ln(2) = 0.6931: ok', false), 'initial loss 0.6977, expected ln(2) = 0.6931: ok')).toBeNull();
    expect(mismatch(e('initial loss 0.69…, expected ln(2) = 0.6931: ok', false), 'initial loss 0.6977, expected ln(2) = 0.7: ok')).toMatch(/expected/);
    expect(expectedPart(e('105 24 21 (stratified: 35, 8, 7 of each class)'))).toBe('105 24 21');
  });
});

describe('Markdown examples run and print what their comments say', () => {
  // A project that has installed every package, as a user who copies an example has the ones it imports.
  const project = join(root, '.cache/doc-examples');
  // Where the examples run, so that files they write land outside the repository.
  let cwd = '';
  beforeAll(() => {
    rmSync(project, { recursive: true, force: true });
    mkdirSync(join(project, 'node_modules/@mlpkit'), { recursive: true });
    for (const dir of readdirSync(join(root, 'packages'))) {
      const { name } = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as { name: string };
      symlinkSync(join(root, 'packages', dir), join(project, 'node_modules', name), 'dir');
    }
    cwd = mkdtempSync(join(tmpdir(), 'mlpkit-doc-examples-'));
  });
  afterAll(() => {
    rmSync(project, { recursive: true, force: true });
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  });
  const haveFashion = existsSync('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz') || !!process.env.MLPKIT_FASHION_MNIST_DIR;
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const examples: DocExample[] = markdownFiles().flatMap((file) => extractExamples(readFileSync(join(root, file), 'utf8'), file));

  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(15);
  });

  // tsx strips types and unused imports, so only the compiler catches a wrong import or call:
  // every block is type-checked, strictly, against what the packages export.
  it('every example type-checks against the packages\' exported types', { timeout: 240_000 }, () => {
    const dir = join(project, 'typecheck');
    mkdirSync(dir, { recursive: true });
    const files = new Map(examples.map((example) => [`${example.where.replace(/[^\w]+/g, '-')}.ts`, example.where]));
    for (const [file, where] of files) {
      const example = examples.find((x) => x.where === where)!;
      writeFileSync(join(dir, file), `${example.code}\nexport {};\n`);
    }
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      extends: join(root, 'tsconfig.base.json'),
      compilerOptions: { noEmit: true, declaration: false, sourceMap: false, noUnusedLocals: false },
      include: ['*.ts'],
    }));
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: dir, encoding: 'utf8' });
    const errors = run.stdout.split('\n').filter((line) => /error TS/.test(line))
      .map((line) => line.replace(/^([\w.-]+\.ts)\((\d+),(\d+)\)/, (_, file: string, at: string, col: string) => `${files.get(file) ?? file}, line ${at}:${col} of the block`));
    expect(errors, run.stdout + run.stderr).toEqual([]);
    expect(run.status).toBe(0);
  });

  it.for(examples)('$where', { timeout: CHILD_TIMEOUT_MS + 30_000 }, (example, ctx) => {
    if (example.code.includes('loadFashionMnist(') && !haveFashion) ctx.skip();
    const file = join(project, `${example.where.replace(/[^\w]+/g, '-')}.ts`);
    writeFileSync(file, instrument(example));
    const run = spawnSync(process.execPath, ['--import', tsx, '--conditions=mlpkit-source', file], {
      cwd, encoding: 'utf8', timeout: CHILD_TIMEOUT_MS, env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(run.status, `${example.where} exited ${run.status ?? run.signal}:\n${run.stderr}`).toBe(0);
    const printed = taggedOutputs(run.stdout);
    for (const [line, expectation] of example.expectations) {
      const out = printed.get(line);
      expect(out, `${example.where}, line ${line} of the block never printed`).toBeDefined();
      expect(mismatch(expectation, out!), `${example.where}, line ${line} of the block`).toBeNull();
    }
  });
});
