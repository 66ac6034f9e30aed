// The access date of the citations: the HTML cites with the build date (citations/);
// here it becomes the reader's today, in each format's own notation (2031-02-03,
// February 3, 2031), in the text shown, in what the copy buttons copy (Material's
// clipboard copies a button's data-clipboard-text) and in the files downloaded: a
// download link (data-cite-download) fetches the static file and saves it with
// the reader's date (urldate, Y2, accessed). Without this script the pages show,
// copy and serve the build date.
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  var COPIED = "data-clipboard-text";

  function iso(d) {
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function apa(d) {
    return MONTHS[d.getMonth()] + " " + d.getDate() + ", " + d.getFullYear();
  }

  function replaceIn(root, from, to) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeValue.indexOf(from) !== -1) {
        node.nodeValue = node.nodeValue.split(from).join(to);
      }
    }
    root.querySelectorAll("[" + COPIED + "]").forEach(function (button) {
      button.setAttribute(COPIED, button.getAttribute(COPIED).split(from).join(to));
    });
  }

  function showTodaysDate() {
    var today = new Date();
    document.querySelectorAll("[data-cite-date]").forEach(function (box) {
      var parts = box.getAttribute("data-cite-date").split("-").map(Number);
      var built = new Date(parts[0], parts[1] - 1, parts[2]);
      if (iso(built) === iso(today)) return;
      replaceIn(box, iso(built), iso(today));
      replaceIn(box, apa(built), apa(today));
      box.setAttribute("data-cite-date", iso(today));
    });
  }

  // -- downloads with the reader's date ----------------------------------------

  // The access date in each file format (citations/export.py writes them).
  var WITH_DATE = {
    bib: function (text, d) {
      return text.replace(/^(\s*urldate\s*=\s*\{)\d{4}-\d{2}-\d{2}\}/gm, "$1" + iso(d) + "}");
    },
    ris: function (text, d) {
      return text.replace(/^Y2 {2}- \d{4}\/\d{2}\/\d{2}\//gm, "Y2  - " + iso(d).replace(/-/g, "/") + "/");
    },
    json: function (text, d) {
      var records = JSON.parse(text);
      records.forEach(function (record) {
        record.accessed = { "date-parts": [[d.getFullYear(), d.getMonth() + 1, d.getDate()]] };
      });
      return JSON.stringify(records, null, 2) + "\n";
    },
  };

  function save(name, text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/octet-stream" }));
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
  }

  // The block's date (the reader's today once showTodaysDate ran) into the file;
  // the static file as it is if fetching it fails (e.g. a page opened from disk).
  function download(link, event) {
    var box = link.closest("[data-cite-date]");
    var name = link.pathname.split("/").pop();
    var format = WITH_DATE[name.split(".").pop()];
    if (!box || !format || !window.fetch) return;
    var parts = box.getAttribute("data-cite-date").split("-").map(Number);
    event.preventDefault();
    fetch(link.href)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (text) {
        save(name, format(text, new Date(parts[0], parts[1] - 1, parts[2])));
      })
      .catch(function () {
        location.href = link.href;
      });
  }

  document.addEventListener("click", function (event) {
    var file = event.target.closest && event.target.closest("a[data-cite-download]");
    if (file) download(file, event);
  });

  // Material's document$ emits on every page load, instant navigation included.
  if (typeof document$ !== "undefined") {
    document$.subscribe(showTodaysDate);
  } else {
    document.addEventListener("DOMContentLoaded", showTodaysDate);
  }
})();
