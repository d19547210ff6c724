export { type Reduction } from './reduction.js';
export { crossEntropy, CrossEntropyLoss, type CrossEntropyOptions } from './cross-entropy.js';
export { nllLoss, NLLLoss, type NllLossOptions } from './nll-loss.js';
export { mseLoss, MSELoss, type ReductionOptions } from './mse-loss.js';
export { l1Loss, L1Loss } from './l1-loss.js';
export { smoothL1Loss, SmoothL1Loss, type SmoothL1LossOptions } from './smooth-l1-loss.js';
export { huberLoss, HuberLoss, type HuberLossOptions } from './huber-loss.js';
export { binaryCrossEntropy, BCELoss, type BinaryCrossEntropyOptions } from './binary-cross-entropy.js';
export {
  binaryCrossEntropyWithLogits, BCEWithLogitsLoss, type BinaryCrossEntropyWithLogitsOptions,
} from './binary-cross-entropy-with-logits.js';
export { klDiv, KLDivLoss, type KlDivOptions } from './kl-div.js';
export { l1Penalty, l2Penalty } from './penalties.js';
