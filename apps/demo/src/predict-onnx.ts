import { join } from 'node:path';
import type { Module } from '@mlpkit/nn';
import { writeFileAtomic } from '@mlpkit/nn/node';
import type { Scaler } from '@mlpkit/normalization';
import { exportOnnx } from '@mlpkit/onnx';

/**
 * Writes `model.onnx` beside `model.safetensors`: float32 input [N, 784] of raw pixel values
 * 0–255 (the scaler is folded in), the 10 logits out, as `pnpm demo predict` computes them.
 */
export async function writeOnnx(outDir: string, model: Module, scaler: Scaler | null): Promise<string> {
  const path = join(outDir, 'model.onnx');
  await writeFileAtomic(path, exportOnnx(model, { inputShape: [1, 784], scaler }));
  return path;
}
