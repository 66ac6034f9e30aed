// Cuts the notebook stylesheet down to the rules the notebook pages can use, with
// the project's pinned PurgeCSS (node_modules/purgecss): a task of the build's Node
// process (sitekit/worker.js), called by notebook_pages/stylesheet.py.
// Input: {css, content: [{raw, extension}]}; output: {css}.
// Custom properties, keyframes and font faces no kept rule uses go too.
"use strict";

const { PurgeCSS } = require("purgecss");

module.exports = async ({ css, content }) => {
  const [result] = await new PurgeCSS().purge({
    content, css: [{ raw: css }], variables: true, keyframes: true, fontFace: true,
  });
  return { css: result.css };
};
