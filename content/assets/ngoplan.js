/* Small local enhancements; every page works without them.
   - year-clock: today's marker on the wheel, filters on the list
   - grant self-check: says which criteria are met and which are not */
(function () {
  "use strict";
  if (window.ngoplanLoaded) { return; }
  window.ngoplanLoaded = true;
  var SVG = "http://www.w3.org/2000/svg";

  function todayMarker(svg) {
    var now = new Date();
    var days = new Date(now.getFullYear(), now.getMonth() + 1, 0).getDate();
    var frac = now.getMonth() + (now.getDate() - 0.5) / days;
    var angle = frac / 12 * 2 * Math.PI;
    var c = parseFloat(svg.dataset.centre), r1 = parseFloat(svg.dataset.inner), r2 = parseFloat(svg.dataset.outer);
    var line = document.createElementNS(SVG, "line");
    line.setAttribute("x1", c + r1 * Math.sin(angle));
    line.setAttribute("y1", c - r1 * Math.cos(angle));
    line.setAttribute("x2", c + r2 * Math.sin(angle));
    line.setAttribute("y2", c - r2 * Math.cos(angle));
    line.setAttribute("class", "ngo-today");
    svg.appendChild(line);
    var figure = svg.closest("figure");
    var legend = figure && figure.querySelector(".ngo-today-legend");
    if (legend) {
      legend.hidden = false;
      legend.lastChild.textContent = fill(svg.dataset.todayLegend, {date: now.getDate() + "." + (now.getMonth() + 1) + "." + now.getFullYear()});
    }
    var desc = svg.querySelector("desc");
    if (desc && svg.dataset.todayDesc) { desc.textContent += " " + svg.dataset.todayDesc; }
  }

  // Texts come from the page (data- attributes rendered from the message catalogue), so
  // every language's build shows its own words; {name} fields are filled here.
  function fill(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  function filters(form) {
    form.hidden = false;
    var items = document.querySelectorAll(".ngo-item");
    var status = form.querySelector(".ngo-filter-status");
    function apply() {
      var kind = form.elements.kind.value, org = form.elements.organiser.value, aud = form.elements.audience.value;
      var shown = 0;
      items.forEach(function (li) {
        var ok = (!kind || li.dataset.kind === kind) &&
          (!org || li.dataset.organiser.split(" ").indexOf(org) >= 0) &&
          (!aud || li.dataset.audience.split(" ").indexOf(aud) >= 0);
        li.hidden = !ok;
        if (ok) { shown += 1; }
      });
      document.querySelectorAll(".ngo-month").forEach(function (section) {
        section.hidden = !section.querySelector(".ngo-item:not([hidden])");
      });
      status.textContent = (kind || org || aud) ? fill(form.dataset.status, {shown: shown, total: items.length}) : "";
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  }

  function grantCheck(form) {
    var result = form.querySelector(".ngo-check-result");
    var button = form.querySelector("button");
    if (button) { button.hidden = false; }
    function apply(e) {
      if (e) { e.preventDefault(); }
      var met = [], unmet = [];
      form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        var label = form.querySelector("label[for='" + box.id + "']");
        (box.checked ? met : unmet).push(label ? label.textContent.trim() : box.value);
      });
      result.textContent = "";
      var p = document.createElement("p");
      p.textContent = unmet.length === 0
        ? fill(form.dataset.allMet, {met: met.length})
        : fill(form.dataset.someMet, {met: met.length, total: met.length + unmet.length});
      result.appendChild(p);
      if (unmet.length) {
        var ul = document.createElement("ul");
        unmet.forEach(function (text) {
          var li = document.createElement("li");
          li.textContent = fill(form.dataset.unmet, {text: text});
          ul.appendChild(li);
        });
        result.appendChild(ul);
      }
      var note = form.querySelector(".ngo-check-advice");
      if (note) {
        var advice = note.cloneNode(true);
        advice.hidden = false;
        result.appendChild(advice);
      }
    }
    form.addEventListener("submit", apply);
    form.addEventListener("change", apply);
  }

  function init() {
    document.querySelectorAll("svg[data-ngo-wheel]").forEach(todayMarker);
    document.querySelectorAll("form[data-ngo-filters]").forEach(filters);
    document.querySelectorAll("form[data-ngo-check]").forEach(grantCheck);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
