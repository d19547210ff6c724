import type { Backend } from './backend.js';
import type { GradRecorder } from './dispatch.js';
import type { Generator } from './random.js';

/**
 * The core's process-wide state: the active backend, autograd's recorder, the global
 * generator and the pool of recycled memory. It lives on `globalThis` under a registered
 * symbol rather than in module variables, so that the ESM and the CommonJS build of this
 * package, both loaded by one program (one part `import`s, another `require`s), read and write
 * the same state instead of forming two worlds where a tensor marked with `requiresGrad` finds
 * no recorder.
 */
export interface CoreState {
  /** The backend ops run on; null until `setBackend` (the reference backend). */
  backend: Backend | null;
  /** Autograd's recorder, once installed. */
  recorder: GradRecorder | null;
  /** The generator random functions use by default, made on first use. */
  generator: Generator | null;
  /**
   * Float32 arrays that nothing references any more, by length, waiting to be handed out again
   * (recycled-float32.ts), with their bytes; and the arrays handed out while a step scope is
   * open (handout-log.ts). One pool, so that an array recycled through one copy of this package
   * and through the other is never in two lists, handed to two live tensors.
   */
  memory: { free: Map<number, Float32Array[]>; keptBytes: number; handouts: Float32Array[] | null };
}

/** The key every copy of this package agrees on; bump the version if the shape changes. */
const KEY = Symbol.for('mlpkit.core-state.v2');

let cached: CoreState | undefined;

/** The one state object of this process, made on first use (importing has no side effect). */
export function coreState(): CoreState {
  if (cached) return cached;
  const holder = globalThis as unknown as Record<symbol, CoreState | undefined>;
  cached = holder[KEY] ??= { backend: null, recorder: null, generator: null, memory: { free: new Map(), keptBytes: 0, handouts: null } };
  return cached;
}
