// Progressive enhancement for the "引用本节" blocks (hooks/citations.py).
// The static HTML cites with the build date as access date; in the browser the
// access date becomes the reader's today, in each format's own notation. The copy
// buttons copy what is shown, so they copy today's date too.
(function () {
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];

  function iso(d) {
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function apa(d) {
    return MONTHS[d.getMonth()] + " " + d.getDate() + ", " + d.getFullYear();
  }

  function update() {
    var today = new Date();
    document.querySelectorAll("details.cite[data-cite-date]").forEach(function (box) {
      var parts = box.getAttribute("data-cite-date").split("-").map(Number);
      var built = new Date(parts[0], parts[1] - 1, parts[2]);
      if (iso(built) === iso(today)) return;
      var swaps = [[iso(built), iso(today)], [apa(built), apa(today)]];
      var walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        swaps.forEach(function (swap) {
          if (node.nodeValue.indexOf(swap[0]) !== -1) {
            node.nodeValue = node.nodeValue.split(swap[0]).join(swap[1]);
          }
        });
      }
      box.setAttribute("data-cite-date", iso(today));
    });
  }

  // Material's document$ emits on every page load, instant navigation included.
  if (typeof document$ !== "undefined") {
    document$.subscribe(update);
  } else {
    document.addEventListener("DOMContentLoaded", update);
  }
})();
