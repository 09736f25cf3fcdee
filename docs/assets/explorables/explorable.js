// The parts every explorable shares: mounting on each page load, labelled controls, SVG
// elements, and the live region that states the current numbers (read aloud by screen readers,
// read by tests/test_explorables.py). An explorable is a module that calls `register`.

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

// A titled group with a row of controls, a drawing and the live status line.
function frame(root, title) {
  const id = `explorable-${++ids}`;
  const controls = html("div", { class: "explorable__controls" });
  const drawing = svg("svg", { class: "explorable__drawing", role: "img", "aria-labelledby": `${id}-title` });
  const status = html("p", { class: "explorable__status", "aria-live": "polite" });
  root.replaceChildren(html("p", { class: "explorable__title", id: `${id}-title` }, title), controls, drawing, status);
  make(root, { role: "group", "aria-labelledby": `${id}-title` }, []);
  return { controls, drawing, status, say: (parts) => { status.textContent = parts.join("; ") + "."; } };
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
  const element = html("button", { type: "button", class: "md-button" }, label);
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

// Numbers as the status states them: fixed decimals, and no "-0".
export const fixed = (x, digits = 4) => (x === 0 ? 0 : x).toFixed(digits);
export const list = (xs, digits = 4) => xs.map((x) => fixed(x, digits)).join(", ");
