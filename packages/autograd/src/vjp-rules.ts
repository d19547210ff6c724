import type { Primitive } from '@mlpkit/tensor';
import { elementwiseRules } from './vjp-elementwise.js';
import { structuralRules } from './vjp-structural.js';
import type { VjpTable } from './vjp-rule.js';

/** One gradient rule per primitive; adding a primitive to @mlpkit/tensor fails to compile until it has one here. */
export const vjpRules: VjpTable<Primitive> = { ...elementwiseRules, ...structuralRules };
