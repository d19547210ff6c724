import { MlpkitError, checkBoolean, checkOneOf, checkOptions, describe } from '@mlpkit/tensor';
import Papa from 'papaparse';
import { MAX_CLASSES } from './class-count.js';
import { TensorDataset } from './tensor-dataset.js';

/** How `parseCsv` reads a table into features and a target. */
export interface CsvOptions {
  /** The first row names the columns (default true). */
  header?: boolean;
  /** Field separator (default: detected among `,` `;` tab `|`). */
  delimiter?: string;
  /** The target column, by name (needs `header`) or index; default the last column. */
  target?: string | number;
  /** The feature columns, by name or index; default every column but the target. */
  features?: readonly (string | number)[];
  /** `classification` (default) maps the target to int32 labels; `regression` parses it as float32. */
  task?: 'classification' | 'regression';
  /**
   * The class names in label order, for classification. Default: when every target is a
   * non-negative integer, it is the label itself; otherwise the distinct values, sorted.
   */
  classNames?: readonly string[];
}

const OP = 'parseCsv';
const CSV_OPTIONS = ['header', 'delimiter', 'target', 'features', 'task', 'classNames'] as const satisfies readonly (keyof CsvOptions)[];

/** Throws on an option of the wrong type or value; papaparse would ignore a bad delimiter and detect one instead. */
function checkCsvOptions(options: CsvOptions): void {
  checkOptions(OP, options, CSV_OPTIONS);
  const { header, delimiter, target, features, task, classNames } = options;
  if (header !== undefined) checkBoolean(OP, 'header', header);
  if (delimiter !== undefined && (typeof delimiter !== 'string' || delimiter === '' || Papa.BAD_DELIMITERS.some((c) => delimiter.includes(c))))
    throw new MlpkitError(OP, `expected delimiter to be a non-empty string without quotes or line breaks, got ${describe(delimiter)}`);
  if (target !== undefined && typeof target !== 'string' && typeof target !== 'number')
    throw new MlpkitError(OP, `expected target to be a column name or index, got ${describe(target)}`);
  if (features !== undefined && !Array.isArray(features))
    throw new MlpkitError(OP, `expected features to be an array of column names or indices, got ${describe(features)}`);
  if (task !== undefined) checkOneOf(OP, 'task', task, ['classification', 'regression']);
  if (classNames !== undefined && !(Array.isArray(classNames) && classNames.every((c) => typeof c === 'string') && new Set(classNames).size === classNames.length))
    throw new MlpkitError(OP, `expected classNames to be an array of distinct strings, got ${Array.isArray(classNames) ? `[${classNames.join(', ')}]` : describe(classNames)}`);
}

/**
 * A cell's number, or NaN when it is not a decimal literal: Number() alone would also read
 * `0x10`, `0b11` and `Infinity`, which no CSV writer means as numbers.
 */
function cellNumber(cell: string): number {
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cell) ? Number(cell) : NaN;
}

/**
 * Refuses a literal float32 cannot hold: `1e39` (or `1e400`, Infinity already in float64) would
 * be stored as Infinity, the very value the literal rule keeps out.
 */
function checkFloat32(v: number, cell: string, where: string): void {
  if (!Number.isFinite(Math.fround(v))) throw new MlpkitError(OP, `${where}: expected a number within float32's range (±3.4e38), got ${JSON.stringify(cell)}`);
}

/** The CSV text: a string, or bytes (a Node Buffer, a file read in a browser) decoded as UTF-8. */
function csvText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (!(data instanceof Uint8Array || data instanceof ArrayBuffer))
    throw new MlpkitError(OP, `expected CSV text as a string, a Uint8Array or an ArrayBuffer, got ${describe(data)}`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new MlpkitError(OP, 'the CSV bytes are not valid UTF-8: decode them yourself and pass a string');
  }
}

function columnIndex(ref: string | number, names: readonly string[] | null, width: number, what: string): number {
  if (typeof ref === 'number') {
    if (!Number.isInteger(ref) || ref < 0 || ref >= width)
      throw new MlpkitError(OP, `${what} column index must be an integer in [0, ${width}), got ${ref}`);
    return ref;
  }
  if (!names) throw new MlpkitError(OP, `${what} column ${JSON.stringify(ref)} is a name but header is false`);
  const i = names.indexOf(ref);
  if (i < 0) throw new MlpkitError(OP, `${what} column ${JSON.stringify(ref)} is not in the header [${names.join(', ')}]`);
  return i;
}

function labelsOf(values: string[], classNames: readonly string[] | undefined): { labels: Int32Array; classNames?: readonly string[] } {
  if (classNames) {
    const labels = Int32Array.from(values, (v, r) => {
      const k = classNames.indexOf(v);
      if (k < 0) throw new MlpkitError(OP, `target ${JSON.stringify(v)} in data row ${r + 1} is not one of classNames [${classNames.join(', ')}]`);
      return k;
    });
    return { labels, classNames };
  }
  if (values.every((v) => /^\d+$/.test(v))) {
    // Checked before Int32Array stores them: 4294967297 would wrap to 1.
    const bad = values.findIndex((v) => Number(v) >= MAX_CLASSES);
    if (bad >= 0)
      throw new MlpkitError(OP, `target ${values[bad]} in data row ${bad + 1} is too large for a class label: labels must lie in [0, ${MAX_CLASSES}) (numeric targets need task: 'regression')`);
    return { labels: Int32Array.from(values, Number) };
  }
  const names = [...new Set(values)].sort();
  const index = new Map(names.map((n, k) => [n, k]));
  return { labels: Int32Array.from(values, (v) => index.get(v)!), classNames: names };
}

/**
 * Parses CSV text (parsed by papaparse, so quoting and line endings follow RFC 4180; bytes are
 * read as UTF-8) into a TensorDataset: float32 features `[N, F]` and int32 labels or float32
 * targets. A missing or non-numeric feature (numbers are decimal literals: not `0x10`) is an
 * error naming its row and column.
 */
export function parseCsv(data: string | Uint8Array | ArrayBuffer, options: CsvOptions = {}): TensorDataset {
  checkCsvOptions(options);
  const text = csvText(data);
  const header = options.header ?? true;
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').trim(), { delimiter: options.delimiter ?? '', skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (fatal) throw new MlpkitError(OP, `malformed CSV at data row ${(fatal.row ?? 0) + 1}: ${fatal.message}`);
  const rows = parsed.data.map((r) => r.map((cell) => cell.trim()));
  const names = header ? (rows.shift() ?? null) : null;
  if (rows.length === 0) throw new MlpkitError(OP, `the CSV has no data rows (${header ? 'only a header' : 'empty text'})`);
  const width = names?.length ?? rows[0].length;
  rows.forEach((r, i) => {
    if (r.length !== width) throw new MlpkitError(OP, `data row ${i + 1} has ${r.length} fields, expected ${width}`);
  });
  const target = columnIndex(options.target ?? width - 1, names, width, 'target');
  const features = (options.features ?? [...Array(width).keys()].filter((c) => c !== target))
    .map((ref) => columnIndex(ref, names, width, 'feature'));
  if (features.includes(target)) throw new MlpkitError(OP, `column ${target} is both the target and a feature`);
  if (features.length === 0) throw new MlpkitError(OP, 'no feature columns: features is empty');
  const x = new Float32Array(rows.length * features.length);
  rows.forEach((r, i) => features.forEach((c, j) => {
    const cell = r[c];
    const v = cellNumber(cell);
    const where = `data row ${i + 1}, column ${names ? JSON.stringify(names[c]) : c}`;
    if (Number.isNaN(v)) throw new MlpkitError(OP, `${where}: expected a number, got ${JSON.stringify(cell)}`);
    checkFloat32(v, cell, where);
    x[i * features.length + j] = v;
  }));
  const featureNames = names ? features.map((c) => names[c]) : undefined;
  const values = rows.map((r) => r[target]);
  if ((options.task ?? 'classification') === 'regression') {
    const y = Float32Array.from(values, (v, i) => {
      const n = cellNumber(v);
      if (Number.isNaN(n)) throw new MlpkitError(OP, `data row ${i + 1}, target: expected a number, got ${JSON.stringify(v)}`);
      checkFloat32(n, v, `data row ${i + 1}, target`);
      return n;
    });
    return new TensorDataset(x, y, { featureShape: [features.length], targetShape: [1], featureNames });
  }
  const { labels, classNames } = labelsOf(values, options.classNames);
  return new TensorDataset(x, labels, { featureShape: [features.length], classNames, featureNames });
}
