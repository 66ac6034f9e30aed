// Cuts the notebook stylesheet down to the rules the notebook pages can use, with
// the project's pinned PurgeCSS (node_modules/purgecss), for hooks/notebooks.py.
// stdin: one JSON object {css, content: [{raw, extension}]}; stdout: {css} or {error}.
// Custom properties, keyframes and font faces no kept rule uses go too.
"use strict";

const { PurgeCSS } = require("purgecss");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", async () => {
  try {
    const { css, content } = JSON.parse(input);
    const [result] = await new PurgeCSS().purge({
      content, css: [{ raw: css }], variables: true, keyframes: true, fontFace: true,
    });
    process.stdout.write(JSON.stringify({ css: result.css }));
  } catch (error) {
    process.stdout.write(JSON.stringify({ error: String(error.stack || error) }));
  }
});
