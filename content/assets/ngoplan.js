/* Small local enhancements; every page works without them.
   - year-clock: today, the current month and past items marked; filters on the list
   - grant self-check: says which criteria are met and which are not */
(function () {
  "use strict";
  if (window.ngoplanLoaded) { return; }
  window.ngoplanLoaded = true;
  var SVG = "http://www.w3.org/2000/svg";

  function iso(date) {
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return date.getFullYear() + "-" + two(date.getMonth() + 1) + "-" + two(date.getDate());
  }

  // The build never reads the clock: the browser marks today, the current month and the
  // items already past (their last day before today), on the wheel and in the list.
  function wheelDate(svg) {
    var now = new Date(), today = iso(now);
    var figure = svg.closest("figure");
    var pastLabel = figure ? figure.dataset.pastLabel : "";
    var past = 0;
    svg.querySelectorAll("a.ngo-mark[data-end]").forEach(function (mark) {
      if (mark.dataset.end && mark.dataset.end < today) {
        mark.classList.add("ngo-past");
        past += 1;
      }
    });
    document.querySelectorAll("li.ngo-item[data-end]").forEach(function (li) {
      if (li.dataset.end < today && !li.querySelector(".ngo-past-flag")) {
        li.classList.add("ngo-past");
        var heading = li.querySelector("h3, h4");
        if (heading && pastLabel) {
          var flag = document.createElement("span");
          flag.className = "ngo-past-flag";
          flag.textContent = pastLabel;
          heading.appendChild(flag);
        }
      }
    });
    if (past && figure) {
      var pastLegend = figure.querySelector(".ngo-past-legend");
      if (pastLegend) { pastLegend.hidden = false; }
    }
    if (String(now.getFullYear()) !== svg.dataset.year) { return; }
    var month = String(now.getMonth() + 1);
    svg.querySelectorAll("[data-month='" + month + "']").forEach(function (el) {
      el.classList.add("ngo-now");
    });
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
    // Under the marks, so that the line never hides a number.
    var firstRing = svg.querySelector(".ngo-ring");
    svg.insertBefore(line, firstRing);
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
    document.querySelectorAll("svg[data-ngo-wheel]").forEach(wheelDate);
    document.querySelectorAll("form[data-ngo-filters]").forEach(filters);
    document.querySelectorAll("form[data-ngo-check]").forEach(grantCheck);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
