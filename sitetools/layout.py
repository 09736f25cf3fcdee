"""What a reader sees laid out wrong on a page at one width: maths cut off or broken, names split,
code hidden sideways, author's traces (commit hashes, notebook prompts). One call to the page,
`layout_problems`, checks all of it after the page has its fonts."""

# Returns [[what, where], ...] for the page open in the tab. Width-dependent checks take `phone`
# (390 px: what must fit the column, wrap only between words, keep comments in view) or not
# (1280 px: no code block scrolls).
CHECKS = r"""async (phone) => {
  await document.fonts.ready;
  // What a reader opens is checked too: collapsed blocks opened, every tab's content shown.
  for (const details of document.querySelectorAll("details")) details.open = true;
  const shown = document.createElement("style");
  shown.textContent = ".tabbed-set > .tabbed-content > .tabbed-block { display: block !important }";
  document.head.append(shown);
  const found = [];
  const article = document.querySelector("article") || document.body;
  const column = article.getBoundingClientRect();
  const short = (text) => text.replace(/\s+/g, " ").trim().slice(0, 60);
  const tex = (katex) => short(katex.querySelector("annotation")?.textContent ?? katex.textContent);
  // Distinct lines among rectangles: two rectangles share a line when they overlap vertically.
  const lines = (rects) => {
    const tops = [];
    for (const r of [...rects].filter((r) => r.width > 0).sort((a, b) => a.top - b.top)) {
      if (!tops.length || r.top >= tops[tops.length - 1]) tops.push(r.bottom - 1);
    }
    return tops.length;
  };
  // Each run of non-space characters under `element`, with the number of lines it takes.
  const words = function* (element) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (const match of node.textContent.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        yield [match[0], lines(range.getClientRects())];
      }
    }
  };

  for (const display of article.querySelectorAll(".katex-display")) {
    const box = display.getBoundingClientRect();
    if (display.scrollWidth > display.clientWidth + 1 || box.right > column.right + 1)
      found.push([`display formula ${display.scrollWidth} px wide in a ${display.clientWidth} px column`, tex(display)]);
  }

  const text = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  for (const katex of article.querySelectorAll(".katex")) {
    if (katex.closest(".katex-display")) continue;
    const bases = katex.querySelectorAll(".katex-html > .base");
    if (lines([...bases].map((b) => b.getBoundingClientRect())) > 1) found.push(["inline formula broken across lines", tex(katex)]);
    if (!katex.closest(".md-typeset__scrollwrap") && katex.getBoundingClientRect().right > column.right + 1) found.push(["inline formula runs past the column", tex(katex)]);
    // The punctuation right after it: on the formula's last line, not at the start of the next.
    let last = katex;
    while (last.lastChild) last = last.lastChild;
    text.currentNode = last;
    const next = text.nextNode();
    if (bases.length && next && /^[.,;:]/.test(next.textContent)) {
      const range = document.createRange();
      range.setStart(next, 0);
      range.setEnd(next, 1);
      const mark = range.getBoundingClientRect();
      if (mark.top >= bases[bases.length - 1].getBoundingClientRect().bottom - 1)
        found.push([`"${next.textContent[0]}" starts a line after a formula`, tex(katex)]);
    }
  }

  // A name in a table cell or a word of a notebook's output is never split across lines.
  for (const code of article.querySelectorAll("td code, th code"))
    for (const [word, count] of words(code)) if (count > 1) found.push(["code in a table cell split inside a name", word]);
  if (phone)
    for (const output of article.querySelectorAll(".jp-OutputArea pre"))
      for (const [word, count] of words(output)) if (count > 1) found.push(["notebook output broken inside a word", word]);

  // A table wider than its scrolling region shows that it scrolls: a shadow at the cut edge.
  for (const region of article.querySelectorAll(".md-typeset__scrollwrap")) {
    const style = getComputedStyle(region);
    if (region.scrollWidth > region.clientWidth + 1 && !style.backgroundImage.includes("gradient"))
      found.push(["table scrolls sideways with no visible cue", short(region.querySelector("tr")?.textContent ?? "")]);
  }

  for (const code of article.querySelectorAll("pre > code, .jp-InputArea pre")) {
    const box = code.getBoundingClientRect();
    if (!phone && code.scrollWidth > code.clientWidth + 1)
      found.push([`code block scrolls: ${code.scrollWidth} px in ${code.clientWidth} px`, short(code.textContent)]);
    // On a phone a line may scroll, but a comment, which explains it, must start in view.
    if (phone)
      for (const comment of code.querySelectorAll(".c1, .c, .ch, .cm-comment"))
        if (comment.getBoundingClientRect().left > box.right - 40)
          found.push(["code comment starts out of view", short(comment.textContent)]);
  }

  // What only authors should see: a commit hash outside code, a notebook prompt.
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest("code, pre, script, style, .katex")) continue;
    // An address shown as a link's text may hold a hash of a paper, not of a commit.
    if (/^\s*https?:/.test(node.parentElement.closest("a")?.textContent ?? "")) continue;
    for (const match of node.textContent.matchAll(/\b(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b/g))
      found.push(["commit hash", match[0]]);
  }
  for (const match of article.innerText.matchAll(/\b(In|Out)\s?\[[\d ]*\]:?/g)) found.push(["notebook prompt", match[0]]);
  return found;
}"""


def layout_problems(tab):
    """One message per thing laid out wrong on the page open in `tab` (sitetools.browser.Tab),
    each naming the page, the tab's width and palette, and the element. It leaves every collapsed
    block open and every tab's content shown."""
    found = tab.page.evaluate(CHECKS, tab.viewport == "phone")
    return [f"/{tab.path} at {tab.viewport} width, {tab.palette}: {what}: {where!r}" for what, where in found]
