import { requiresGrad } from '@mlpkit/autograd';
import { OKABE_ITO, topLevel } from '@mlpkit/plot';
import { type Tensor, mul, tensor } from '@mlpkit/tensor';
import { BACKEND_FLAGS, type Experiment } from './experiment.js';
import { SlideChecks } from './worked-example.js';

/** f = (x + y)·z at the slide's (−2, 5, −4), forward and backward through autograd. */
export function addMultiply(xv = -2, yv = 5, zv = -4) {
  const [x, y, z] = [xv, yv, zv].map((v) => requiresGrad(tensor(v, { dtype: 'float64' })));
  const q = x.add(y);
  const f = mul(q, z);
  f.backward();
  const g = (t: Tensor) => (t.grad as Tensor).item();
  return { q: q.item(), f: f.item(), dx: g(x), dy: g(y), dz: g(z), dq: zv };
}

/** The computational graph as a picture: inputs, the + and × nodes, forward values (above) and gradients (below, in red). */
function graphSpec(r: ReturnType<typeof addMultiply>) {
  const nodes = [
    { id: 'x', x: 0, y: 0, label: 'x', value: -2, grad: r.dx }, { id: 'y', x: 0, y: 1, label: 'y', value: 5, grad: r.dy },
    { id: 'z', x: 1, y: 2, label: 'z', value: -4, grad: r.dz }, { id: 'q', x: 1, y: 0.5, label: '+', value: r.q, grad: r.dq },
    { id: 'f', x: 2, y: 1.25, label: '×', value: r.f, grad: 1 },
  ];
  const at = (id: string) => nodes.find((n) => n.id === id) as (typeof nodes)[number];
  const edges = [['x', 'q'], ['y', 'q'], ['q', 'f'], ['z', 'f']].map(([a, b]) => ({ x: at(a).x, y: at(a).y, x2: at(b).x, y2: at(b).y }));
  const xs = { field: 'x', type: 'quantitative', axis: null, scale: { domain: [-0.3, 2.3] } };
  const ys = { field: 'y', type: 'quantitative', axis: null, scale: { domain: [2.4, -0.4] } };
  const labelled = nodes.map((n) => ({ ...n, forward: `${n.id === 'q' ? 'q = ' : n.id === 'f' ? 'f = ' : ''}${n.value}`, backward: `∂f/∂${n.id === 'f' ? 'f' : n.id} = ${n.grad}` }));
  return topLevel('f = (x + y)·z at (−2, 5, −4): forward values and gradients', {
    width: 460, height: 260, config: { view: { stroke: null }, font: 'DejaVu Sans' },
    layer: [
      { data: { values: edges }, mark: { type: 'rule', strokeWidth: 2, color: '#888888' }, encoding: { x: xs, y: ys, x2: { field: 'x2' }, y2: { field: 'y2' } } },
      { data: { values: labelled }, mark: { type: 'circle', size: 1400, color: 'white', stroke: OKABE_ITO[0], strokeWidth: 2, opacity: 1 }, encoding: { x: xs, y: ys } },
      { data: { values: labelled }, mark: { type: 'text', fontSize: 18, fontWeight: 'bold' }, encoding: { x: xs, y: ys, text: { field: 'label' } } },
      { data: { values: labelled }, mark: { type: 'text', dy: -30, fontSize: 12, color: OKABE_ITO[0] }, encoding: { x: xs, y: ys, text: { field: 'forward' } } },
      { data: { values: labelled }, mark: { type: 'text', dy: 32, fontSize: 12, color: OKABE_ITO[3] }, encoding: { x: xs, y: ys, text: { field: 'backward' } } },
    ],
  });
}

const experiment: Experiment = {
  title: 'backpropagation through f = (x + y)·z at (−2, 5, −4) (slides 4, "computational graphs")',
  flags: BACKEND_FLAGS,
  settings: () => 'exact (float64), autograd; --quick changes nothing',
  async run(ctx) {
    const r = addMultiply();
    const c = new SlideChecks('round');
    c.check('f', [r.f], ['-12']);
    c.check('∂f/∂x, ∂f/∂y, ∂f/∂z', [r.dx, r.dy, r.dz], ['-4', '-4', '3']);
    const written = await ctx.plot(graphSpec(r), 'experiment-backprop');
    return {
      comparison: c.rows,
      explanation: `Forward: q = x + y = ${r.q}, f = q·z = ${r.f}. Backward, by the chain rule from ∂f/∂f = 1: the × node sends each input the other one, `
        + `∂f/∂z = q = ${r.dz} and ∂f/∂q = z = ${r.dq}; the + node passes its gradient unchanged to both inputs, ∂f/∂x = ∂f/∂y = ${r.dx}. `
        + 'Autograd records the same graph while computing f and walks it backwards, which is all loss.backward() does in a network.',
      written,
      failed: c.differ ? 'a value differs from the slide' : undefined,
    };
  },
};
export default experiment;
