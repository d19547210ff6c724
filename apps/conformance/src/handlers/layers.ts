import type { HandlerTable } from '../types.js';

/** Handlers for fixtures/pytorch/layers.json (ops listed here run; the rest count as not yet implemented). */
export const layersHandlers: HandlerTable = {};
