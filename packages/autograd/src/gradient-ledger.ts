import { type Tensor, recycleFloat32 } from '@mlpkit/tensor';

/**
 * What one backward pass knows about the memory of its gradients, so that a gradient it has
 * consumed can be recycled (`recycleFloat32`) instead of waiting for the garbage collector
 * (docs/design.md, "What fresh memory costs"). A gradient is the walker's own when it was made
 * in this pass by a sum, or by a pure VJP (see `AutogradNode.pure`) as new memory or as a view
 * of a gradient that was the walker's own; the seed and anything a user's op returned are not.
 * An own gradient is recycled once its pure VJP has run, unless its memory is still shared by a
 * gradient waiting to be consumed (add passes its gradient on, reshape returns a view) or by one
 * handed to a leaf.
 */
export class GradientLedger {
  private readonly own = new Set<Tensor>();
  private readonly leafBuffers = new Set<ArrayBufferLike>();

  /** `pending`: the walker's map of gradients not yet consumed (read, never written, here). */
  constructor(private readonly pending: ReadonlyMap<Tensor, Tensor>) {}

  /** Whether `shaped`, from a pure VJP given `g`, is the walker's: new memory, or g's when g is. */
  madeFrom(shaped: Tensor, g: Tensor): boolean {
    return shaped.data.buffer !== g.data.buffer || this.own.has(g);
  }

  /** Records a gradient now waiting for an input, and whether it is the walker's own. */
  produced(gradient: Tensor, own: boolean): void {
    if (own) this.own.add(gradient);
  }

  /** Records a gradient handed to a leaf: it may become that leaf's `.grad`. */
  toLeaf(gradient: Tensor): void {
    this.leafBuffers.add(gradient.data.buffer);
  }

  /**
   * After a pure VJP consumed `g`: recycles g's memory if nothing else can reach it. What the
   * VJP returned is either pending by now (and checked as such) or dropped.
   */
  consumed(g: Tensor): void {
    if (!this.own.has(g) || !(g.data instanceof Float32Array)) return;
    const buffer = g.data.buffer;
    // Still waiting for another input (as g itself or a view): it stays the walker's until the last.
    for (const p of this.pending.values()) if (p.data.buffer === buffer) return;
    this.own.delete(g);
    if (!this.leafBuffers.has(buffer)) recycleFloat32(g.data);
  }
}
