// Material's script downloads the search index (search/search_index.json: the whole
// site's text, 40 KB gzipped, a quarter of a page view's bytes) on every page view,
// although few readers search. This script, loaded before Material's, holds that one
// request back until the reader opens the search: focus in the search field (a click,
// a tap on the icon, the F, S and / keys, a ?q= link) or the search toggle changing.
// Material does the same for pages opened from disk (file://). The query a reader
// types meanwhile runs as soon as the index is in. tests/browser/test_interactions.py
// checks that a page view makes no index request and that search then works.
(function () {
  "use strict";

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var wanted = false;

  // Material's request() (src/.../browser/request) uses XMLHttpRequest.
  XMLHttpRequest.prototype.open = function (method, url) {
    this.isSearchIndex = /\/search\/search_index\.json$/.test(new URL(url, location.href).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.isSearchIndex || wanted) return send.apply(this, arguments);
    var request = this, args = arguments;
    held.push(function () { send.apply(request, args); });
  };

  function load() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (release) { release(); });
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) load();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search") load();
  });
})();
