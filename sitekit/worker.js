// The build's one Node.js process (sitekit/node.py starts it and speaks to it).
//
// Each stdin line is a JSON request {"task": "<path of a CommonJS module>", "input": …};
// the answer is one stdout line, {"output": …} or {"error": "…"}, in order. A task
// module exports one function, input -> output (or a Promise of it); it is required
// once and stays loaded while the process lives (a build; all rebuilds of `mkdocs
// serve`), so what it sets up (citeproc-js' compiled styles) is set up once.
"use strict";

const path = require("path");
const readline = require("readline");

// stdout carries the answers only: anything a library prints goes to stderr.
console.log = console.info = console.warn = (...args) => process.stderr.write(args.join(" ") + "\n");

const tasks = new Map();
function task(file) {
  const resolved = path.resolve(file);
  if (!tasks.has(resolved)) tasks.set(resolved, require(resolved));
  return tasks.get(resolved);
}

// One request at a time: the next line waits until this one is answered.
let queue = Promise.resolve();
readline.createInterface({ input: process.stdin, terminal: false }).on("line", (line) => {
  queue = queue.then(async () => {
    let reply;
    try {
      const request = JSON.parse(line);
      reply = { output: await task(request.task)(request.input) };
    } catch (error) {
      reply = { error: error && error.message ? error.message : String(error) };
    }
    process.stdout.write(JSON.stringify(reply) + "\n");
  });
});
