// Regions that scroll sideways when what they hold is wider than the page: Material's table
// wrappers and the label bars of its content tabs, and display formulas (extra.css). None has
// a tabindex, so a keyboard could not scroll them (axe: scrollable-region-focusable). A region
// is made focusable while its content is wider than it, after each page load (instant
// navigation included), as the page is resized and as a formula's fonts arrive. A
// ResizeObserver reports after the browser's own layout, so reading the widths here forces no
// layout of its own on a page still loading.
const REGIONS = ".md-typeset__scrollwrap, .md-typeset .tabbed-labels, .md-typeset .katex-display";
const regions = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    const region = target.closest(REGIONS);
    if (region.scrollWidth > region.clientWidth) region.tabIndex = 0;
    else region.removeAttribute("tabindex");
  }
});
document$.subscribe(() => {
  regions.disconnect();
  for (const region of document.querySelectorAll(REGIONS)) {
    regions.observe(region);
    // The content's own width may change too: a table's, a tab label's, or a formula's parts'
    // (KaTeX's inline-block .base spans) when its fonts arrive.
    for (const part of region.querySelectorAll(":scope > .md-typeset__table, :scope > label, .base")) regions.observe(part);
  }
});
