import { type NumberRule, StateReader } from '@mlpkit/tensor';
import type { ScalerJSON } from './scaler.js';

/**
 * Field-by-field checks of a saved scaler (`toJSON()` output read back from a file): each
 * class's `fromJSON` states the config and state it needs, and anything else is refused with the
 * field's path (`PixelScaler.fromJSON: config.featureRange[0]: expected a finite number, got "0"`).
 */
export class ScalerReader extends StateReader {
  constructor(readonly json: ScalerJSON, type: string) {
    super(`${type}.fromJSON`);
    this.deep('', json);
    if (json.type !== type) this.fail('type', JSON.stringify(type), json.type);
  }

  /** The config object with exactly these keys (toJSON writes every one). */
  config(keys: readonly string[]): Record<string, unknown> {
    return this.object('config', this.json.config, { required: keys });
  }

  /** The state object with these keys, or null for a scaler saved before `fit`; `optional` keys may hold null. */
  state(keys: readonly string[]): Record<string, unknown> | null {
    if (this.json.state === null) return null;
    return this.object('state', this.json.state, { required: ['nFeaturesIn', ...keys] });
  }

  /** A stateless scaler's state, which must be null. */
  noState(): void {
    if (this.json.state !== null) this.fail('state', 'null (this scaler learns nothing)', this.json.state);
  }

  /** `config[key]` as a `[low, high]` pair with low < high. */
  range(config: Record<string, unknown>, key: string): [number, number] {
    const [low, high] = Array.from(this.numbers(`config.${key}`, config[key], { length: 2 }));
    if (!(low < high)) this.fail(`config.${key}`, '[low, high] with low < high', `[${low}, ${high}]`);
    return [low, high];
  }

  /** `state[key]` as a float64 vector of `length` values obeying `rule`; null only when `nullable`. */
  vector(state: Record<string, unknown>, key: string, length: number, rule: NumberRule = {}, nullable = false): Float64Array | null {
    if (nullable && state[key] === null) return null;
    return Float64Array.from(this.numbers(`state.${key}`, state[key], { ...rule, length }));
  }

  /** Refuses a statistic that is present when its option is off, or missing when it is on. */
  present(key: string, value: Float64Array | null, wanted: boolean, option: string): void {
    if ((value !== null) !== wanted) this.fail(`state.${key}`, wanted ? `a vector (${option} is true)` : `null (${option} is false)`, value === null ? null : `an array of ${value.length}`);
  }
}
