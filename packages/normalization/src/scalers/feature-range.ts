import { MlpkitError } from '@mlpkit/tensor';

/**
 * The `[low, high]` interval a scaler maps onto (MinMaxScaler, PixelScaler): `range`, or
 * `[0, 1]` when it is not given, after checking that low < high.
 */
export function checkedFeatureRange(op: string, range: readonly [number, number] = [0, 1]): readonly [number, number] {
  const [low, high] = range;
  if (!(low < high)) throw new MlpkitError(op, `featureRange must be [low, high] with low < high, got [${low}, ${high}]`);
  return [low, high];
}
