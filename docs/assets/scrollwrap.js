// Material wraps each table in a scrolling region without a tabindex, so a keyboard cannot
// scroll a table wider than the page (axe: scrollable-region-focusable). Make those wrappers
// focusable after each page load, instant navigation included.
document$.subscribe(() => {
  for (const wrapper of document.querySelectorAll(".md-typeset__scrollwrap")) {
    if (wrapper.scrollWidth > wrapper.clientWidth) wrapper.tabIndex = 0;
  }
});
