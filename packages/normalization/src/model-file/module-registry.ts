import { MlpkitError } from '@mlpkit/tensor';
import { builtinTypes } from './builtin-types.js';
import type { ModuleType } from './module-type.js';

// Names the file format gives a meaning of its own: they can never name a user's class.
const reserved = new Set(['Sequential', 'Lambda']);
const byName = new Map<string, ModuleType<any>>(builtinTypes.map((t) => [t.type, t]));
const byClass = new Map<unknown, ModuleType<any>>(builtinTypes.map((t) => [t.module, t]));

/**
 * Makes a module class of your own saveable with `saveModel` and loadable with `loadModel`:
 * call it once, before saving or loading, with how to read the class's constructor options
 * and how to build it from them. Registering the same class under the same name again is a
 * no-op; a name or class that is already taken otherwise is refused.
 *
 * @example
 * class Block extends Module {
 *   constructor(readonly width: number) { super(); this.fc = new Linear(width, width); }
 *   forward(x: Tensor) { return relu(this.fc.forward(x)); }
 * }
 * registerModule({
 *   type: 'Block', module: Block, options: { width: 'integer' }, required: ['width'],
 *   config: (m) => ({ width: m.width }), create: (o) => new Block(o.width as number),
 * });
 */
export function registerModule<M>(moduleType: ModuleType<M>): void {
  const { type, module } = moduleType;
  if (typeof type !== 'string' || !/^[A-Za-z_][\w.]*$/.test(type))
    throw new MlpkitError('registerModule', `type must be an identifier such as "MyBlock", got ${JSON.stringify(type)}`);
  if (typeof module !== 'function') throw new MlpkitError('registerModule', `module must be a class, got ${typeof module}`);
  if (reserved.has(type)) throw new MlpkitError('registerModule', `"${type}" is reserved by the model file format`);
  const sameName = byName.get(type);
  const sameClass = byClass.get(module);
  if (sameName && sameName === sameClass) return;
  if (sameName) throw new MlpkitError('registerModule', `the type name "${type}" is already registered for another class`);
  if (sameClass) throw new MlpkitError('registerModule', `${module.name} is already registered as "${sameClass.type}"`);
  byName.set(type, moduleType);
  byClass.set(module, moduleType);
}

/** The registered type of the exact class of `module`, if any. */
export function moduleTypeOf(module: object): ModuleType<any> | undefined {
  return byClass.get(module.constructor);
}

/** The registered type called `name`, if any. */
export function moduleTypeNamed(name: string): ModuleType<any> | undefined {
  return byName.get(name);
}

/** Every type name a model file may hold, for error messages. */
export function knownTypeNames(): string[] {
  return ['Sequential', ...byName.keys()];
}
