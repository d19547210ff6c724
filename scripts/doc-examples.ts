// The TypeScript examples in the repository's Markdown, made checkable: every ```ts block is a
// program a user could paste, and a console.log says what it prints in a comment, either at
// the end of its line or in the `//` lines right under it. Blocks marked ```ts fragment
// (excerpts that lean on something else) or ```ts browser (page code) are not run.

/** What one console.log should print, as its comment says. */
export interface Expectation {
  text: string;
  /** Whether the comment ends the call's line (prose after " (" or " = " then explains, and is not compared). */
  inline: boolean;
}

/** One runnable ```ts block. */
export interface DocExample {
  /** Markdown file (relative path) and the block's first line in it, e.g. `README.md:31`. */
  where: string;
  code: string;
  /** 1-based line in `code` → what the console.log on that line should print. */
  expectations: Map<number, Expectation>;
}

/** Marks an instrumented log line in a child's stdout: MARK, the line number, MARK, the output. */
export const MARK = '\u0001';

const LOG_WITH_COMMENT = /^\s*console\.log\((.*)\);?\s*\/\/\s*(.+)$/;
const LOG_ALONE = /^\s*console\.log\((.*)\);?\s*$/;
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)(.*)$/;
/** Info words of blocks that are not run: an excerpt, or code for a browser page (apps/browser runs that kind). */
const NOT_RUN = ['fragment', 'browser'];

/** Whether the call opened on line k carries a comment: on a line it spans, or right under its last line. */
function isCommented(code: string[], k: number): boolean {
  let depth = 0, j = k;
  for (; j < code.length; j++) {
    const text = code[j].split('//')[0];
    if (code[j].includes('//')) return true;
    depth += (text.match(/\(/g) ?? []).length - (text.match(/\)/g) ?? []).length;
    if (depth <= 0) break;
  }
  return code[j + 1]?.trim().startsWith('//') ?? false;
}

/** The console.log lines of a block and what their comments expect; throws on a commented log it cannot read. */
function expectationsOf(code: string[], where: string): Map<number, Expectation> {
  const expectations = new Map<number, Expectation>();
  code.forEach((line, k) => {
    const inline = line.match(LOG_WITH_COMMENT);
    if (inline) return void expectations.set(k + 1, { text: inline[2], inline: true });
    const below: string[] = [];
    for (let j = k + 1; j < code.length && code[j].trim().startsWith('//'); j++) below.push(code[j].trim().replace(/^\/\/ ?/, ''));
    if (LOG_ALONE.test(line) && below.length > 0) return void expectations.set(k + 1, { text: below.join('\n'), inline: false });
    if (line.includes('console.log(') && isCommented(code, k))
      throw new Error(`${where}, line ${k + 1} of the block: a commented console.log must be one call on one line so its output can be checked`);
  });
  return expectations;
}

/** The runnable ```ts blocks of one Markdown text. */
export function extractExamples(markdown: string, file: string): DocExample[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: DocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(FENCE);
    if (!open) continue;
    const [, indent, fence, lang, rest] = open;
    let end = i + 1;
    while (end < lines.length && !(lines[end].trim().startsWith(fence) && lines[end].trim().replace(/[`~]/g, '') === '')) end++;
    if ((lang === 'ts' || lang === 'typescript') && !NOT_RUN.includes(rest.trim())) {
      const code = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()));
      const where = `${file}:${i + 2}`;
      out.push({ where, code: code.join('\n'), expectations: expectationsOf(code, where) });
    }
    i = end;
  }
  return out;
}

/**
 * The example's code with each checked console.log tagged by its line and printed on one line,
 * so outputs can be matched to comments. The added import goes on the first line, so line
 * numbers stay those of the block.
 */
export function instrument(example: DocExample): string {
  const lines = example.code.split('\n').map((line, k) => {
    if (!example.expectations.has(k + 1)) return line;
    const args = (line.match(LOG_WITH_COMMENT) ?? line.match(LOG_ALONE))![1];
    return `console.log(${JSON.stringify(`${MARK}${k + 1}${MARK}`)} + docExampleFormat({ breakLength: Infinity }, ${args}).replace(/\\n\\s*/g, ' '));`;
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

// A token: a number with the range its written form allows (an integer exactly; a decimal to
// half a unit of its last digit; a number followed by "…" truncated, so from it up to one unit
// more in magnitude), or a word that must match exactly.
type Token = { lo: number; hi: number; text: string } | string;

const TOKEN = /(?<![\w.])-?(?:\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|Infinity)(…?)|\b(?:NaN|true|false|null|undefined)\b/g;

function tokens(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => {
    const s = m[0].replace('…', '');
    if (!/\d|Infinity/.test(s) || /^-?Infinity$/.test(s)) return s;
    const value = Number(s);
    const [mantissa, exponent] = s.toLowerCase().split('e');
    const decimals = mantissa.split('.')[1]?.length ?? 0;
    const unit = 10 ** (-decimals + Number(exponent ?? 0));
    const slack = Math.abs(value) * 1e-12;
    if (m[1] === '…') return value < 0 ? { lo: value - unit, hi: value + slack, text: m[0] } : { lo: value - slack, hi: value + unit, text: m[0] };
    if (decimals === 0 && exponent === undefined) return { lo: value, hi: value, text: m[0] };
    return { lo: value - unit / 2 - slack, hi: value + unit / 2 + slack, text: m[0] };
  });
}

/** The part of a comment that states output: an inline comment's explanation after " (" or " = " is not. */
export function expectedPart(e: Expectation): string {
  if (!e.inline) return e.text;
  const cut = e.text.search(/ \(| = /);
  return cut < 0 ? e.text : e.text.slice(0, cut);
}

/**
 * Why `printed` does not match the expectation, or null when it does: the numbers and words
 * (true, NaN, null...) it states must come out, the same count in the same order, each within
 * the range its written form allows. A comment that states none ("the same") is not compared.
 */
export function mismatch(e: Expectation, printed: string): string | null {
  const text = expectedPart(e);
  const want = tokens(text);
  if (want.length === 0) return null;
  const got = tokens(printed);
  const fail = `expected "${text}", printed "${printed}"`;
  if (got.length !== want.length) return fail;
  for (let i = 0; i < want.length; i++) {
    const w = want[i], g = got[i];
    if (typeof w === 'string' || typeof g === 'string') {
      if (typeof w !== 'string' || typeof g !== 'string' || w !== g) return fail;
      continue;
    }
    const value = Number(g.text);
    if (!(value >= w.lo && value <= w.hi)) return fail;
  }
  return null;
}
