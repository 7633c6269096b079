// Filters for a project grid (`project-grid` with `:filter:`): keywords (all must match),
// year and venue. Built from the cards themselves, so without JavaScript the page simply
// lists every project and the keyword badges lead to the keyword pages. The state lives in
// the URL (?kw=a&kw=b&year=2025&venue=neurips), so a filtered view can be shared.
"use strict";

(function () {
  function option(value, text) {
    const el = document.createElement("option");
    el.value = value;
    el.textContent = text;
    return el;
  }

  function facets(cards) {
    const keywords = new Map(), years = new Set(), venues = new Map();
    for (const card of cards) {
      const slugs = [...card.classList].filter((c) => c.startsWith("pf-kw-")).map((c) => c.slice(6));
      const names = [...card.querySelectorAll(".pf-keyword")].map((k) => k.textContent);
      slugs.forEach((slug, i) => keywords.set(slug, names[i] || slug));
      for (const c of card.classList) {
        if (c.startsWith("pf-year-")) years.add(c.slice(8));
        if (c.startsWith("pf-venue-")) {
          const venue = card.querySelector(".pf-venue");
          venues.set(c.slice(9), venue ? venue.textContent : c.slice(9));
        }
      }
    }
    return { keywords, years, venues };
  }

  function select(label, name, entries) {
    const wrap = document.createElement("label");
    wrap.className = "pf-filter-field";
    wrap.append(label + " ");
    const el = document.createElement("select");
    el.name = name;
    el.append(option("", "All"));
    for (const [value, text] of entries) el.append(option(value, text));
    wrap.append(el);
    return wrap;
  }

  function build(root) {
    const cards = [...root.querySelectorAll(".pf-card-col")];
    const { keywords, years, venues } = facets(cards);
    const form = document.createElement("form");
    form.className = "pf-filter";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Filter projects");

    const details = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = "Keywords";
    const fieldset = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.className = "pf-visually-hidden";
    legend.textContent = "Show projects with all of these keywords";
    fieldset.append(legend);
    const sorted = [...keywords].sort((a, b) => a[1].localeCompare(b[1]));
    for (const [slug, name] of sorted) {
      const label = document.createElement("label");
      label.className = "pf-filter-keyword";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = "kw";
      box.value = slug;
      label.append(box, " " + name);
      fieldset.append(label);
    }
    details.append(summary, fieldset);

    const yearList = [...years].sort().reverse().map((y) => [y, y]);
    const venueList = [...venues].sort((a, b) => a[1].localeCompare(b[1]));
    const reset = document.createElement("button");
    reset.type = "reset";
    reset.className = "sd-btn sd-btn-outline-primary pf-filter-reset";
    reset.textContent = "Clear filters";
    const status = document.createElement("p");
    status.className = "pf-filter-status";
    status.setAttribute("role", "status");
    form.append(details, select("Year", "year", yearList), select("Venue", "venue", venueList), reset, status);
    root.before(form);

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

    const params = new URLSearchParams(location.search);
    const chosen = new Set(params.getAll("kw"));
    for (const box of form.querySelectorAll("input[name=kw]")) box.checked = chosen.has(box.value);
    if (chosen.size) details.open = true;
    form.elements.year.value = years.has(params.get("year")) ? params.get("year") : "";
    form.elements.venue.value = venues.has(params.get("venue")) ? params.get("venue") : "";
    form.addEventListener("change", apply);
    form.addEventListener("reset", () => setTimeout(apply));
    form.addEventListener("submit", (event) => event.preventDefault());
    apply();
  }

  function init() {
    document.querySelectorAll(".pf-filterable").forEach(build);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
