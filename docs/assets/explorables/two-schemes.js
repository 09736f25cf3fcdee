// One unit's output a, through dropout with drop probability p, in both schemes: the training
// distribution (two values), its mean and variance, the evaluation output, and a histogram of
// sampled training outputs that fills as samples accumulate.
import { axis, button, fixed, html, register, scale, slider, svg } from "./explorable.js";

const SAMPLES = 1000; // drawn per press; they accumulate until p or a changes
// One horizontal scale for every p and a: it holds the kept value a/(1 - p) up to 8 (a = 2 and
// p = 0.75); a larger one sits at the right edge with an arrowhead and its value.
const MOST = 8;
const px = scale(0, MOST, 52, 380);
const height = scale(0, 1, 0, 85);

register("two-schemes", "Training and evaluation outputs of one unit, in both schemes", ({ controls, drawing, say }) => {
  let p = 0.6, a = 1, drawn = 0, zeros = 0;

  const schemes = () => {
    const q = 1 - p;
    return [
      { name: "inverted", label: "Inverted (PyTorch)", kept: a / q, evaluation: a },
      { name: "original", label: "Original (Srivastava et al. 2014)", kept: a, evaluation: a * q },
    ].map((s) => ({ ...s, mean: q * s.kept, variance: q * p * s.kept ** 2 }));
  };
  const change = (set) => (v) => { set(v); drawn = 0; zeros = 0; show(); };

  slider(controls, { label: "Drop probability p", min: 0, max: 0.9, step: 0.05, value: p, onchange: change((v) => { p = v; }) });
  slider(controls, { label: "Unit output a", min: 0.5, max: 2, step: 0.25, value: a, onchange: change((v) => { a = v; }) });
  button(controls, `Sample ${SAMPLES} training outputs`, () => {
    // Both schemes drop the same units; they differ only in the value of a kept one.
    for (let n = 0; n < SAMPLES; n++) zeros += Math.random() < p;
    drawn += SAMPLES;
    show();
  });
  drawing.setAttribute("viewBox", "0 0 400 300");
  drawing.after(html("p", { class: "explorable__legend" },
    "Dashed bars: the probability of each training output; filled bars: the share of samples so far; solid line: the evaluation output; orange triangle: the training mean."));

  function show() {
    const all = schemes();
    const at = (v) => px(Math.min(v, MOST + 0.3));
    drawing.replaceChildren(...all.flatMap((s, k) => {
      const base = 118 + 150 * k;
      const bar = (v, share, cls, width) =>
        svg("rect", { class: cls, x: at(v) - width / 2, y: base - height(share), width, height: height(share) });
      const training = [[0, p, zeros], [s.kept, 1 - p, drawn - zeros]];
      return [
        svg("text", { x: 0, y: base - 96 }, s.label),
        ...axis("x", base, px, [0, 1, 2, 3, 4, 5, 6, 7, 8].map((v) => [v, `${v}`])),
        ...axis("y", 34, (v) => base - height(v), [[0, "0"], [0.5, "½"], [1, "1"]]),
        ...training.flatMap(([v, probability, count]) => [
          ...(drawn ? [bar(v, count / drawn, "explorable__output", 18)] : []),
          bar(v, probability, "explorable__exact", 18),
        ]),
        bar(s.evaluation, 1, "explorable__evaluation", 3),
        ...(s.kept > MOST ? [svg("text", { x: at(s.kept) - 12, y: base - height(1 - p) - 6, "text-anchor": "end" }, `${fixed(s.kept, 2)} ▸`)] : []),
        svg("path", { class: "explorable__dot", d: `M${at(s.mean)},${base - 1}l-6,9h12Z` }),
      ];
    }));
    const parts = [`p = ${fixed(p, 2)}`, `a = ${fixed(a, 2)}`];
    for (const s of all) {
      parts.push(`${s.name} scheme: training 0 with probability ${fixed(p)} or ${fixed(s.kept)} with probability ${fixed(1 - p)}, mean ${fixed(s.mean)}, variance ${fixed(s.variance)}`,
        `${s.name} evaluation ${fixed(s.evaluation)}`);
    }
    if (drawn) {
      parts.push(`${drawn} sampled training outputs: fraction of zeros ${fixed(zeros / drawn)}, ` +
        all.map((s) => `${s.name} mean ${fixed((s.kept * (drawn - zeros)) / drawn)}`).join(", "));
    }
    const [inverted, original] = all;
    say(parts, `Training mean = evaluation output: ${fixed(inverted.mean, 2)} (inverted), ${fixed(original.mean, 2)} (original).` +
      (drawn ? ` ${drawn} samples, ${fixed((100 * zeros) / drawn, 0)}% zeros.` : ""));
  }
  show();
});
