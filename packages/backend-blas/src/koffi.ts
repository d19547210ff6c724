/** A native function as koffi binds it. */
export type Native = (...args: unknown[]) => unknown;
/** An opened shared library. */
export interface Library { func(definition: string): Native }
/** The part of koffi the backend uses. */
export interface Koffi { load(path: string): Library }

/** koffi, loaded when a backend is created rather than on import (it is a native module). */
export async function importKoffi(): Promise<Koffi> {
  const mod = (await import('koffi')) as unknown as Koffi & { default?: Koffi };
  return mod.default ?? mod;
}
