// A dropout layer of eight units: move p and the mask is redrawn; kept units are scaled by
// 1/(1 - p); the running mean over masks approaches the input; evaluation mode is the identity.
import { button, checkbox, fixed, html, list, register, slider, svg } from "./explorable.js";

const INPUT = [1, 0.5, -0.8, 2, 1.5, -1.2, 0.3, 0.9]; // the layer's input, one value per unit

register("mask-layer", "A dropout layer of eight units", ({ controls, drawing, status, say }) => {
  let p = 0.5, evaluating = false, mask, output, sum, count;

  const draw = (times) => {
    for (let n = 0; n < times; n++) {
      mask = INPUT.map(() => Math.random() >= p); // kept with probability 1 - p
      output = INPUT.map((x, i) => (mask[i] ? x / (1 - p) : 0)); // inverted dropout
      sum = sum.map((s, i) => s + output[i]);
      count += 1;
    }
    show();
  };
  const restart = () => { sum = INPUT.map(() => 0); count = 0; draw(1); };

  slider(controls, { label: "Drop probability p", min: 0, max: 0.9, step: 0.05, value: p, onchange: (v) => { p = v; restart(); } });
  const buttons = [button(controls, "Redraw the mask", () => draw(1)), button(controls, "Draw 100 masks", () => draw(100))];
  checkbox(controls, "Evaluation mode", (on) => {
    evaluating = on;
    for (const b of buttons) b.disabled = on;
    show();
  });
  drawing.setAttribute("viewBox", "0 0 400 230");
  drawing.after(html("p", { class: "explorable__legend" },
    "Circles: units, hollow when dropped. Outlined bars: the input; filled bars: the output; line: the mean output over the masks drawn."));

  function show() {
    const shown = evaluating ? INPUT : output; // evaluation mode: the identity
    const mean = sum.map((s) => s / count);
    // From the largest output at the top (y = 45) to the smallest at the bottom (y = 220).
    const stretch = evaluating ? 1 : 1 - p, hi = Math.max(...INPUT) / stretch, lo = Math.min(...INPUT) / stretch;
    const y = (v) => 45 + (175 * (hi - v)) / (hi - lo);
    const zero = y(0);
    const bar = (x, v, cls) => svg("rect", { class: cls, x, y: Math.min(y(v), zero), width: 15, height: Math.abs(y(v) - zero) });
    drawing.replaceChildren(
      svg("line", { class: "explorable__axis", x1: 0, x2: 400, y1: zero, y2: zero }),
      ...INPUT.flatMap((x, i) => {
        const cx = 25 + 50 * i, kept = evaluating || mask[i];
        return [
          svg("circle", { class: kept ? "explorable__on" : "explorable__off", cx, cy: 22, r: 11 }),
          bar(cx - 17, x, "explorable__input"),
          bar(cx + 2, shown[i], "explorable__output"),
          ...(evaluating ? [] : [svg("line", { class: "explorable__mean", x1: cx - 21, x2: cx + 21, y1: y(mean[i]), y2: y(mean[i]) })]),
        ];
      }),
    );
    const head = [`p = ${fixed(p, 2)}`, `inputs ${list(INPUT)}`];
    if (evaluating) {
      say(["Evaluation mode", ...head, "the layer is the identity", `outputs ${list(shown)}`]);
    } else {
      say(["Training mode", ...head,
        `${mask.filter(Boolean).length} of ${INPUT.length} units kept, each scaled by 1/(1 − p) = ${fixed(1 / (1 - p))}`,
        `outputs ${list(shown)}`, `mean over ${count} mask${count === 1 ? "" : "s"} ${list(mean)}`]);
    }
  }
  restart();
});
