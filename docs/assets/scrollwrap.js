// Material wraps each table in a scrolling region without a tabindex, so a keyboard cannot
// scroll a table wider than the page (axe: scrollable-region-focusable). A wrapper is made
// focusable while its table is wider than it, after each page load (instant navigation
// included) and as the page is resized. A ResizeObserver reports after the browser's own
// layout, so reading the widths here forces no layout of its own on a page still loading.
const scrollwraps = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    const wrapper = target.closest(".md-typeset__scrollwrap");
    if (wrapper.scrollWidth > wrapper.clientWidth) wrapper.tabIndex = 0;
    else wrapper.removeAttribute("tabindex");
  }
});
document$.subscribe(() => {
  scrollwraps.disconnect();
  for (const wrapper of document.querySelectorAll(".md-typeset__scrollwrap")) {
    scrollwraps.observe(wrapper);
    scrollwraps.observe(wrapper.firstElementChild); // the table's own width may change too
  }
});
