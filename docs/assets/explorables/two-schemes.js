// One unit's output a, through dropout with drop probability p, in both schemes: the training
// distribution (two values), its mean and variance, and the evaluation output.
import { button, fixed, html, register, slider, svg } from "./explorable.js";

const SAMPLES = 1000;

register("two-schemes", "Training and evaluation outputs of one unit, in both schemes", ({ controls, drawing, say }) => {
  let p = 0.6, a = 1, sample = null;

  const schemes = () => {
    const q = 1 - p;
    return [
      { name: "inverted", label: "Inverted (PyTorch)", kept: a / q, evaluation: a },
      { name: "original", label: "Original (Srivastava et al. 2014)", kept: a, evaluation: a * q },
    ].map((s) => ({ ...s, mean: q * s.kept, variance: q * p * s.kept ** 2 }));
  };
  const change = (set) => (v) => { set(v); sample = null; show(); };

  slider(controls, { label: "Drop probability p", min: 0, max: 0.9, step: 0.05, value: p, onchange: change((v) => { p = v; }) });
  slider(controls, { label: "Unit output a", min: 0.5, max: 2, step: 0.25, value: a, onchange: change((v) => { a = v; }) });
  button(controls, `Sample ${SAMPLES} training outputs`, () => {
    let zeros = 0;
    for (let n = 0; n < SAMPLES; n++) zeros += Math.random() < p;
    // Both schemes drop the same units; they differ only in the value of a kept one.
    sample = { zeros, means: schemes().map((s) => (s.kept * (SAMPLES - zeros)) / SAMPLES) };
    show();
  });
  drawing.setAttribute("viewBox", "0 0 400 250");
  drawing.after(html("p", { class: "explorable__legend" },
    "Filled bars: training outputs, height = probability; outlined bars: the evaluation output; line below the axis: the training mean."));

  function show() {
    const all = schemes(), top = a / (1 - p);
    const px = (v) => 20 + (340 * v) / top;
    drawing.replaceChildren(...all.flatMap((s, k) => {
      const base = 100 + 125 * k;
      const bar = (v, probability, cls, dx) =>
        svg("rect", { class: cls, x: px(v) + dx, y: base - 75 * probability, width: 14, height: 75 * probability });
      return [
        svg("text", { x: 20, y: base - 82 }, s.label),
        svg("line", { class: "explorable__axis", x1: 10, x2: 390, y1: base, y2: base }),
        bar(0, p, "explorable__output", -7),
        bar(s.kept, 1 - p, "explorable__output", -16),
        bar(s.evaluation, 1, "explorable__input", 2),
        svg("line", { class: "explorable__mean", x1: px(s.mean), x2: px(s.mean), y1: base + 2, y2: base + 18 }),
        svg("text", { x: px(0), y: base + 16, "text-anchor": "middle" }, "0"),
        svg("text", { x: px(top), y: base + 16, "text-anchor": "middle" }, fixed(top, 2)),
      ];
    }));
    const parts = [`p = ${fixed(p, 2)}`, `a = ${fixed(a, 2)}`];
    for (const s of all) {
      parts.push(`${s.name} scheme: training 0 with probability ${fixed(p)} or ${fixed(s.kept)} with probability ${fixed(1 - p)}, mean ${fixed(s.mean)}, variance ${fixed(s.variance)}`,
        `${s.name} evaluation ${fixed(s.evaluation)}`);
    }
    if (sample) {
      parts.push(`${SAMPLES} sampled training outputs: fraction of zeros ${fixed(sample.zeros / SAMPLES)}, ` +
        all.map((s, k) => `${s.name} mean ${fixed(sample.means[k])}`).join(", "));
    }
    say(parts);
  }
  show();
});
