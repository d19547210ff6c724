// What `architecture.test.ts` checks the repository against: the blueprint's arrows, and a
// reader of each source file's imports (through the TypeScript parser, so strings and comments
// that look like imports are not taken for them).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The blueprint's arrows (/work/shared/ARCHITECTURE.md, "Which package may import which"): for
 * each package, the packages it may import directly. A package may also import whatever those
 * may import, and everyone may import tensor. `mlpkit` (the umbrella) and apps may import all.
 */
export const ARROWS: Record<string, readonly string[]> = {
  tensor: [],
  autograd: ['tensor'],
  activations: ['autograd'],
  losses: ['activations'],
  optimizers: ['autograd'],
  initializers: ['tensor'],
  datasets: ['tensor'],
  metrics: ['tensor'],
  'backend-wasm': ['tensor'],
  nn: ['autograd', 'activations', 'initializers'],
  normalization: ['nn'],
  train: ['nn', 'losses', 'optimizers', 'metrics', 'datasets', 'normalization'],
  search: ['train'],
  plot: ['tensor'],
  onnx: ['nn', 'normalization', 'activations'],
  'backend-blas': ['backend-wasm'],
};

/**
 * The arrows written in the blueprint's "Which package may import which" block (`A, B <- C <- D`:
 * C may import A and B, D may import C), in {@link ARROWS}' shape. Parenthesized remarks and the
 * `everything <- ...` line (the umbrella and apps) are left out.
 */
export function parseArrows(markdown: string): Record<string, string[]> {
  const block = /## Which package may import which\s*```\n([\s\S]*?)```/.exec(markdown);
  if (!block) throw new Error('no "Which package may import which" block with arrows in the blueprint');
  const arrows: Record<string, string[]> = {};
  for (const line of block[1].split('\n')) {
    const groups = line.replace(/\([^)]*\)/g, '').split('<-').map((g) => g.split(',').map((p) => p.trim()).filter(Boolean));
    if (groups.length < 2 || groups[0].includes('everything')) continue;
    for (let i = 1; i < groups.length; i++)
      for (const importer of groups[i]) arrows[importer] = [...new Set([...(arrows[importer] ?? []), ...groups[i - 1]])];
  }
  return arrows;
}

/** The packages `name` may import: its arrows, what they may import in turn, and tensor. */
export function allowedImports(name: string): Set<string> {
  const allowed = new Set<string>(name === 'tensor' ? [] : ['tensor']);
  const visit = (from: string) => {
    for (const next of ARROWS[from] ?? []) {
      if (allowed.has(next)) continue;
      allowed.add(next);
      visit(next);
    }
  };
  visit(name);
  return allowed;
}

/** One import or re-export in a source file. */
export interface ImportRef {
  specifier: string;
  /** Whether it is erased at compile time (`import type`, or only `type` specifiers). */
  typeOnly: boolean;
}

/** Every module a file imports, re-exports, `import()`s or `require`s. */
export function importsOf(file: string): ImportRef[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const refs: ImportRef[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && ts.isNamedImports(named)
        && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)));
      refs.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause;
      const typeOnly = node.isTypeOnly || (!!named && ts.isNamedExports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly));
      refs.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])
      && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      refs.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (ts.isStringLiteral(node) && /^@mlpkit\/[a-z-]+(\/[a-z-]+)?$/.test(node.text) && !ts.isImportDeclaration(node.parent)
      && !ts.isExportDeclaration(node.parent) && !ts.isLiteralTypeNode(node.parent) && !ts.isCallExpression(node.parent)) {
      // A package name held in a variable and imported later (`await import(name)`).
      refs.push({ specifier: node.text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      refs.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

/** The workspace package a bare specifier names (`@mlpkit/nn/node` → `nn`, `mlpkit` → `mlpkit`), or null. */
export function workspacePackage(specifier: string): string | null {
  if (specifier === 'mlpkit' || specifier.startsWith('mlpkit/')) return 'mlpkit';
  const match = /^@mlpkit\/([^/]+)/.exec(specifier);
  return match ? match[1] : null;
}

/** Every .ts file under `dir`, skipping node_modules, dist and generated code. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'generated') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|cts)$/.test(entry) && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The file a relative specifier names (`./x.js` → `x.ts`), or null for a bare one. */
export function resolveRelative(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base.replace(/\.(m|c)?js$/, '.$1ts'), base, `${base}.ts`, join(base, 'index.ts')])
    if (candidate.endsWith('.ts') && statSafe(candidate)) return candidate;
  return null;
}

function statSafe(path: string): boolean {
  try { return statSync(path).isFile(); } catch { return false; }
}

/**
 * The import cycles among `files` through imports that remain at run time, each as the list of
 * files (relative to `root`) on it. Tarjan's strongly connected components, so one cycle
 * through many files is reported once.
 */
export function runtimeCycles(files: readonly string[], root: string): string[][] {
  const edges = new Map(files.map((f) => [f, importsOf(f).filter((r) => !r.typeOnly).map((r) => resolveRelative(f, r.specifier)).filter((t): t is string => t !== null)]));
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const connect = (v: string) => {
    index.set(v, counter); low.set(v, counter); counter++;
    stack.push(v); onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) { connect(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do { w = stack.pop()!; onStack.delete(w); component.push(w); } while (w !== v);
    if (component.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(component.map((f) => relative(root, f)).sort());
  };
  for (const f of files) if (!index.has(f)) connect(f);
  return cycles;
}

/** Every file `file` loads at run time, directly or not (relative imports only). */
export function runtimeReach(file: string): string[] {
  const seen = new Set<string>();
  const visit = (f: string) => {
    for (const ref of importsOf(f)) {
      if (ref.typeOnly) continue;
      const target = resolveRelative(f, ref.specifier);
      if (target && !seen.has(target)) { seen.add(target); visit(target); }
    }
  };
  visit(file);
  return [...seen];
}
