import { softmax } from '@mlpkit/activations';
import { FASHION_MNIST } from '@mlpkit/datasets';
import { predict } from '@mlpkit/nn';
import { loadModelFile } from '@mlpkit/normalization/node';
import { Tensor } from '@mlpkit/tensor';
import { chooseBackend } from './backend.js';
import { loadPredictImages } from './predict-images.js';
import { PREDICT_USAGE, parsePredictOptions } from './predict-options.js';

/** One image's answer: its top classes by probability, best first. */
export interface ImagePrediction {
  index: number;
  label: string;
  top: { label: string; probability: number }[];
  truth: string | null;
}

/** The class names a model file carries (the demo saves them), else Fashion-MNIST's. */
export function classNamesOf(metadata: Record<string, string>): readonly string[] {
  if (metadata.classNames === undefined) return FASHION_MNIST.classNames;
  let names: unknown;
  try {
    names = JSON.parse(metadata.classNames);
  } catch {
    names = null;
  }
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string'))
    throw new Error('predict: the model file\'s "classNames" metadata is not a JSON list of strings');
  return names;
}

/** Top-`k` classes of each row of `probabilities` [N, C]. */
export function topK(probabilities: Tensor, classNames: readonly string[], labels: Int32Array | null, k = 3): ImagePrediction[] {
  const [n, c] = probabilities.shape;
  const p = probabilities.data;
  return Array.from({ length: n }, (_, i) => {
    const order = Array.from({ length: c }, (_, j) => j).sort((a, b) => p[i * c + b] - p[i * c + a] || a - b).slice(0, k);
    const top = order.map((j) => ({ label: classNames[j], probability: p[i * c + j] }));
    return { index: i, label: top[0].label, top, truth: labels ? classNames[labels[i]] ?? String(labels[i]) : null };
  });
}

const percent = (p: number) => `${(p * 100).toFixed(1).padStart(5)} %`;

/** `pnpm demo predict`: classify images with a saved model, loaded with no code. */
export async function predictMain(argv: string[]): Promise<void> {
  const options = parsePredictOptions(argv);
  if (options.help) {
    console.log(PREDICT_USAGE);
    return;
  }
  // stdout carries only the predictions (JSON lines with --json); notes go to stderr.
  console.error(await chooseBackend(options.backend, options.threads));
  const { model, scaler, metadata } = await loadModelFile(options.model);
  const classNames = classNamesOf(metadata);
  const images = await loadPredictImages(options.images, options.count);
  const logits = predict(model, new Tensor(images.pixels, [images.count, 784]), { scaler, batchSize: 1000 });
  if (logits.ndim !== 2 || logits.shape[1] !== classNames.length)
    throw new Error(`predict: the model gives outputs of shape [${logits.shape.join(', ')}], not one score for each of the ${classNames.length} classes`);
  const predictions = topK(softmax(logits, 1), classNames, images.labels);
  for (const p of predictions) {
    if (options.json) console.log(JSON.stringify(p));
    else console.log(`#${String(p.index).padEnd(5)} ${p.truth === null ? '' : `truth ${p.truth.padEnd(12)} `}${p.top.map((t) => `${t.label.padEnd(12)}${percent(t.probability)}`).join('   ')}`);
  }
  if (images.labels) {
    const right = predictions.filter((p) => p.label === p.truth).length;
    const line = `accuracy: ${((right / predictions.length) * 100).toFixed(2)} % (${right} of ${predictions.length} images)`;
    if (options.json) console.error(line);
    else console.log(`\n${line}`);
  }
}
