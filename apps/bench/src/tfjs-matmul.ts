import type { Row } from './mlpkit-matmul.js';
import { type Product, flops, storedShapes } from './shapes.js';
import { timeMs } from './timing.js';

/**
 * TensorFlow.js 4.x with its wasm backend (XNNPACK, SIMD; it runs one thread in Node) and
 * its cpu backend, when @tensorflow/tfjs is installed. tf.matMul with transposeA/transposeB
 * is the same product as ours; dataSync() makes the timing include the result.
 */
export async function tfjsRows(products: Product[], minMs: number, quick: boolean): Promise<Row[]> {
  let tf: typeof import('@tensorflow/tfjs');
  try {
    tf = await import('@tensorflow/tfjs');
    await import('@tensorflow/tfjs-backend-wasm');
  } catch (error) {
    return [{ system: 'TensorFlow.js', threads: 1, product: '-', gflops: null, note: `not installed (${String(error).slice(0, 80)})` }];
  }
  const rows: Row[] = [];
  for (const name of ['wasm', 'cpu'] as const) {
    if (!(await tf.setBackend(name))) { rows.push({ system: `tfjs ${name}`, threads: 1, product: '-', gflops: null, note: 'backend failed to start' }); continue; }
    await tf.ready();
    for (const p of products) {
      if (name === 'cpu' && (quick || flops(p) > 5e8)) {
        rows.push({ system: `tfjs ${name}`, threads: 1, product: p.name, gflops: null, note: 'skipped (too slow)' });
        continue;
      }
      const [sa, sb] = storedShapes(p);
      const a = tf.randomUniform(sa, -1, 1), b = tf.randomUniform(sb, -1, 1);
      const ms = timeMs(() => { const c = tf.matMul(a, b, p.transA, p.transB); c.dataSync(); c.dispose(); }, minMs);
      a.dispose(); b.dispose();
      rows.push({ system: `tfjs ${name}`, threads: 1, product: p.name, gflops: flops(p) / ms / 1e6 });
    }
  }
  return rows;
}
