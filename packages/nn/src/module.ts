import { MlpkitError, type Tensor, checkBoolean, checkOptions, forbiddenKeys, formatShape, shapesEqual } from '@mlpkit/tensor';
import { Parameter } from './parameter.js';

/** Parameters and buffers by dotted name ('0.weight', 'fc2.bias'), in registration order. */
export type StateDict = Record<string, Tensor>;

/** Options of `loadStateDict`. */
export interface LoadStateDictOptions {
  /** Refuse missing and unexpected keys (default true). Mis-shaped keys are refused either way. */
  strict?: boolean;
}

/** What `loadStateDict` left out: model keys the state lacked, and state keys the model lacks. */
export interface LoadStateDictResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/**
 * The base of every layer and model, shaped like `torch.nn.Module`. A subclass assigns its
 * Parameters and sub-Modules to properties (`this.weight = new Parameter(...)`,
 * `this.fc1 = new Linear(...)`) and they are found in property order; buffers (non-learned state
 * such as running statistics) are declared with `registerBuffer`.
 *
 * @example
 * class TwoLayer extends Module {
 *   fc1 = new Linear(4, 8); fc2 = new Linear(8, 3);
 *   forward(x: Tensor) { return this.fc2.forward(relu(this.fc1.forward(x))); }
 * }
 */
export abstract class Module {
  /** True in training mode (Dropout drops, BatchNorm uses batch statistics); see `train()`/`eval()`. */
  training = true;
  /** Buffers by property name: whether each is saved, and the key it is saved under. */
  private readonly bufferNames = new Map<string, { persistent: boolean; key: string }>();

  /** The computation; call it directly or through `call`. */
  abstract forward(input: Tensor, ...rest: unknown[]): Tensor;

  /** Runs `forward` (PyTorch's `module(x)`). */
  call(input: Tensor, ...rest: unknown[]): Tensor {
    return this.forward(input, ...rest);
  }

  /**
   * Declares property `name` as a buffer holding `value`: saved in `stateDict()` unless
   * `persistent` is false, never trained. `stateKey` names it in state dicts when PyTorch's
   * name differs from the camelCase property (`runningMean` is saved as `running_mean`).
   */
  registerBuffer(name: string, value: Tensor | null, persistent: boolean | { persistent?: boolean; stateKey?: string } = true): void {
    const options = typeof persistent === 'boolean' ? { persistent } : persistent;
    (this as Record<string, unknown>)[name] = value;
    this.bufferNames.set(name, { persistent: options.persistent ?? true, key: options.stateKey ?? name });
  }

  /**
   * Older state-dict keys this module still loads, mapped to today's (e.g. `runningMean` to
   * `running_mean`): a subclass overrides it when it renames what it saves.
   */
  protected legacyStateKeys(): Readonly<Record<string, string>> {
    return {};
  }

  /**
   * Values this module refuses to load, as `[own key, what was expected]` pairs (e.g. a
   * negative running variance, which would turn eval's output into NaN). `loadStateDict` asks
   * every module, with `given(key)` the tensor the state holds for one of its own keys, once
   * names, shapes and dtypes fit, and copies nothing if any module refuses. A subclass
   * overrides it when some values would silently break its forward.
   */
  protected refusedValues(_given: (key: string) => Tensor | undefined): [string, string][] {
    return [];
  }

  /** Assigns `param` to property `name`, for names computed at run time. */
  registerParameter(name: string, param: Parameter | null): void {
    (this as Record<string, unknown>)[name] = param;
  }

  /** Assigns `module` to property `name`, for names computed at run time. */
  addModule(name: string, module: Module | null): void {
    (this as Record<string, unknown>)[name] = module;
  }

  /** This module's own properties that hold a value of `kind`, in property order. */
  private own<T>(kind: abstract new (...args: never[]) => T): [string, T][] {
    return Object.entries(this).filter((e): e is [string, T] => e[1] instanceof kind);
  }

  /** Direct sub-modules by property name. */
  namedChildren(): [string, Module][] {
    return this.own(Module);
  }

  /** Direct sub-modules. */
  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and every module under it with dotted names ('' for this one), each once. */
  namedModules(prefix = '', seen = new Set<Module>()): [string, Module][] {
    if (seen.has(this)) return [];
    seen.add(this);
    const out: [string, Module][] = [[prefix, this]];
    for (const [name, child] of this.namedChildren()) out.push(...child.namedModules(prefix ? `${prefix}.${name}` : name, seen));
    return out;
  }

  /** This module and every module under it. */
  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** Every parameter with its dotted name ('0.weight', 'fc2.bias'); a shared parameter appears once. */
  namedParameters(): [string, Parameter][] {
    const seen = new Set<Parameter>();
    return this.namedModules().flatMap(([prefix, m]) =>
      m.own(Parameter)
        .filter(([, p]) => !seen.has(p) && seen.add(p))
        .map(([name, p]): [string, Parameter] => [prefix ? `${prefix}.${name}` : name, p]),
    );
  }

  /** Every parameter, for an optimizer: `new SGD(model.parameters(), { lr: 0.1 })`. */
  parameters(): Parameter[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Every buffer with its dotted name. */
  namedBuffers(): [string, Tensor][] {
    return this.namedModules().flatMap(([prefix, m]) => m.ownBuffers(false).map(([name, t]): [string, Tensor] => [prefix ? `${prefix}.${name}` : name, t]));
  }

  /** Buffers holding a tensor, by state key (persistent ones only when asked). */
  private ownBuffers(persistentOnly: boolean): [string, Tensor][] {
    return [...this.bufferNames]
      .filter(([name, { persistent }]) => (persistent || !persistentOnly) && (this as Record<string, unknown>)[name])
      .map(([name, { key }]) => [key, (this as Record<string, unknown>)[name] as Tensor]);
  }

  /** Sets training mode on this module and every module under it; returns this. */
  train(mode = true): this {
    // PyTorch refuses a non-boolean mode too: train('false') would mean training.
    checkBoolean(this.constructor.name, 'mode', mode);
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Evaluation mode (`train(false)`): Dropout passes through, BatchNorm uses running statistics. */
  eval(): this {
    return this.train(false);
  }

  /** Clears every parameter's gradient (`.grad = null`, PyTorch's set_to_none default). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Calls `fn` on every sub-module and then on this one (`module.apply(init)`); returns this. */
  apply(fn: (m: Module) => void): this {
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }

  /** The tensors this module's state consists of, by dotted name: per module, its parameters then its persistent buffers. */
  private stateTargets(): [string, Tensor][] {
    const seen = new Set<Tensor>();
    const dotted = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);
    return this.namedModules().flatMap(([prefix, m]) => [
      ...m.own(Parameter).filter(([, p]) => !seen.has(p) && seen.add(p)),
      ...m.ownBuffers(true),
    ].map(([name, t]): [string, Tensor] => [dotted(prefix, name), t]));
  }

  /**
   * Parameters and persistent buffers by dotted name. The tensors share storage with the model
   * (as PyTorch's do) and carry no gradient history; clone them to keep a snapshot.
   */
  stateDict(): StateDict {
    return Object.fromEntries(this.stateTargets().map(([name, t]) => [name, t.detach()]));
  }

  /**
   * Copies `state` into the parameters and buffers in place, so optimizers holding them keep
   * working. Everything is checked before anything is copied: a mis-shaped key always refuses the
   * whole load, and in strict mode (default) so do missing and unexpected keys.
   */
  loadStateDict(state: StateDict, options: LoadStateDictOptions = {}): LoadStateDictResult {
    checkOptions('loadStateDict', options, ['strict']);
    const strict = options.strict ?? true;
    const targets = new Map(this.stateTargets());
    const source = this.currentKeys(state);
    const missingKeys = [...targets.keys()].filter((k) => !source.has(k));
    const unexpectedKeys = [...source.keys()].filter((k) => !targets.has(k));
    const problems: string[] = [];
    if (strict && missingKeys.length) problems.push(`missing keys: ${missingKeys.join(', ')}`);
    if (strict && unexpectedKeys.length) problems.push(`unexpected keys: ${unexpectedKeys.join(', ')}`);
    for (const [key, target] of targets) {
      const given = source.get(key);
      if (given === undefined) continue;
      if (!given || !ArrayBuffer.isView(given.data) || !Array.isArray(given.shape)) problems.push(`${key} is not a tensor`);
      else if (!shapesEqual(given.shape, target.shape))
        problems.push(`shape mismatch for ${key}: the model has ${formatShape(target.shape)}, the state dict ${formatShape(given.shape)}`);
      // Copying across dtypes would round silently (or, for bits stored under the wrong dtype,
      // turn them into other numbers); float32 into float64 is the one exact widening.
      else if ((given.dtype !== target.dtype && !(given.dtype === 'float32' && target.dtype === 'float64')) || given.data.length !== target.data.length)
        problems.push(`dtype mismatch for ${key}: the model has ${target.dtype}, the state dict ${given.dtype}`);
    }
    if (!problems.length)
      for (const [prefix, m] of this.namedModules())
        for (const [key, expected] of m.refusedValues((own) => source.get(prefix ? `${prefix}.${own}` : own)))
          problems.push(`${prefix ? `${prefix}.${key}` : key}: ${expected}`);
    if (problems.length)
      throw new MlpkitError('loadStateDict', `the state dict does not fit ${this.constructor.name}; nothing was loaded:\n  ${problems.join('\n  ')}`);
    for (const [key, target] of targets) {
      const given = source.get(key);
      if (given) target.data.set(given.data);
    }
    return { missingKeys, unexpectedKeys };
  }

  /** The state's own entries by today's keys: older keys a module still reads are renamed, forbidden keys refused. */
  private currentKeys(state: StateDict): Map<string, Tensor> {
    if (!state || typeof state !== 'object') throw new MlpkitError('loadStateDict', `expected a state dict (an object of tensors), got ${String(state)}`);
    const out = new Map<string, Tensor>();
    for (const key of Object.keys(state)) {
      if (key.split('.').some((part) => forbiddenKeys.has(part)))
        throw new MlpkitError('loadStateDict', `the key ${JSON.stringify(key)} could reach an object prototype; nothing was loaded`);
      out.set(key, state[key]);
    }
    for (const [prefix, m] of this.namedModules())
      for (const [legacy, current] of Object.entries(m.legacyStateKeys())) {
        const [from, to] = prefix ? [`${prefix}.${legacy}`, `${prefix}.${current}`] : [legacy, current];
        if (out.has(from) && !out.has(to)) {
          out.set(to, out.get(from)!);
          out.delete(from);
        }
      }
    return out;
  }

  /** Extra text inside this module's printed parentheses, e.g. `in_features=4, out_features=3, bias=true`. */
  extraRepr(): string {
    return '';
  }

  /** A PyTorch-style printout of the module tree. */
  toString(): string {
    const children = this.namedChildren();
    const head = `${this.constructor.name}(${this.extraRepr()}`;
    if (!children.length) return `${head})`;
    const lines = children.map(([name, m]) => `  (${name}): ${m.toString().replace(/\n/g, '\n  ')}`);
    return `${head}\n${lines.join('\n')}\n)`;
  }
}
