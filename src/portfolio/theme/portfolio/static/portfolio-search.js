// Search results: a project page's summary is its TL;DR. Sphinx's search shows the text
// around the first match in the page's main element, which on a project page is the
// breadcrumb trail or the title. Wraps Search.makeSearchSummary of Sphinx's searchtools.js
// (loaded before this file); every other page keeps Sphinx's summary.
"use strict";

(function () {
  if (typeof Search === "undefined" || typeof Search.makeSearchSummary !== "function") return;
  const sphinxSummary = Search.makeSearchSummary;
  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const page = new DOMParser().parseFromString(htmlText, "text/html");
    const tldr = anchor ? null : page.querySelector(".pf-header .pf-tldr");
    if (!tldr) return sphinxSummary(htmlText, keywords, anchor);
    const label = tldr.querySelector(".pf-tldr-label");
    if (label) label.remove();
    const summary = document.createElement("p");
    summary.classList.add("context");
    summary.textContent = tldr.textContent.trim();
    return summary;
  };
})();
