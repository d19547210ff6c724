import { MlpkitError, type Tensor, formatShape } from '@mlpkit/tensor';

/** Fan-in and fan-out of a weight, the sizes the variance-preserving initializers scale by. */
export interface Fans {
  fanIn: number;
  fanOut: number;
}

/** A tensor or just its shape: the fans depend on nothing else. */
export type ShapeLike = Tensor | readonly number[];

/** The shape of a tensor or of a bare shape array. */
export function shapeOf(t: ShapeLike): readonly number[] {
  return Array.isArray(t) ? (t as readonly number[]) : (t as Tensor).shape;
}

/**
 * PyTorch's `_calculate_fan_in_and_fan_out`: a weight is [out, in, ...receptive field], so
 * fanIn = shape[1]·receptive and fanOut = shape[0]·receptive (receptive = 1 for a Linear weight).
 *
 * @example
 * calculateFanInAndFanOut([16, 8, 3, 3]); // { fanIn: 72, fanOut: 144 }
 */
export function calculateFanInAndFanOut(t: ShapeLike): Fans {
  const shape = shapeOf(t);
  if (shape.length < 2)
    throw new MlpkitError('calculateFanInAndFanOut', `fan in and fan out need a tensor with at least 2 dims, got shape ${formatShape(shape)}`);
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
}

/** Which fan a Kaiming/LeCun initializer divides by: fanIn keeps forward variance, fanOut backward. */
export type FanMode = 'fanIn' | 'fanOut';

/** The fan `mode` selects, refusing anything but 'fanIn' and 'fanOut'. */
export function fanFor(op: string, t: ShapeLike, mode: FanMode): number {
  if (mode !== 'fanIn' && mode !== 'fanOut')
    throw new MlpkitError(op, `mode must be 'fanIn' or 'fanOut', got ${JSON.stringify(mode)}`);
  const fans = calculateFanInAndFanOut(t);
  return mode === 'fanIn' ? fans.fanIn : fans.fanOut;
}
