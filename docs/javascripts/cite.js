// 引用此段 / Cite this paragraph. The pages work without this file: every citation is in
// the static HTML (citations/) and every paragraph number is a plain link. A click on
// a paragraph number still goes to its link (#sec-3-1-p2) and also opens a panel under
// the paragraph: its in-text citations, made by citeproc-js at build time (data-cite-apa,
// data-cite-gbt, data-cite-where on the number), the entries of its record
// (data-cite-record: the section's, or the article's in the front matter) from that
// record's citation block, and its link. It speaks the page's language (<html lang>); on
// a translation's pages (data-cite-place on the number) the record is cited as the
// original and as this translation, APA 7 first, as the blocks do. cite-date.js puts the
// reader's date in them.
(function () {
  "use strict";

  var COPIED = "data-clipboard-text";
  var WORDS = {
    zh: {
      copy: "复制", close: "关闭", title: "引用此段",
      number: "：本段链接，点击引用此段",
      see: ["（见本节的“引用本节”）", "GB/T 7714-2015、BibTeX 和下载：见标题下的“引用本文”。",
        "GB/T 7714-2015、BibTeX 和下载：见本节标题下的“引用本节”。"],
      // [what: an in-text form, a style's entry (of a work) or a link; its label; the work]
      rows: [["in-apa", "文内引用 · APA 7"], ["in-gbt", "文内标注 · GB/T 7714-2025 顺序编码制（在正文中排为上标）"],
        ["gbt-2025", "参考文献表条目 · GB/T 7714-2025（序号 [1] 按您的文献表编排）"], ["apa", "参考文献表条目 · APA 7"],
        ["link", "本段链接"]],
    },
    en: {
      copy: "Copy", close: "Close", title: "Cite this paragraph",
      number: ": link to this paragraph; click to cite it",
      see: ["(see “Cite this section”)", "GB/T 7714-2015, BibTeX and downloads: see “Cite this article” under the title.",
        "GB/T 7714-2015, BibTeX and downloads: see “Cite this section” under the section's heading."],
      rows: [["in-apa", "In-text citation · APA 7 (the original and this translation)"],
        ["in-gbt", "In-text citation · GB/T 7714-2025, numeric (set as a superscript in the text)"],
        ["apa", "Reference entry · APA 7 · the original, in Chinese", "original"],
        ["apa", "Reference entry · APA 7 · this English translation", "translation"],
        ["gbt-2025", "Reference entry · GB/T 7714-2025 (number [1] as in your list) · the original", "original"],
        ["link", "Link to this paragraph"], ["original", "Link to this paragraph in the original"]],
    },
  };
  var words = WORDS[document.documentElement.lang] || WORDS.zh;

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
    var button = element("button", { class: "md-clipboard cite-copy", type: "button", title: words.copy, "aria-label": words.copy });
    button.setAttribute(COPIED, text);
    return button;
  }

  function line(shown, copied, lang) {
    var entry = element("div", { class: "csl-entry" }, shown);
    if (lang) entry.lang = lang;
    return element("div", { class: "cite-entry" }, [entry, copyButton(copied)]);
  }

  function entryOf(record, style, work) {
    var entry = document.querySelector('[data-cite-record="' + record + '"] .cite-entry[data-cite-style="' + style + '"]'
      + (work ? '[data-cite-work="' + work + '"]' : ""));
    return entry ? entry.cloneNode(true) : element("p", {}, [words.see[0]]);
  }

  function permalink(id) {
    var canonical = document.querySelector('link[rel="canonical"]');
    return (canonical ? canonical.href : location.href.split("#")[0]) + "#" + id;
  }

  function linkLine(url) {
    return line([element("a", { href: url }, [url])], url);
  }

  function panelFor(number) {
    var block = number.parentElement;
    var record = number.getAttribute("data-cite-record");
    var where = number.getAttribute("data-cite-where");
    var place = number.getAttribute("data-cite-place") || where;
    var gbt = number.getAttribute("data-cite-gbt") + where;
    var apa = number.getAttribute("data-cite-apa");
    var original = block.querySelector("a.para-orig");
    var close = element("button", { class: "cite-para__close", type: "button", title: words.close, "aria-label": words.close }, ["×"]);
    var list = element("dl");
    words.rows.forEach(function (row) {
      var what = row[0];
      var shown = what === "in-apa" ? line([apa], apa)
        : what === "in-gbt" ? line([gbt], gbt, words === WORDS.zh ? "" : "zh")
          : what === "link" ? linkLine(permalink(block.id))
            : what === "original" ? original && linkLine(original.href)
              : entryOf(record, what, row[2]);
      if (shown) list.append(element("dt", {}, [row[1]]), element("dd", {}, [shown]));
    });
    var panel = element("div", {
      class: "cite-para", role: "region", "aria-label": words.title, tabindex: "-1", "data-for": block.id,
      "data-search-exclude": "",
    }, [
      element("p", { class: "cite-para__title" }, [element("span", {}, [element("strong", {}, [words.title]), " · " + place]), close]),
      list,
      element("p", { class: "cite-para__more" }, [words.see[record.indexOf("-sec-") === -1 ? 1 : 2]]),
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
      number.title = (number.getAttribute("data-cite-place") || number.getAttribute("data-cite-where")) + words.number;
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
