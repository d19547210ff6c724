// Runs every ```ts example in the repository's Markdown as a user would (its own Node process,
// the packages resolved by name) and checks each `console.log(...); // expected` against what it
// printed, so that the docs cannot drift from the code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DocExample, examplesIn, extractExamples, expectedPart, instrument, mismatch, taggedOutputs } from './doc-examples.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function markdownFiles(): string[] {
  const inDir = (dir: string) => existsSync(join(root, dir))
    ? readdirSync(join(root, dir)).map((name) => join(root, dir, name, 'README.md')).filter(existsSync) : [];
  const docs = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(root, 'docs', f));
  return [join(root, 'README.md'), join(root, 'CONTRIBUTING.md'), ...docs, ...inDir('packages'), ...inDir('apps')].filter(existsSync);
}

describe('the example checker', () => {
  const md = [
    'Text', '```ts', "import { tensor } from '@mlpkit/tensor';", 'console.log(tensor([1, 2]).sum().item()); // 3', '```',
    '```ts fragment', 'model.save();', '```', '```sh', 'pnpm demo', '```',
  ].join('\n');

  it('takes the runnable ts blocks and their commented logs, not fragments or shell', () => {
    const examples = extractExamples(md, 'X.md');
    expect(examples).toHaveLength(1);
    expect(examples[0].where).toBe('X.md:3');
    expect([...examples[0].expectations]).toEqual([[2, '3']]);
    const code = instrument(examples[0]).split('\n');
    expect(code).toHaveLength(2);
    expect(code[1]).toContain('docExampleFormat({ breakLength: Infinity }, tensor([1, 2]).sum().item())');
    expect(taggedOutputs(`noise\n\u00012\u00013\n`).get(2)).toBe('3');
  });

  it('compares numbers to the precision they are written with, and booleans exactly', () => {
    expect(mismatch('-12 -4 -4 3', '-12 -4 -4 3')).toBeNull();
    expect(mismatch('[0.731, 0.993] (to 3 decimals)', '[ 0.7310585975646973, 0.9933071732521057 ]')).toBeNull();
    expect(mismatch('[0.731, 0.993] (to 3 decimals)', '[ 0.7320585975646973, 0.9933071732521057 ]')).toMatch(/expected/);
    expect(mismatch('0.0505… = √2/√784', '0.05050762722761054')).toBeNull();
    expect(mismatch('100.693…, no overflow', '100.69314718055995')).toBeNull();
    expect(mismatch('[[1, 0, 3.98e-31]]: no overflow', '[ [ 1, 0, 3.975449735908647e-31 ] ]')).toBeNull();
    expect(mismatch('[[1, 0, 3.98e-31]]: no overflow', '[ [ 1, 0, 3.9e-31 ] ]')).toMatch(/expected/);
    expect(mismatch('true', 'false')).toMatch(/expected/);
    expect(mismatch('2.00 1.00', '2.00')).toMatch(/expected/);
    expect(mismatch('the same', '[ 1, 2 ]')).toBeNull();
    expect(expectedPart('105 24 21 (stratified: 35, 8, 7 of each class)').text).toBe('105 24 21');
  });
});

describe('Markdown examples run and print what their comments say', () => {
  // A project that has installed every package, as a user who copies an example has the ones it imports.
  const scratch = join(root, '.cache/doc-examples');
  beforeAll(() => {
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(join(scratch, 'node_modules/@mlpkit'), { recursive: true });
    for (const dir of readdirSync(join(root, 'packages'))) {
      const { name } = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as { name: string };
      symlinkSync(join(root, 'packages', dir), join(scratch, 'node_modules', name), 'dir');
    }
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const haveFashion = existsSync('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz') || !!process.env.MLPKIT_FASHION_MNIST_DIR;
  const examples: DocExample[] = markdownFiles().flatMap((path) => examplesIn(path, relative(root, path)));

  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(14);
  });

  it.each(examples.map((e) => [e.where, e] as const))('%s', (_where, example) => {
    if (example.code.includes('loadFashionMnist(') && !haveFashion) {
      console.log(`SKIPPED: ${example.where} needs Fashion-MNIST (apt-get install dataset-fashion-mnist)`);
      return;
    }
    const file = join(scratch, `${example.where.replace(/[^\w]+/g, '-')}.ts`);
    writeFileSync(file, instrument(example));
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=mlpkit-source', file], {
      cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(run.status, `${example.where} exited ${run.status}:\n${run.stderr}`).toBe(0);
    const printed = taggedOutputs(run.stdout);
    for (const [line, comment] of example.expectations) {
      const out = printed.get(line);
      expect(out, `${example.where}, line ${line} of the block never printed`).toBeDefined();
      expect(mismatch(comment, out!), `${example.where}, line ${line} of the block`).toBeNull();
    }
  });
});
