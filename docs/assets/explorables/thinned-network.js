// A 4-6-6-2 network with dropout on its twelve hidden units: each mask picks one of the 2^12
// thinned networks, with probability q^kept p^dropped.
import { button, fixed, html, register, slider, svg } from "./explorable.js";

const LAYERS = [4, 6, 6, 2]; // units per layer; dropout acts on the hidden layers only
const HIDDEN = LAYERS.slice(1, -1).reduce((a, b) => a + b);
const x = (layer) => 40 + 107 * layer;
const y = (unit, size) => 125 + 36 * (unit - (size - 1) / 2);

register("thinned-network", "Thinning a network", ({ controls, drawing, say }) => {
  let p = 0.5, masks, kept, thinnings;

  const thin = (times) => {
    for (let n = 0; n < times; n++) {
      masks = LAYERS.map((size, l) => Array.from({ length: size }, () => l === 0 || l === LAYERS.length - 1 || Math.random() >= p));
      kept += masks.slice(1, -1).flat().filter(Boolean).length;
      thinnings += 1;
    }
    show();
  };
  const restart = () => { kept = 0; thinnings = 0; thin(1); };

  slider(controls, { label: "Drop probability p", min: 0, max: 0.9, step: 0.05, value: p, onchange: (v) => { p = v; restart(); } });
  button(controls, "Thin again", () => thin(1));
  button(controls, "Thin 100 times", () => thin(100));
  drawing.setAttribute("viewBox", "0 0 420 255");
  drawing.after(html("p", { class: "explorable__legend" }, "Hollow circles: dropped units; faint lines: weights unused by this thinned network."));

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
    const labels = ["input", "hidden 1", "hidden 2", "output"].map((text, l) => svg("text", { x: x(l), y: 250, "text-anchor": "middle" }, text));
    drawing.replaceChildren(...edges, ...units, ...labels);

    const hidden = masks.slice(1, -1);
    const on = hidden.flat().filter(Boolean).length;
    let weights = 0;
    for (let l = 1; l < LAYERS.length; l++) weights += masks[l].filter(Boolean).length * masks[l - 1].filter(Boolean).length;
    const probability = (1 - p) ** on * p ** (HIDDEN - on);
    const allWeights = LAYERS.slice(1).reduce((sum, size, l) => sum + size * LAYERS[l], 0);
    say([
      `p = ${fixed(p, 2)}`,
      ...hidden.map((m, l) => `hidden layer ${l + 1} keeps ${m.some(Boolean) ? "units " : "no units"}${m.flatMap((k, i) => (k ? [i + 1] : [])).join(", ")}`),
      `${on} of ${HIDDEN} hidden units and ${weights} of ${allWeights} weights in use`,
      `one of ${2 ** HIDDEN} (2 to the power ${HIDDEN}) thinned networks, drawn with probability ${probability.toPrecision(4)}`,
      `over ${thinnings} thinning${thinnings === 1 ? "" : "s"}, a fraction ${fixed(kept / (thinnings * HIDDEN))} of hidden units kept`,
    ]);
  }
  restart();
});
