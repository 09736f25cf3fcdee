// Monte Carlo averaging of a linear unit y = w · (m ⊙ x) / q over T dropout masks: the running
// estimate approaches the exact mean over masks, w · x, inside a band of one standard error σ/√T.
import { button, fixed, html, list, register, slider, svg } from "./explorable.js";

const INPUT = [1, 0.5, -0.8, 2, 1.5, -1.2, 0.3, 0.9];
const WEIGHTS = [0.5, -0.3, 0.8, 0.2, -0.6, 0.4, 0.7, -0.1];
const MOST = 1024; // samples drawn; the slider picks how many of them the estimate averages

register("mc-error", "Monte Carlo averaging over dropout masks", ({ controls, drawing, say }) => {
  let p = 0.5, log2T = 6, running;

  const draw = () => {
    let sum = 0;
    running = [];
    for (let t = 1; t <= MOST; t++) {
      sum += INPUT.reduce((y, x, i) => y + (Math.random() >= p ? (WEIGHTS[i] * x) / (1 - p) : 0), 0);
      running.push(sum / t);
    }
    show();
  };
  slider(controls, { label: "Drop probability p", min: 0, max: 0.9, step: 0.05, value: p, onchange: (v) => { p = v; draw(); } });
  slider(controls, { label: "Samples", min: 0, max: 10, step: 1, value: log2T, format: (v) => `T = ${2 ** v}`, onchange: (v) => { log2T = v; show(); } });
  button(controls, "Draw new masks", draw);
  drawing.setAttribute("viewBox", "0 0 400 220");
  drawing.after(html("p", { class: "explorable__legend" },
    "Line: the estimate after T masks, T from 1 to 1024 on a log scale; band: the exact mean ± one standard error; dot: the chosen T."));

  function show() {
    const q = 1 - p, T = 2 ** log2T;
    const exact = INPUT.reduce((y, x, i) => y + WEIGHTS[i] * x, 0); // the mean over all masks
    const variance = INPUT.reduce((v, x, i) => v + ((WEIGHTS[i] * x) ** 2 * p) / q, 0);
    const error = Math.sqrt(variance / T);
    const estimate = running[T - 1];
    const spread = Math.max(2.5 * Math.sqrt(variance), 1e-9);
    const px = (t) => 20 + (360 * Math.log2(t)) / 10;
    const py = (v) => 100 - (90 * Math.max(-spread, Math.min(spread, v - exact))) / spread;
    const band = [];
    for (let t = 1; t <= MOST; t *= 2) band.push([t, Math.sqrt(variance / t)]);
    drawing.replaceChildren(
      svg("path", { class: "explorable__band", d: `M${band.map(([t, s]) => `${px(t)},${py(exact + s)}`).join("L")}L${band.reverse().map(([t, s]) => `${px(t)},${py(exact - s)}`).join("L")}Z` }),
      svg("line", { class: "explorable__axis", x1: 20, x2: 380, y1: py(exact), y2: py(exact) }),
      svg("path", { class: "explorable__trace", d: `M${running.map((v, t) => `${px(t + 1).toFixed(1)},${py(v).toFixed(1)}`).join("L")}` }),
      svg("circle", { class: "explorable__dot", cx: px(T), cy: py(estimate), r: 5 }),
      ...[[1, "start"], [32, "middle"], [1024, "end"]].map(([t, anchor]) => svg("text", { x: px(t), y: 212, "text-anchor": anchor }, `T = ${t}`)),
    );
    say([
      `p = ${fixed(p, 2)}`, `inputs ${list(INPUT)}`, `weights ${list(WEIGHTS)}`, `T = ${T} samples`, `exact mean over masks ${fixed(exact)}`,
      `Monte Carlo estimate ${fixed(estimate)}`, `error ${fixed(Math.abs(estimate - exact))}`,
      `standard error σ/√T = ${fixed(error)}`,
    ]);
  }
  draw();
});
