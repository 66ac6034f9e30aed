// The CSL processor for the site's citations: citeproc-js (npm `citeproc`, the
// processor inside Zotero and Mendeley) run with the official style and locale
// files in citations/styles and citations/locales.
//
// A task of the build's Node process (sitekit/worker.js), called by
// citations/processor.py: input a request, output its answer; a failure throws,
// and the build stops with its message.
//
// request:  {"styles": {"<name>": {"file": "<path>", "locale": "zh-CN"}},
//            "locales": {"zh-CN": "<path>"},
//            "records": [<CSL-JSON>],
//            "entries": [{"style": "<name>", "id": "<record id>"}],
//            "citations": [{"style": "<name>", "id": "<record id>", "locator": "sec. 3.1, para. 2"}]}
// answer:   {"entries": [{"text": "…", "html": "…"}], "citations": [{"text": "…", "html": "…"}]}
//
// Each entry and each citation is made from a registry holding only its own record,
// as a reader's reference list with that one item would have it (no year-suffixes
// from the other sections, number [1]).
"use strict";

const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

// citeproc-js reports problems through CSL.debug / CSL.error and console.log
// (sitekit/worker.js sends console output to stderr).
CSL.debug = (message) => process.stderr.write(`citeproc: ${message}\n`);
CSL.error = (message) => {
  throw new Error(`citeproc: ${message}`);
};

// The style and locale files, read afresh for each request (`mkdocs serve` may run
// for hours while they are edited).
let files = new Map();
function read(file) {
  if (!files.has(file)) {
    files.set(file, fs.readFileSync(path.resolve(file), "utf8"));
  }
  return files.get(file);
}

function digest(text) {
  return crypto.createHash("sha256").update(text).digest("hex");
}

// Engines live as long as the process (a build; every rebuild of `mkdocs serve`):
// building one parses and compiles its style, the costly part (APA's takes seconds),
// so later requests reuse it while its style and locale files are unchanged.
let items = new Map();
let locales = {};
const sys = {
  retrieveItem(id) {
    if (!items.has(id)) throw new Error(`no record with id ${JSON.stringify(id)}`);
    return items.get(id);
  },
  // citeproc also asks for locales it can do without (e.g. "zh" before "zh-CN");
  // it falls back to en-US, which is always given.
  retrieveLocale(lang) {
    return locales[lang] ? read(locales[lang]) : false;
  },
};
const made = new Map();

function engines(request) {
  files = new Map();
  items = new Map(request.records.map((record) => [record.id, record]));
  locales = request.locales;
  for (const engine of made.values()) engine.updateItems([]); // forget the last request's records
  return function engine(style, format) {
    const spec = request.styles[style];
    if (!spec) throw new Error(`unknown style ${JSON.stringify(style)}`);
    const sources = [spec.file, ...Object.values(locales)].map((file) => digest(read(file)));
    const key = `${spec.file} ${spec.locale} ${sources.join(" ")}`;
    if (!made.has(key)) made.set(key, new CSL.Engine(sys, read(spec.file), spec.locale, true));
    const found = made.get(key);
    found.setOutputFormat(format);
    return found;
  };
}

// The text (what is copied) and the HTML (what is shown), each from a registry
// holding only this record.
function inBothFormats(engine, job, make) {
  const result = {};
  for (const format of ["text", "html"]) {
    const processor = engine(job.style, format);
    processor.updateItems([job.id]);
    result[format] = make(processor);
  }
  return result;
}

function entry(engine, job) {
  return inBothFormats(engine, job, (processor) => {
    const bibliography = processor.makeBibliography();
    if (!bibliography) throw new Error("the style makes no bibliography");
    const entries = bibliography[1];
    if (entries.length !== 1) throw new Error(`${entries.length} entries instead of 1`);
    return entries[0].trim();
  });
}

function citation(engine, job) {
  return inBothFormats(engine, job, (processor) => processor.makeCitationCluster([{ id: job.id, locator: job.locator }]));
}

// A failure names the style file and the record it was formatting.
function each(jobs, make, request, engine) {
  return (jobs || []).map((job) => {
    try {
      return make(engine, job);
    } catch (error) {
      const spec = request.styles[job.style];
      throw new Error(`${spec ? spec.file : job.style}, record ${job.id}: ${error.message}`);
    }
  });
}

function answer(request) {
  const engine = engines(request);
  return {
    entries: each(request.entries, entry, request, engine),
    citations: each(request.citations, citation, request, engine),
  };
}

module.exports = answer;
