// An activation with mean c and variance v, through inverted dropout: the mean is kept, the
// variance grows to (c² + v)/q − c² in training; a BatchNorm that learned the training variance
// then shrinks the test-time variance to v / (Var_train + eps).
import { fixed, html, register, slider, svg } from "./explorable.js";

const EPS = 1e-5; // BatchNorm's default eps

register("variance-shift", "Variance shift: dropout before BatchNorm", ({ controls, drawing, say }) => {
  let p = 0.5, c = 1, v = 1;
  const set = (assign) => (value) => { assign(value); show(); };
  slider(controls, { label: "Drop probability p", min: 0, max: 0.9, step: 0.05, value: p, onchange: set((x) => { p = x; }) });
  slider(controls, { label: "Mean c", min: -2, max: 2, step: 0.25, value: c, onchange: set((x) => { c = x; }) });
  slider(controls, { label: "Variance v", min: 0.25, max: 4, step: 0.25, value: v, onchange: set((x) => { v = x; }) });
  drawing.setAttribute("viewBox", "0 0 400 232");
  drawing.after(html("p", { class: "explorable__legend" },
    "Outlined curve: the activation at test time; filled curve and spike at 0: during training (the spike's height is p). Bars: the two variances."));

  function show() {
    const q = 1 - p;
    const varTrain = (c * c + v) / q - c * c;
    const meanTrain = q * (c / q) + p * 0; // kept: x/q with probability q; dropped: 0
    const varTest = v; // evaluation mode: dropout is the identity
    const sd = Math.sqrt(v);
    const lo = Math.min(0, c - 4 * sd, c / q - 4 * sd / q), hi = Math.max(0, c + 4 * sd, c / q + 4 * sd / q);
    const px = (x) => 15 + (370 * (x - lo)) / (hi - lo);
    const peak = 1 / Math.sqrt(2 * Math.PI * v);
    const py = (density) => 150 - (120 * density) / peak;
    const curve = (weight, mean, variance) => {
      const points = [];
      for (let k = 0; k <= 200; k++) {
        const x = lo + ((hi - lo) * k) / 200;
        points.push(`${px(x).toFixed(1)},${py((weight * Math.exp(-((x - mean) ** 2) / (2 * variance))) / Math.sqrt(2 * Math.PI * variance)).toFixed(1)}`);
      }
      return `M${points.join("L")}`;
    };
    const most = Math.max(varTrain, varTest);
    const bar = (label, value, cls, top) => [
      svg("text", { x: 15, y: top + 11 }, label),
      svg("rect", { class: cls, x: 125, y: top, width: Math.max(1, (255 * value) / most), height: 12 }),
    ];
    drawing.replaceChildren(
      svg("path", { class: "explorable__output", d: `${curve(q, c / q, v / q ** 2)}L${px(hi)},150L${px(lo)},150Z` }),
      svg("line", { class: "explorable__spike", x1: px(0), x2: px(0), y1: 150, y2: 150 - 120 * p }),
      svg("path", { class: "explorable__input", d: curve(1, c, v) }),
      svg("line", { class: "explorable__axis", x1: 10, x2: 390, y1: 150, y2: 150 }),
      svg("text", { x: px(0), y: 166, "text-anchor": "middle" }, "0"),
      ...bar("Var training", varTrain, "explorable__output", 185),
      ...bar("Var test", varTest, "explorable__input", 210),
    );
    say([
      `p = ${fixed(p, 2)}`, `c = ${fixed(c, 2)}`, `v = ${fixed(v, 2)}`,
      `mean in training ${fixed(meanTrain)} and at test time ${fixed(c)}`,
      `variance in training (c² + v)/q − c² = ${fixed(varTrain)}, at test time v = ${fixed(varTest)}`,
      `a BatchNorm that learned the training variance leaves test outputs with variance v/(Var_train + eps) = ${fixed(varTest / (varTrain + EPS))} (1 without the shift)`,
    ]);
  }
  show();
});
