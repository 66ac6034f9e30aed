// Renders TeX with the project's pinned KaTeX (node_modules/katex), for hooks/katex.py.
// One process per build: each stdin line is a JSON array of {tex, display};
// the answer is one stdout line, a JSON array of {html} or {error}, in order.
"use strict";

const katex = require("katex");
const readline = require("readline");

function render({ tex, display }) {
  try {
    // htmlAndMathml: the HTML is what readers see, the MathML is what screen
    // readers read, and its <annotation encoding="application/x-tex"> keeps the TeX.
    return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml" }) };
  } catch (error) {
    return { error: String(error.message || error) };
  }
}

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  process.stdout.write(JSON.stringify(JSON.parse(line).map(render)) + "\n");
});
