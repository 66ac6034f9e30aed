// Roles and names for markup Material's own script makes, which a page cannot carry
// in its HTML (checked by axe-core in tests/browser/test_accessibility.py).
//
// 1. Each code block's copy button sits in a <nav class="md-code__nav">: one unnamed
//    navigation landmark per code block, which a screen reader lists among the page's
//    navigation (axe: landmark-unique). A copy button is not navigation: the element
//    stays, its landmark role goes.
// 2. With navigation.indexes a section's toggle, beside the link to its index page, is
//    an icon only, and its nested <nav> is named by that toggle (aria-labelledby): both
//    nameless. The toggle gets the link's text (可运行代码), visually hidden.
(function () {
  "use strict";

  function nameMaterialMarkup() {
    document.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
    document.querySelectorAll(".md-nav__container > a + label.md-nav__link").forEach(function (toggle) {
      if (toggle.textContent.trim()) return;
      var name = document.createElement("span");
      name.className = "md-visually-hidden";
      name.textContent = toggle.previousElementSibling.textContent.trim();
      toggle.append(name);
    });
  }

  // Material's document$ emits once its components (the code blocks' buttons) are mounted.
  if (typeof document$ !== "undefined") {
    document$.subscribe(nameMaterialMarkup);
  } else {
    document.addEventListener("DOMContentLoaded", nameMaterialMarkup);
  }
})();
