// Roles and names for markup Material's own script makes, which a page cannot carry
// in its HTML (checked by axe-core in tests/browser/test_pages.py).
//
// 1. Each code block's copy button sits in a <nav class="md-code__nav">: one unnamed
//    navigation landmark per code block, which a screen reader lists among the page's
//    navigation (axe: landmark-unique). A copy button is not navigation: the element
//    stays, its landmark role goes.
// 2. With navigation.indexes a section's toggle, beside the link to its index page, is
//    an icon only, and its nested <nav> is named by that toggle (aria-labelledby): both
//    nameless. The toggle gets the link's text (可运行代码), visually hidden.
// 3. On phones the header's menu and search icons are labels of hidden checkboxes,
//    not in the tab order: the closed drawer and search are hidden from the keyboard
//    (accessibility.css), so these become tab stops, named. Material's own key
//    handler clicks a focused label on Enter; Space does the same here.
(function () {
  "use strict";

  // In the page's language (the English edition: translations/).
  var HEADER_BUTTONS = document.documentElement.lang === "en"
    ? { __drawer: "Navigation", __search: "Search" }
    : { __drawer: "导航栏", __search: "搜索" };

  function visuallyHidden(text) {
    var name = document.createElement("span");
    name.className = "visually-hidden";
    name.textContent = text;
    return name;
  }

  function nameMaterialMarkup() {
    document.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
    document.querySelectorAll(".md-nav__container > a + label.md-nav__link").forEach(function (toggle) {
      if (!toggle.textContent.trim()) toggle.append(visuallyHidden(toggle.previousElementSibling.textContent.trim()));
    });
  }

  // Labels keep their role (HTML allows none other on a label), like Material's own
  // focusable section toggles; the name is text inside them.
  function headerButtons() {
    Object.keys(HEADER_BUTTONS).forEach(function (toggle) {
      var label = document.querySelector('.md-header label.md-header__button[for="' + toggle + '"]');
      if (!label || label.hasAttribute("tabindex")) return;
      label.setAttribute("tabindex", "0");
      label.append(visuallyHidden(HEADER_BUTTONS[toggle]));
      label.addEventListener("keydown", function (event) {
        if (event.key === " ") {
          event.preventDefault();
          label.click();
        }
      });
    });
  }

  function start() {
    nameMaterialMarkup();
    headerButtons();
  }

  // Material's document$ emits once its components (the code blocks' buttons) are mounted.
  if (typeof document$ !== "undefined") {
    document$.subscribe(start);
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
