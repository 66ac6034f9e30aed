// The colour palette toggle (overrides/partials/palette.html): what Material's palette
// component does, without the whole-page restyle it starts every page with.
//
// On every load Material's component marks <body> data-md-color-switching (a rule in
// its stylesheet then applies to every element), sets the palette's attributes, reads
// the header's style and removes the mark: the whole document is restyled twice, and
// on the first load of a page nothing has changed (Material's inline script in the header
// set the stored palette before the rest of the page was parsed). What leaving it out gained,
// measured: bench/results/2026-12-06-readme-measurements.md; the design: overrides/README.md,
// "The palette without its restyle".
//
// Here the mark is set only when a colour actually changes: the reader switches. (On a
// first visit the header's inline script, overrides/partials/javascripts/palette.html,
// has already shown the palette the system's scheme picks, before the page was drawn.)
// The rest is Material's: the choice is stored with Material's __md_set under its key
// and scope (Material's inline script reads it on the next page), the label of the shown
// palette is the visible toggle, Enter on the toggle switches too, and the theme-color
// and color-scheme <meta> follow the header. Material also re-applies the stored choice when
// the system's scheme changes, which changes nothing once a choice is stored (it stores
// one on the first visit), so that is not repeated. The shown palette's radio is checked,
// so that Tab lands on the toggle that is visible.
(function () {
  "use strict";

  var KEYS = ["media", "scheme", "primary", "accent"];
  var form = document.querySelector("form[data-palette]");
  if (!form) throw new Error("palette.js: no form[data-palette] in the header (overrides/partials/palette.html)");
  var inputs = [].slice.call(form.querySelectorAll("input.md-option"));
  inputs.forEach(function (input) {
    // Material's automatic option follows the system on every load; not done here.
    if (input.getAttribute("data-md-color-media") === "(prefers-color-scheme)")
      throw new Error("palette.js: the automatic palette option (media: \"(prefers-color-scheme)\") is not supported: use one option per scheme in mkdocs.yml theme.palette");
  });

  var themeColor = document.createElement("meta");
  themeColor.name = "theme-color";
  var colorScheme = document.createElement("meta");
  colorScheme.name = "color-scheme";
  document.head.append(themeColor, colorScheme);

  function paletteOf(input) {
    var color = {};
    KEYS.forEach(function (key) { color[key] = input.getAttribute("data-md-color-" + key); });
    return { index: inputs.indexOf(input), color: color };
  }

  // Material's choice on load: the stored palette's index, else the first option whose
  // media query matches, else the first.
  function initial() {
    var stored = __md_get("__palette");
    var index = stored && typeof stored.index === "number"
      ? stored.index
      : inputs.findIndex(function (input) { return matchMedia(input.getAttribute("data-md-color-media")).matches; });
    return inputs[Math.max(0, Math.min(index, inputs.length - 1))];
  }

  // Read at once, as Material does: after a switch this is the restyle, done while the
  // mark still stops transitions; on a load it is the page's first styling, due anyway.
  function followHeader() {
    var style = getComputedStyle(document.querySelector("[data-md-component=header]"));
    colorScheme.content = style.colorScheme;
    themeColor.content = "#" + style.backgroundColor.match(/\d+/g).slice(0, 3)
      .map(function (value) { return (+value).toString(16).padStart(2, "0"); }).join("");
  }

  function show(input) {
    var palette = paletteOf(input);
    var body = document.body;
    var changed = KEYS.filter(function (key) { return body.getAttribute("data-md-color-" + key) !== palette.color[key]; });
    // No stylesheet reads data-md-color-media: setting it alone restyles nothing.
    var switching = changed.some(function (key) { return key !== "media"; });
    if (switching) body.setAttribute("data-md-color-switching", "");
    changed.forEach(function (key) { body.setAttribute("data-md-color-" + key, palette.color[key]); });
    inputs.forEach(function (other, index) {
      other.checked = index === palette.index;
      var label = other.nextElementSibling;
      if (label instanceof HTMLElement) label.hidden = index !== palette.index;
    });
    __md_set("__palette", palette);
    followHeader();
    if (switching) setTimeout(function () { body.removeAttribute("data-md-color-switching"); });
  }

  inputs.forEach(function (input) {
    input.addEventListener("change", function () { show(input); });
  });
  // Material's: Enter on the toggle switches to the next palette (a radio's own key is Space).
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var next = inputs[(inputs.findIndex(function (input) { return input.checked; }) + 1) % inputs.length];
    next.click();
    next.focus();
  });

  show(initial());
})();
