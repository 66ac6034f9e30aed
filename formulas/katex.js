// Typesets TeX with the project's pinned KaTeX (node_modules/katex): a task of the
// build's Node process (sitekit/worker.js), called by formulas/typeset.py.
// Input: an array of {tex, display}; output: an array of {html} or {error}, in order.
"use strict";

const katex = require("katex");

function render({ tex, display }) {
  try {
    // htmlAndMathml: the HTML is what readers see, the MathML is what screen
    // readers read, and its <annotation encoding="application/x-tex"> keeps the TeX.
    return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml" }) };
  } catch (error) {
    return { error: String(error.message || error) };
  }
}

module.exports = (formulas) => formulas.map(render);
