// An activation with mean c and variance v, through inverted dropout: the mean is kept, the
// variance grows to (c² + v)/q − c² in training; a BatchNorm that learned the training variance
// then shrinks the test-time variance to v / (Var_train + eps).
import { axis, fixed, html, register, scale, signed, slider, svg } from "./explorable.js";

const EPS = 1e-5; // BatchNorm's default eps
// Scales that p does not move, so that a larger p widens and flattens the training curve
// instead of redrawing it the same size: values from -8 to 8, densities up to the peak of the
// test curve (set by v alone), variances up to 16 (a longer bar is cut, with an arrowhead).
const [LEFT, RIGHT, MOST] = [-8, 8, 16];
const px = scale(LEFT, RIGHT, 22, 378);
const mass = scale(0, 1, 150, 30); // the spike at 0: a probability, not a density
const bx = scale(0, MOST, 120, 330);

register("variance-shift", "Variance shift: dropout before BatchNorm", ({ controls, drawing, say }) => {
  let p = 0.5, c = 1, v = 1;
  const set = (assign) => (value) => { assign(value); show(); };
  slider(controls, { label: "Drop probability p", min: 0, max: 0.9, step: 0.05, value: p, onchange: set((x) => { p = x; }) });
  slider(controls, { label: "Mean c", min: -2, max: 2, step: 0.25, value: c, onchange: set((x) => { c = x; }) });
  slider(controls, { label: "Variance v", min: 0.25, max: 4, step: 0.25, value: v, onchange: set((x) => { v = x; }) });
  drawing.setAttribute("viewBox", "0 32 400 250");
  drawing.after(html("p", { class: "explorable__legend" },
    "Outlined curve: the activation at test time; filled curve and spike at 0: during training (the spike's height is p). Bars: the two variances."));

  function show() {
    const q = 1 - p;
    const varTrain = (c * c + v) / q - c * c;
    const meanTrain = q * (c / q) + p * 0; // kept: x/q with probability q; dropped: 0
    const varTest = v; // evaluation mode: dropout is the identity
    // The training curve peaks at q² times the test peak: never above it.
    const py = scale(0, 1 / Math.sqrt(2 * Math.PI * v), 150, 45);
    const curve = (weight, mean, variance) => {
      const points = [];
      for (let k = 0; k <= 200; k++) {
        const x = LEFT + ((RIGHT - LEFT) * k) / 200;
        const density = (weight * Math.exp(-((x - mean) ** 2) / (2 * variance))) / Math.sqrt(2 * Math.PI * variance);
        points.push(`${px(x).toFixed(1)},${py(density).toFixed(1)}`);
      }
      return `M${points.join("L")}`;
    };
    const bar = (label, value, cls, top) => [
      svg("text", { x: 0, y: top + 13 }, label),
      svg("rect", { class: cls, x: bx(0), y: top, width: bx(Math.min(value, MOST)) - bx(0), height: 16 }),
      ...(value > MOST ? [svg("path", { class: cls, d: `M${bx(MOST)},${top - 3}l9,11l-9,11Z` })] : []),
      svg("text", { x: bx(Math.min(value, MOST)) + (value > MOST ? 14 : 5), y: top + 13 }, fixed(value, 2)),
    ];
    drawing.replaceChildren(
      svg("path", { class: "explorable__output", d: `${curve(q, c / q, v / q ** 2)}L${px(RIGHT)},150L${px(LEFT)},150Z` }),
      svg("line", { class: "explorable__spike", x1: px(0), x2: px(0), y1: 150, y2: mass(p) }),
      ...(p > 0 ? [svg("text", { x: px(0) - 7, y: mass(p) + 12, "text-anchor": "end" }, `p = ${fixed(p, 2)}`)] : []),
      svg("path", { class: "explorable__input", d: curve(1, c, v) }),
      ...axis("x", 150, px, [-8, -6, -4, -2, 0, 2, 4, 6, 8].map((x) => [x, signed(x, 0)])),
      ...bar("Var training", varTrain, "explorable__output", 190),
      ...bar("Var test", varTest, "explorable__input", 216),
      ...axis("x", 240, bx, [0, 4, 8, 12, 16].map((x) => [x, `${x}`])),
    );
    const after = varTest / (varTrain + EPS);
    say([
      `p = ${fixed(p, 2)}`, `c = ${fixed(c, 2)}`, `v = ${fixed(v, 2)}`,
      `mean in training ${fixed(meanTrain)} and at test time ${fixed(c)}`,
      `variance in training (c² + v)/q − c² = ${fixed(varTrain)}, at test time v = ${fixed(varTest)}`,
      `a BatchNorm that learned the training variance leaves test outputs with variance v/(Var_train + eps) = ${fixed(after)} (1 without the shift)`,
    ], `Same mean (${signed(c)}); variance ${fixed(varTrain, 2)} in training, ${fixed(varTest, 2)} at test. After BatchNorm, test variance ${fixed(after, 2)} instead of 1.`);
  }
  show();
});
