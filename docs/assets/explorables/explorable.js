// The parts every explorable shares: mounting on each page load, labelled controls, SVG
// elements, axes, a short visible summary, and the live region that states the full numbers
// (read aloud by screen readers, out of sight). An explorable is a module that calls `register`.

const SVG_NS = "http://www.w3.org/2000/svg";
let ids = 0;

// Mount `build(frame)` into every `<div class="explorable" data-explorable="name">` on the page.
// Material's document$ emits on the first load and after each instant navigation, which replaces
// the page's content; data-ready keeps an explorable from being built twice.
export function register(name, title, build) {
  const mount = () => {
    for (const root of document.querySelectorAll(`.explorable[data-explorable="${name}"]:not([data-ready])`)) {
      build(frame(root, title));
      root.dataset.ready = "";
    }
  };
  if (window.document$) window.document$.subscribe(mount);
  else mount();
}

function make(element, attrs, children) {
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value);
  element.append(...children);
  return element;
}

export const html = (tag, attrs = {}, ...children) => make(document.createElement(tag), attrs, children);
export const svg = (tag, attrs = {}, ...children) => make(document.createElementNS(SVG_NS, tag), attrs, children);

// A titled group with a row of controls, a drawing, a one-line summary for the eye and the
// live region with every number for the ear. The summary repeats part of the live region, so
// screen readers skip it.
function frame(root, title) {
  const id = `explorable-${++ids}`;
  const controls = html("div", { class: "explorable__controls" });
  const drawing = svg("svg", { class: "explorable__drawing", role: "img", "aria-labelledby": `${id}-title`, "aria-describedby": `${id}-status` });
  const summary = html("p", { class: "explorable__summary", "aria-hidden": "true" });
  const status = html("p", { class: "explorable__status", id: `${id}-status`, "aria-live": "polite" });
  root.replaceChildren(html("p", { class: "explorable__title", id: `${id}-title` }, title), controls, drawing, summary, status);
  make(root, { role: "group", "aria-labelledby": `${id}-title` }, []);
  return {
    controls, drawing,
    say: (parts, short) => { status.textContent = parts.join("; ") + "."; summary.textContent = short; },
  };
}

// A linear scale from the interval [d0, d1] onto [r0, r1].
export const scale = (d0, d1, r0, r1) => (v) => r0 + ((v - d0) * (r1 - r0)) / (d1 - d0);

// An axis with ticks and their labels: along x at height `at` (labels below), or along y at
// x = `at` (labels to the left). `ticks` are [value, label] pairs; `to` maps a value to a position.
export function axis(direction, at, to, ticks) {
  const horizontal = direction === "x", positions = ticks.map(([v]) => to(v));
  const [from, end] = [Math.min(...positions), Math.max(...positions)];
  return [
    svg("line", horizontal ? { class: "explorable__axis", x1: from, x2: end, y1: at, y2: at } : { class: "explorable__axis", x1: at, x2: at, y1: from, y2: end }),
    ...ticks.flatMap(([v, label]) => horizontal
      ? [svg("line", { class: "explorable__axis", x1: to(v), x2: to(v), y1: at, y2: at + 5 }), svg("text", { class: "explorable__tick", x: to(v), y: at + 19, "text-anchor": "middle" }, label)]
      : [svg("line", { class: "explorable__axis", x1: at - 5, x2: at, y1: to(v), y2: to(v) }), svg("text", { class: "explorable__tick", x: at - 8, y: to(v) + 5, "text-anchor": "end" }, label)]),
  ];
}

// A labelled range input; `onchange(value)` runs on every move (arrow keys included).
export function slider(parent, { label, min, max, step, value, digits = 2, format = (v) => v.toFixed(digits), onchange }) {
  const id = `explorable-input-${++ids}`;
  const input = html("input", { type: "range", id, min, max, step, value });
  const shown = html("output", { for: id });
  const update = () => {
    shown.textContent = format(+input.value);
    input.setAttribute("aria-valuetext", shown.textContent);
  };
  input.addEventListener("input", () => { update(); onchange(+input.value); });
  update();
  parent.append(html("span", { class: "explorable__slider" }, html("label", { for: id }, label), input, shown));
  return input;
}

export function button(parent, label, onclick) {
  const element = html("button", { type: "button", class: "explorable__button" }, label);
  element.addEventListener("click", onclick);
  parent.append(element);
  return element;
}

export function checkbox(parent, label, onchange) {
  const input = html("input", { type: "checkbox" });
  input.addEventListener("change", () => onchange(input.checked));
  parent.append(html("label", { class: "explorable__checkbox" }, input, label));
  return input;
}

// Numbers as the status states them: fixed decimals, and no "-0"; `signed` with a true minus sign.
export const fixed = (x, digits = 4) => (x === 0 ? 0 : x).toFixed(digits);
export const signed = (x, digits = 2) => fixed(+fixed(x, digits), digits).replace("-", "−");
export const list = (xs, digits = 4) => xs.map((x) => fixed(x, digits)).join(", ");
