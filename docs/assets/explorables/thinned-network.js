// A 4-6-6-2 network with dropout on its twelve hidden units: each mask picks one of the 2^12
// thinned networks, with probability q^kept p^dropped; over many masks each unit is kept in a
// fraction q of them.
import { axis, button, fixed, html, register, scale, slider, svg } from "./explorable.js";

const LAYERS = [4, 6, 6, 2]; // units per layer; dropout acts on the hidden layers only
const HIDDEN = LAYERS.slice(1, -1).reduce((a, b) => a + b);
const x = (layer) => 40 + 107 * layer;
const y = (unit, size) => 108 + 32 * (unit - (size - 1) / 2);
// The chart below the network: how often each hidden unit was kept, on a fixed 0-to-1 scale.
const fraction = scale(0, 1, 335, 265);
const barX = (k) => 62 + 25 * k + (k >= 6 ? 20 : 0);

register("thinned-network", "Thinning a network", ({ controls, drawing, say }) => {
  let p = 0.5, masks, kept, thinnings;

  const thin = (times) => {
    for (let n = 0; n < times; n++) {
      masks = LAYERS.map((size, l) => Array.from({ length: size }, () => l === 0 || l === LAYERS.length - 1 || Math.random() >= p));
      masks.slice(1, -1).flat().forEach((on, k) => { kept[k] += on; });
      thinnings += 1;
    }
    show();
  };
  const restart = () => { kept = new Array(HIDDEN).fill(0); thinnings = 0; thin(1); };

  slider(controls, { label: "Drop probability p", min: 0, max: 0.9, step: 0.05, value: p, onchange: (v) => { p = v; restart(); } });
  button(controls, "Thin again", () => thin(1));
  button(controls, "Thin 100 times", () => thin(100));
  drawing.setAttribute("viewBox", "0 0 400 372");
  drawing.after(html("p", { class: "explorable__legend" },
    "Hollow circles: units dropped by the last mask; faint lines: weights it leaves unused. Bars: how often each hidden unit was kept; dashed line: 1 − p."));

  function show() {
    const edges = [], units = [];
    LAYERS.forEach((size, l) => {
      for (let i = 0; i < size; i++) {
        units.push(svg("circle", { class: masks[l][i] ? "explorable__on" : "explorable__off", cx: x(l), cy: y(i, size), r: 10 }));
        if (l > 0) {
          for (let j = 0; j < LAYERS[l - 1]; j++) {
            const on = masks[l][i] && masks[l - 1][j];
            edges.push(svg("line", { class: on ? "explorable__edge" : "explorable__faded", x1: x(l - 1), y1: y(j, LAYERS[l - 1]), x2: x(l), y2: y(i, size) }));
          }
        }
      }
    });
    const labels = ["input", "hidden 1", "hidden 2", "output"].map((text, l) => svg("text", { x: x(l), y: 218, "text-anchor": "middle" }, text));
    const bars = kept.map((k, i) => {
      const top = fraction(k / thinnings);
      return svg("rect", { class: "explorable__output", x: barX(i), y: top, width: 18, height: fraction(0) - top });
    });
    drawing.replaceChildren(
      ...edges, ...units, ...labels,
      svg("text", { x: 0, y: 250 }, `Kept in ${thinnings} thinning${thinnings === 1 ? "" : "s"}:`),
      ...bars,
      ...axis("y", 52, fraction, [[0, "0"], [0.5, "½"], [1, "1"]]),
      svg("line", { class: "explorable__axis", x1: 52, x2: 392, y1: fraction(0), y2: fraction(0) }),
      svg("line", { class: "explorable__mean", x1: 52, x2: 392, y1: fraction(1 - p), y2: fraction(1 - p), "stroke-dasharray": "6 4" }),
      ...["hidden 1", "hidden 2"].map((text, l) => svg("text", { x: barX(6 * l) + 72, y: 356, "text-anchor": "middle" }, text)),
    );

    const hidden = masks.slice(1, -1);
    const on = hidden.flat().filter(Boolean).length;
    let weights = 0;
    for (let l = 1; l < LAYERS.length; l++) weights += masks[l].filter(Boolean).length * masks[l - 1].filter(Boolean).length;
    const probability = (1 - p) ** on * p ** (HIDDEN - on);
    const allWeights = LAYERS.slice(1).reduce((sum, size, l) => sum + size * LAYERS[l], 0);
    const share = kept.reduce((a, b) => a + b) / (thinnings * HIDDEN);
    say([
      `p = ${fixed(p, 2)}`,
      ...hidden.map((m, l) => `hidden layer ${l + 1} keeps ${m.some(Boolean) ? "units " : "no units"}${m.flatMap((k, i) => (k ? [i + 1] : [])).join(", ")}`),
      `${on} of ${HIDDEN} hidden units and ${weights} of ${allWeights} weights in use`,
      `one of ${2 ** HIDDEN} (2 to the power ${HIDDEN}) thinned networks, drawn with probability ${probability.toPrecision(4)}`,
      `over ${thinnings} thinning${thinnings === 1 ? "" : "s"}, a fraction ${fixed(share)} of hidden units kept`,
      `each hidden unit kept in ${kept.join(", ")} of them`,
    ], `This network uses ${on} of ${HIDDEN} hidden units and ${weights} of ${allWeights} weights. Over ${thinnings} thinning${thinnings === 1 ? "" : "s"}, ${fixed(100 * share, 0)}% of hidden units kept; 1 − p = ${fixed(1 - p, 2)}.`);
  }
  restart();
});
