// Behaviour for the filters above a project grid (`project-grid` with `:filter:`): keywords
// (all must match), year and venue. The form is written with the page (hidden without
// JavaScript, where every project is listed and the keyword badges lead to the keyword
// pages); this script only filters the cards. The state lives in the URL
// (?kw=a&kw=b&year=2025&venue=neurips), so a filtered view can be shared.
"use strict";

(function () {
  function attach(root) {
    const form = root.querySelector("form.pf-filter");
    if (!form) return;
    const cards = [...root.querySelectorAll(".pf-card-col")];
    const details = form.querySelector("details");
    const status = form.querySelector(".pf-filter-status");

    function apply() {
      const data = new FormData(form);
      const wanted = data.getAll("kw");
      const year = data.get("year"), venue = data.get("venue");
      let shown = 0;
      for (const card of cards) {
        const ok = wanted.every((kw) => card.classList.contains("pf-kw-" + kw)) &&
          (!year || card.classList.contains("pf-year-" + year)) &&
          (!venue || card.classList.contains("pf-venue-" + venue));
        card.hidden = !ok;
        shown += ok ? 1 : 0;
      }
      for (const section of root.querySelectorAll("section")) {
        section.hidden = !section.querySelector(".pf-card-col:not([hidden])");
      }
      status.textContent = shown === cards.length
        ? `${shown} projects`
        : `${shown} of ${cards.length} projects shown`;
      const params = new URLSearchParams();
      wanted.forEach((kw) => params.append("kw", kw));
      if (year) params.set("year", year);
      if (venue) params.set("venue", venue);
      const query = params.toString();
      history.replaceState(null, "", query ? "?" + query : location.pathname + location.hash);
    }

    function choose(name, value) {
      const buttons = [...form.querySelectorAll(`input[name=${name}]`)];
      (buttons.find((b) => b.value === value) || buttons.find((b) => b.value === "")).checked = true;
    }

    const params = new URLSearchParams(location.search);
    const chosen = new Set(params.getAll("kw"));
    for (const box of form.querySelectorAll("input[name=kw]")) box.checked = chosen.has(box.value);
    if (chosen.size) details.open = true;
    choose("year", params.get("year") || "");
    choose("venue", params.get("venue") || "");
    form.addEventListener("change", apply);
    form.addEventListener("reset", () => setTimeout(apply));
    form.addEventListener("submit", (event) => event.preventDefault());
    // Nothing to do for an unfiltered view: the page already shows it.
    if (params.toString()) apply();
  }

  function init() {
    document.querySelectorAll(".pf-filterable").forEach(attach);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
