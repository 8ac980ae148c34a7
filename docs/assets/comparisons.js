/* Comparison tables (hooks/kb/templates/comparison.html): sortable columns with tablesort
   (vendored under assets/vendor/tablesort/, as Material's "Data tables" page describes).
   Cost simulator (cost_simulator.html): the monthly cost of every plan for the calls per
   month and covered hours the reader enters, computed from the JSON the build wrote next
   to the form, with the same formula as hooks/kb/comparisons.py (monthly_cost):
   base + max(0, calls - included) * overage, or base alone when a plan has no limit. */
(function () {
  "use strict";

  var HOURS = ["weekday-daytime", "every-day-daytime", "24h"];

  function grouped(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  function monthlyCost(plan, calls) {
    if (plan.included === null || plan.overage === null) return plan.base;
    return plan.base + Math.max(0, calls - plan.included) * plan.overage;
  }

  function covers(plan, needed) {
    return !needed || plan.hours === null || HOURS.indexOf(plan.hours) >= HOURS.indexOf(needed);
  }

  /* "50" -> 50; anything but a whole number of 0 or more -> null. */
  function parseCalls(text) {
    var value = String(text).trim();
    if (!/^\d+$/.test(value)) return null;
    var calls = parseInt(value, 10);
    return calls <= Number.MAX_SAFE_INTEGER ? calls : null;
  }

  function setUpSorting(root) {
    if (typeof window.Tablesort !== "function") return;
    var tables = root.querySelectorAll(".kb-compare table[data-kb-sortable]");
    for (var i = 0; i < tables.length; i++) {
      if (tables[i].hasAttribute("data-kb-sort-ready")) continue;
      tables[i].setAttribute("data-kb-sort-ready", "");
      new window.Tablesort(tables[i]);
      var hint = tables[i].closest(".kb-compare").querySelector("[data-kb-sort-hint]");
      if (hint) hint.hidden = false;
    }
  }

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function setUpSimulator(box) {
    if (box.hasAttribute("data-kb-ready")) return;
    var source = box.querySelector("script[data-kb-simulator-data]");
    var data;
    try {
      data = JSON.parse(source.textContent);
    } catch (error) {
      return; /* no data: the form stays hidden, the table above still has the costs */
    }
    box.setAttribute("data-kb-ready", "");
    var text = data.text;
    var callsInput = box.querySelector("[data-kb-calls]");
    var hoursInput = box.querySelector("[data-kb-hours]");
    var result = box.querySelector("[data-kb-result]");
    var body = box.querySelector("[data-kb-plans]");
    var hourLabels = {};
    data.hours.forEach(function (hours) { hourLabels[hours.id] = hours.label; });

    function update() {
      var calls = parseCalls(callsInput.value);
      var needed = hoursInput ? hoursInput.value : null;
      while (body.firstChild) body.removeChild(body.firstChild);
      box.removeAttribute("data-kb-cheapest");
      if (calls === null) {
        callsInput.setAttribute("aria-invalid", "true");
        result.textContent = text.sim_invalid;
        return;
      }
      callsInput.removeAttribute("aria-invalid");
      var rows = data.plans.map(function (plan, index) {
        return { plan: plan, index: index, cost: monthlyCost(plan, calls), ok: covers(plan, needed) };
      });
      var eligible = rows.filter(function (row) { return row.ok; });
      var low = Math.min.apply(null, eligible.map(function (row) { return row.cost; }));
      /* Plans that qualify first, cheapest first; data order breaks ties. */
      rows.sort(function (a, b) {
        return (b.ok - a.ok) || (a.cost - b.cost) || (a.index - b.index);
      });
      var best = [];
      rows.forEach(function (row) {
        var tr = document.createElement("tr");
        tr.setAttribute("data-plan", row.plan.id);
        tr.setAttribute("data-cost", String(row.cost));
        tr.setAttribute("data-eligible", row.ok ? "true" : "false");
        var name = document.createElement("th");
        name.scope = "row";
        name.textContent = row.plan.name;
        tr.appendChild(name);
        if (hoursInput) cell(tr, row.ok ? text.sim_ok : text.sim_not_covered);
        var cost = cell(tr, fill(text.yen, { n: grouped(row.cost) }));
        if (row.ok && row.cost === low) {
          best.push(row.plan);
          tr.className = "kb-simulator__best";
          var badge = document.createElement("strong");
          badge.className = "kb-compare__badge";
          badge.textContent = text.best;
          cost.appendChild(document.createTextNode(" "));
          cost.appendChild(badge);
        }
        body.appendChild(tr);
      });
      var hoursLabel = needed ? hourLabels[needed] : "";
      if (!best.length) {
        result.textContent = fill(text.sim_none, { hours: hoursLabel });
        return;
      }
      box.setAttribute("data-kb-cheapest", best.map(function (plan) { return plan.id; }).join(" "));
      result.textContent = fill(best.length > 1 ? text.sim_result_tie : text.sim_result, {
        calls: grouped(calls),
        hours: hoursLabel,
        plan: best[0].name,
        cost: fill(text.yen, { n: grouped(low) })
      });
    }

    box.querySelector("[data-kb-form]").addEventListener("submit", function (event) {
      event.preventDefault(); /* Enter in the field: nothing to send anywhere */
      update();
    });
    callsInput.addEventListener("input", update);
    if (hoursInput) hoursInput.addEventListener("change", update);
    box.hidden = false;
    update();
  }

  function setUpAll() {
    setUpSorting(document);
    var boxes = document.querySelectorAll(".kb-simulator[data-simulator]");
    for (var i = 0; i < boxes.length; i++) setUpSimulator(boxes[i]);
  }

  /* Material's document$ also fires after instant navigation, should it be turned on. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
