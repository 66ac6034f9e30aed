// 引用此段. The pages work without this file: every citation is in the static HTML
// (hooks/cite.py) and every paragraph number is a plain link. A click on a paragraph
// number still goes to its link (#sec-3-1-p2) and also opens a panel under the
// paragraph: its in-text citations, made by citeproc-js at build time (data-cite-apa,
// data-cite-gbt, data-cite-where on the number), the entries of its record
// (data-cite-record: the section's, or the article's in the front matter) from that
// record's citation block, and its link. cite-date.js puts the reader's date in them.
(function () {
  "use strict";

  var COPIED = "data-clipboard-text";

  function element(tag, attributes, children) {
    var made = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      made.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      made.append(child);
    });
    return made;
  }

  function copyButton(text) {
    var button = element("button", { class: "md-clipboard cite-copy", type: "button", title: "复制", "aria-label": "复制" });
    button.setAttribute(COPIED, text);
    return button;
  }

  function line(shown, copied) {
    return element("div", { class: "cite-entry" }, [element("div", { class: "csl-entry" }, shown), copyButton(copied)]);
  }

  function entryOf(record, style) {
    var entry = document.querySelector('[data-cite-record="' + record + '"] .cite-entry[data-cite-style="' + style + '"]');
    return entry ? entry.cloneNode(true) : element("p", {}, ["（见本节的“引用本节”）"]);
  }

  function permalink(id) {
    var canonical = document.querySelector('link[rel="canonical"]');
    return (canonical ? canonical.href : location.href.split("#")[0]) + "#" + id;
  }

  function panelFor(number) {
    var block = number.parentElement;
    var record = number.getAttribute("data-cite-record");
    var where = number.getAttribute("data-cite-where");
    var gbt = number.getAttribute("data-cite-gbt");
    var url = permalink(block.id);
    var close = element("button", { class: "cite-para__close", type: "button", title: "关闭", "aria-label": "关闭" }, ["×"]);
    var rows = [
      ["文内引用 · APA 7", line([number.getAttribute("data-cite-apa")], number.getAttribute("data-cite-apa"))],
      ["文内标注 · GB/T 7714-2025 顺序编码制（在正文中排为上标）", line([gbt + where], gbt + where)],
      ["参考文献表条目 · GB/T 7714-2025（序号 [1] 按您的文献表编排）", entryOf(record, "gbt-2025")],
      ["参考文献表条目 · APA 7", entryOf(record, "apa")],
      ["本段链接", line([element("a", { href: url }, [url])], url)],
    ];
    var list = element("dl");
    rows.forEach(function (row) {
      list.append(element("dt", {}, [row[0]]), element("dd", {}, [row[1]]));
    });
    var panel = element("div", {
      class: "cite-para", role: "region", "aria-label": "引用此段", tabindex: "-1", "data-for": block.id,
      "data-search-exclude": "",
    }, [
      element("p", { class: "cite-para__title" }, [element("span", {}, [element("strong", {}, ["引用此段"]), " · " + where]), close]),
      list,
      element("p", { class: "cite-para__more" }, [record.indexOf("-sec-") === -1
        ? "GB/T 7714-2015、BibTeX 和下载：见标题下的“引用本文”。"
        : "GB/T 7714-2015、BibTeX 和下载：见本节标题下的“引用本节”。"]),
    ]);
    close.addEventListener("click", function () {
      panel.remove();
      number.focus();
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close.click();
    });
    return panel;
  }

  function place(panel, block) {
    if (block.tagName === "P") {
      block.after(panel);
    } else if (block.tagName === "DT" && block.nextElementSibling && block.nextElementSibling.tagName === "DD") {
      block.nextElementSibling.append(panel);
    } else {
      block.append(panel); // a list item, or the wrapper of a formula or code block
    }
  }

  function toggle(number) {
    var open = document.querySelector(".cite-para");
    var same = open && open.getAttribute("data-for") === number.parentElement.id;
    if (open) open.remove();
    if (same) return;
    var panel = panelFor(number);
    place(panel, number.parentElement);
    // After the link has moved to its paragraph (which takes the focus from the panel).
    setTimeout(function () { panel.focus({ preventScroll: true }); });
  }

  function labelNumbers() {
    document.querySelectorAll("a.para-num[data-cite-apa]").forEach(function (number) {
      number.title = number.getAttribute("data-cite-where") + "：本段链接，点击引用此段";
    });
  }

  document.addEventListener("click", function (event) {
    var number = event.target.closest && event.target.closest("a.para-num[data-cite-apa]");
    if (number) toggle(number); // the link itself still goes to #sec-…-pN
  });

  // Material's document$ emits on every page load, instant navigation included.
  if (typeof document$ !== "undefined") {
    document$.subscribe(labelNumbers);
  } else {
    document.addEventListener("DOMContentLoaded", labelNumbers);
  }
})();
