import { describe, expect, it } from 'vitest';
import { confusionMatrixSpec } from './confusion-matrix.js';
import { toSvg } from './node/index.js';

describe('confusionMatrixSpec', () => {
  it('keeps the y axis title clear of long class names (Vega caps an axis at 200 px by default)', async () => {
    const names = ['T-shirt/top', 'Trouser', 'Pullover'].map((n, i) => `class ${i}: ${n} (long descriptive name ${i})`);
    const svg = await toSvg(confusionMatrixSpec([[50, 2, 0], [1, 48, 3], [0, 4, 46]], names));
    const titleX = Number(/translate\((-?[\d.]+),[\d.]+\) rotate\(-90\)[^>]*>true class</.exec(svg)?.[1]);
    // 10 px DejaVu Sans is about 6 px a character: the title must sit left of the longest name.
    const longest = Math.max(...names.map((n) => n.length));
    expect(titleX).toBeLessThan(-6 * longest);
    expect(svg).toContain(names[0]);
  });
});
