// The TypeScript examples in the repository's Markdown, made checkable: every ```ts block is a
// program a user could paste, and a `console.log(...); // expected` line says what it prints.
// Blocks marked ```ts fragment are excerpts that lean on an earlier block and are not run.
import { readFileSync } from 'node:fs';

/** One runnable ```ts block. */
export interface DocExample {
  /** Markdown file (relative path) and the block's first line in it, e.g. `README.md:31`. */
  where: string;
  code: string;
  /** 1-based line in `code` → the expectation in its trailing comment. */
  expectations: Map<number, string>;
}

/** Marks an instrumented log line in a child's stdout: MARK, the line number, MARK, the output. */
export const MARK = '\u0001';

const LOG_WITH_COMMENT = /^(\s*)console\.log\((.*)\);\s*\/\/\s*(.+)$/;

/** The runnable ```ts blocks of one Markdown text. */
export function extractExamples(markdown: string, file: string): DocExample[] {
  const lines = markdown.split('\n');
  const out: DocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const info = lines[i].match(/^```(\S+)(.*)$/);
    if (!info) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end].startsWith('```')) end++;
    if (info[1] === 'ts' && info[2].trim() !== 'fragment') {
      const code = lines.slice(start, end);
      const expectations = new Map<number, string>();
      code.forEach((line, k) => {
        const m = line.match(LOG_WITH_COMMENT);
        if (m) expectations.set(k + 1, m[3]);
      });
      out.push({ where: `${file}:${start + 1}`, code: code.join('\n'), expectations });
    }
    i = end;
  }
  return out;
}

/** The examples of a Markdown file on disk. */
export function examplesIn(path: string, relative: string): DocExample[] {
  return extractExamples(readFileSync(path, 'utf8'), relative);
}

/**
 * The example's code with each commented console.log tagged by its line, so outputs can be
 * matched to comments, each output on one line. The added import goes on the first line, so
 * line numbers stay those of the block.
 */
export function instrument(example: DocExample): string {
  const lines = example.code.split('\n').map((line, k) => {
    if (!example.expectations.has(k + 1)) return line;
    const m = line.match(LOG_WITH_COMMENT)!;
    return `${m[1]}console.log(${JSON.stringify(`${MARK}${k + 1}${MARK}`)} + docExampleFormat({ breakLength: Infinity }, ${m[2]}));`;
  });
  lines[0] = `import { formatWithOptions as docExampleFormat } from 'node:util'; ${lines[0]}`;
  return lines.join('\n');
}

/** Tagged outputs in a child's stdout: line → what that console.log printed (the first time). */
export function taggedOutputs(stdout: string): Map<number, string> {
  const outputs = new Map<number, string>();
  const re = new RegExp(`${MARK}(\\d+)${MARK}([^\\n]*)`, 'g');
  for (const m of stdout.matchAll(re)) if (!outputs.has(Number(m[1]))) outputs.set(Number(m[1]), m[2]);
  return outputs;
}

// A token of an expectation: a number with the tolerance its written precision implies, or a
// boolean. Prose after " (", ": ", " =" or "…" explains and is not compared ("…" marks a
// truncated number, which widens its tolerance to a whole unit of its last digit).
type Token = { value: number; tol: number } | boolean;

const NUMBER = /-?\d+(?:\.\d+)?(?:e[-+]?\d+)?|\btrue\b|\bfalse\b/gi;

function tokens(text: string, truncatedLast: boolean): Token[] {
  const found = [...text.matchAll(NUMBER)].map((m) => m[0]);
  return found.map((s, i) => {
    if (/^(true|false)$/i.test(s)) return s.toLowerCase() === 'true';
    const [mantissa, exponent] = s.toLowerCase().split('e');
    const decimals = mantissa.split('.')[1]?.length ?? 0;
    const unit = 10 ** (-decimals + Number(exponent ?? 0));
    const tol = (truncatedLast && i === found.length - 1 ? 1 : 0.5) * unit;
    return { value: Number(s), tol: tol * (1 + 1e-9) };
  });
}

/** The part of a comment that states output, and whether its last number is truncated. */
export function expectedPart(comment: string): { text: string; truncated: boolean } {
  const cut = comment.search(/ \(|: | =|…/);
  const text = cut < 0 ? comment : comment.slice(0, cut);
  return { text, truncated: cut >= 0 && comment[cut] === '…' };
}

/**
 * Why `printed` does not match `comment`, or null when it does: the numbers and booleans the
 * comment states must come out in order, each within the precision it is written to. A comment
 * that states none (prose such as "the same") is not compared.
 */
export function mismatch(comment: string, printed: string): string | null {
  const { text, truncated } = expectedPart(comment);
  const want = tokens(text, truncated);
  if (want.length === 0) return null;
  const got = tokens(printed, false);
  if (got.length < want.length) return `expected "${text}", printed "${printed}"`;
  for (let i = 0; i < want.length; i++) {
    const w = want[i], g = got[i];
    const ok = typeof w === 'boolean' ? g === w : typeof g !== 'boolean' && Math.abs(g.value - w.value) <= w.tol;
    if (!ok) return `expected "${text}", printed "${printed}"`;
  }
  return null;
}
