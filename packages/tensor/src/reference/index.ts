import type { Backend, KernelTable } from '../backend.js';
import { binaryKernel, castKernel, clampKernel, compareKernel, unaryKernel, whereKernel } from './elementwise.js';
import { matmulKernel } from './matmul.js';
import {
  concatKernel, expandKernel, gatherKernel, indexSelectKernel, permuteKernel, reshapeKernel, scatterAddKernel, sliceKernel, sliceScatterKernel,
} from './movement.js';
import { amaxKernel, aminKernel, argmaxKernel, argminKernel, sumKernel } from './reduce.js';

/** Every primitive as a plain TypeScript loop: the readable oracle other backends are tested against. */
export const referenceKernels: KernelTable = {
  neg: unaryKernel('neg'), exp: unaryKernel('exp'), log: unaryKernel('log'), sqrt: unaryKernel('sqrt'),
  abs: unaryKernel('abs'), sign: unaryKernel('sign'), tanh: unaryKernel('tanh'), sigmoid: unaryKernel('sigmoid'),
  sin: unaryKernel('sin'), cos: unaryKernel('cos'), erf: unaryKernel('erf'), expm1: unaryKernel('expm1'),
  log1p: unaryKernel('log1p'), floor: unaryKernel('floor'), ceil: unaryKernel('ceil'), round: unaryKernel('round'),
  reciprocal: unaryKernel('reciprocal'), clamp: clampKernel,
  add: binaryKernel('add'), sub: binaryKernel('sub'), mul: binaryKernel('mul'), div: binaryKernel('div'),
  pow: binaryKernel('pow'), maximum: binaryKernel('maximum'), minimum: binaryKernel('minimum'),
  eq: compareKernel('eq'), ne: compareKernel('ne'), lt: compareKernel('lt'), le: compareKernel('le'),
  gt: compareKernel('gt'), ge: compareKernel('ge'), where: whereKernel,
  sum: sumKernel, amax: amaxKernel, amin: aminKernel, argmax: argmaxKernel, argmin: argminKernel,
  matmul: matmulKernel,
  reshape: reshapeKernel, permute: permuteKernel, expand: expandKernel, slice: sliceKernel, sliceScatter: sliceScatterKernel, concat: concatKernel,
  indexSelect: indexSelectKernel, gather: gatherKernel, scatterAdd: scatterAddKernel, cast: castKernel,
};

export const referenceBackend: Backend = { name: 'reference', kernels: referenceKernels };
