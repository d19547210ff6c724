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

/** One state-dict entry a module will hold, known from its options before it is built. */
export interface StateEntry {
  shape: readonly number[];
  dtype: 'float32' | 'float64' | 'int32';
  /** An older key the entry may sit under in a file (see Module's legacyStateKeys). */
  legacyKey?: string;
}

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
  /**
   * The state-dict entries (own keys, not prefixed) that `create(options)` gives, without
   * building anything: `loadModel` checks a file's tensors against them before it allocates a
   * module. Without it (or when it gives null, for options `create` refuses and explains),
   * `loadModel` builds the module first and then counts its values against what the file holds.
   */
  state?(options: ModuleOptions): Record<string, StateEntry> | null;
}

/** A module type of whatever class, as registries that hold several keep them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry's config takes its own class
export type AnyModuleType = ModuleType<any>;
