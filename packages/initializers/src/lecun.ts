import { type Tensor, checkOptions } from '@mlpkit/tensor';
import { type ShapeLike, calculateFanInAndFanOut } from './fan.js';
import { type GeneratorOption, fillWith } from './fill.js';
import { symmetricUniform_ } from './uniform.js';

/** LeCun's std: 1/√fanIn, the variance-preserving scale for SELU and other odd, unit-slope activations. */
export function lecunStd(t: ShapeLike): number {
  return 1 / Math.sqrt(calculateFanInAndFanOut(t).fanIn);
}

/** Fills `t` in place with U(−√(3/fanIn), √(3/fanIn)) (LeCun 1998) and returns it. */
export function lecunUniform_(t: Tensor, options: GeneratorOption = {}): Tensor {
  checkOptions('lecunUniform_', options, ['generator']);
  return symmetricUniform_('lecunUniform_', t, Math.sqrt(3) * lecunStd(t), options);
}

/** Fills `t` in place with N(0, 1/fanIn) (LeCun 1998, the init SELU assumes) and returns it. */
export function lecunNormal_(t: Tensor, options: GeneratorOption = {}): Tensor {
  checkOptions('lecunNormal_', options, ['generator']);
  const std = lecunStd(t);
  return fillWith('lecunNormal_', t, options.generator, (g) => std * g.normal());
}
