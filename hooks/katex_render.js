// Typesets TeX with KaTeX for hooks/katex.py: one JSON request per input line,
// {"tex": "...", "display": true|false}, one JSON answer per output line,
// {"html": "..."} or {"error": "..."}.
const katex = require("katex");
const readline = require("readline");

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const { tex, display } = JSON.parse(line);
  let answer;
  try {
    answer = {
      html: katex.renderToString(tex, {
        displayMode: display,
        throwOnError: true,
        strict: "error",
      }),
    };
  } catch (error) {
    answer = { error: error.message };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
