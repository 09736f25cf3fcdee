// A dropout layer of eight units: move p and the mask is redrawn; kept units are scaled by
// 1/(1 - p); the running mean over masks approaches the input; evaluation mode is the identity.
import { axis, button, checkbox, fixed, html, list, register, scale, signed, slider, svg } from "./explorable.js";

const INPUT = [1, 0.5, -0.8, 2, 1.5, -1.2, 0.3, 0.9]; // the layer's input, one value per unit
// One vertical scale for every p and both modes, so that what moves is the output: it holds
// every output up to p = 0.7 (2/(1 - 0.7) = 6.67, -1.2/(1 - 0.7) = -4); a larger one is cut at
// the edge and marked with an arrowhead.
const [LOW, HIGH] = [-4, 8];
const y = scale(HIGH, LOW, 48, 243);
const column = (i) => 67 + 44 * i;

register("mask-layer", "A dropout layer of eight units", ({ controls, drawing, say }) => {
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
  drawing.setAttribute("viewBox", "0 0 400 252");
  drawing.after(html("p", { class: "explorable__legend" },
    "Circles: units, hollow when dropped. Outlined bars: the input; filled bars: the output; orange line: the mean output over the masks drawn."));

  // A bar from 0 to v, cut at the scale's edge with an arrowhead pointing past it.
  const bar = (x, v, cls) => {
    const end = y(Math.max(LOW, Math.min(HIGH, v))), zero = y(0);
    const cut = v > HIGH ? [svg("path", { class: cls, d: `M${x},${end}L${x + 6.5},${end - 7}L${x + 13},${end}Z` })]
      : v < LOW ? [svg("path", { class: cls, d: `M${x},${end}L${x + 6.5},${end + 7}L${x + 13},${end}Z` })] : [];
    return [svg("rect", { class: cls, x, y: Math.min(end, zero), width: 13, height: Math.abs(end - zero) }), ...cut];
  };

  function show() {
    const shown = evaluating ? INPUT : output; // evaluation mode: the identity
    const mean = sum.map((s) => s / count);
    const ticks = [];
    for (let v = LOW; v <= HIGH; v += 2) ticks.push([v, signed(v, 0)]);
    drawing.replaceChildren(
      ...ticks.map(([v]) => svg("line", { class: "explorable__grid", x1: 40, x2: 395, y1: y(v), y2: y(v) })),
      ...axis("y", 40, y, ticks),
      svg("line", { class: "explorable__axis", x1: 40, x2: 395, y1: y(0), y2: y(0) }),
      ...INPUT.flatMap((x, i) => {
        const cx = column(i), kept = evaluating || mask[i];
        return [
          svg("circle", { class: kept ? "explorable__on" : "explorable__off", cx, cy: 20, r: 11 }),
          ...bar(cx - 15, x, "explorable__input"),
          ...bar(cx + 2, shown[i], "explorable__output"),
          ...(evaluating ? [] : [svg("line", { class: "explorable__mean", x1: cx - 19, x2: cx + 19, y1: y(Math.max(LOW, Math.min(HIGH, mean[i]))), y2: y(Math.max(LOW, Math.min(HIGH, mean[i]))) })]),
        ];
      }),
    );
    const head = [`p = ${fixed(p, 2)}`, `inputs ${list(INPUT)}`];
    const kept = mask.filter(Boolean).length;
    if (evaluating) {
      say(["Evaluation mode", ...head, "the layer is the identity", `outputs ${list(shown)}`],
        "Evaluation mode: every unit passes its input through unchanged.");
    } else {
      say(["Training mode", ...head,
        `${kept} of ${INPUT.length} units kept, each scaled by 1/(1 − p) = ${fixed(1 / (1 - p))}`,
        `outputs ${list(shown)}`, `mean over ${count} mask${count === 1 ? "" : "s"} ${list(mean)}`],
        `Training: ${kept} of ${INPUT.length} units kept, each × ${fixed(1 / (1 - p), 2)}. Mean over ${count} mask${count === 1 ? "" : "s"}.`);
    }
  }
  restart();
});
