// Monte Carlo averaging of a linear unit y = w · (m ⊙ x) / q over T dropout masks: the running
// estimate approaches the exact mean over masks, w · x, inside a band of one standard error σ/√T.
import { axis, button, fixed, html, list, register, scale, signed, slider, svg } from "./explorable.js";

const INPUT = [1, 0.5, -0.8, 2, 1.5, -1.2, 0.3, 0.9];
const WEIGHTS = [0.5, -0.3, 0.8, 0.2, -0.6, 0.4, 0.7, -0.1];
const MOST = 1024; // samples drawn; the slider picks how many of them the estimate averages
// One vertical scale for every p, so that a larger p shows a wider band and a noisier line:
// estimates from -6 to 4 (the exact mean is -1.15; one standard error at T = 1 is 4.17 for
// p = 0.9); a point beyond is drawn at the edge.
const [LOW, HIGH] = [-6, 4];
const px = scale(0, Math.log2(MOST), 48, 372);
const py = scale(HIGH, LOW, 12, 192);
const clamp = (v) => py(Math.max(LOW, Math.min(HIGH, v)));

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
  drawing.setAttribute("viewBox", "0 0 400 236");
  drawing.after(html("p", { class: "explorable__legend" },
    "Line: the estimate after T masks, T from 1 to 1024 on a log scale; dashed line: the exact mean; band: ± one standard error; dot: the chosen T."));

  function show() {
    const q = 1 - p, T = 2 ** log2T;
    const exact = INPUT.reduce((y, x, i) => y + WEIGHTS[i] * x, 0); // the mean over all masks
    const variance = INPUT.reduce((v, x, i) => v + ((WEIGHTS[i] * x) ** 2 * p) / q, 0);
    const error = Math.sqrt(variance / T);
    const estimate = running[T - 1];
    const band = [];
    for (let t = 1; t <= MOST; t *= 2) band.push([Math.log2(t), Math.sqrt(variance / t)]);
    const ticks = [];
    for (let v = LOW; v <= HIGH; v += 2) ticks.push([v, signed(v, 0)]);
    drawing.replaceChildren(
      svg("path", { class: "explorable__band", d: `M${band.map(([l, s]) => `${px(l)},${clamp(exact + s)}`).join("L")}L${band.reverse().map(([l, s]) => `${px(l)},${clamp(exact - s)}`).join("L")}Z` }),
      svg("line", { class: "explorable__exact", x1: px(0), x2: px(10), y1: py(exact), y2: py(exact) }),
      svg("path", { class: "explorable__trace", d: `M${running.map((v, t) => `${px(Math.log2(t + 1)).toFixed(1)},${clamp(v).toFixed(1)}`).join("L")}` }),
      svg("circle", { class: "explorable__dot", cx: px(log2T), cy: clamp(estimate), r: 6 }),
      ...axis("y", 40, py, ticks),
      ...axis("x", 200, px, [0, 2, 4, 6, 8, 10].map((l) => [l, `${2 ** l}`])),
    );
    say([
      `p = ${fixed(p, 2)}`, `inputs ${list(INPUT)}`, `weights ${list(WEIGHTS)}`, `T = ${T} samples`, `exact mean over masks ${fixed(exact)}`,
      `Monte Carlo estimate ${fixed(estimate)}`, `error ${fixed(Math.abs(estimate - exact))}`,
      `standard error σ/√T = ${fixed(error)}`,
    ], `T = ${T}: estimate ${signed(estimate)}, exact mean ${signed(exact)}, standard error ${fixed(error, 2)}.`);
  }
  draw();
});
