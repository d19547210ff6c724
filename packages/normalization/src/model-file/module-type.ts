import type { Layer, Module } from '@mlpkit/nn';

/**
 * The kind of value a saved constructor option holds; a loaded file is checked against it.
 * `'dtype'` is `'float32'` or `'float64'`; a list of strings is an enumeration.
 */
export type OptionKind = 'integer' | 'number' | 'boolean' | 'string' | 'integer-list' | 'number-or-null' | 'dtype' | readonly string[];

/** A saved option's value (plain JSON). */
export type OptionValue = number | boolean | string | null | number[];

/** Constructor options as they sit in a model file. */
export type ModuleOptions = Record<string, OptionValue>;

/**
 * How a module class is written to a model file and built again from it. The file keeps only
 * `config(module)`; `create(options)` must rebuild a module whose `stateDict()` has the same
 * keys and shapes, so the saved weights load into it.
 */
export interface ModuleType<M = Module> {
  /** The name written to the file, e.g. `"Linear"`. Unique. */
  type: string;
  /** The class whose instances (exactly, not subclasses) this describes. */
  module: abstract new (...args: any[]) => M;
  /** Every option `config` may write, with its kind; the file may hold no other. */
  options: Readonly<Record<string, OptionKind>>;
  /** Options a file must give (default: none). */
  required?: readonly string[];
  /** The constructor options of `module`. */
  config(module: M): ModuleOptions;
  /** A new module (or a forward-only activation layer) from checked options. */
  create(options: ModuleOptions): Layer;
}
