// The language selector (overrides/partials/alternate.html) links each page to the
// same page in the other edition; here it also keeps the reader's place on it: the
// anchor (#sec-3-1-p2) goes along, and both editions have the same anchors.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (link && location.hash) link.hash = location.hash;
  }, true);
})();
