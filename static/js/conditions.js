// The closed condition vocabulary of assessment/catalogue/conditions.py, for the wizard's
// follow-ups. One file of cases (tests/conditions_cases.json) runs against both evaluators
// (tests/test_conditions_shared.py; this file under Node via tests/js/run_conditions.mjs).
(function (root) {
  "use strict";

  function answered(v) { return v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && !v.length); }

  var ops = {
    equals: function (v, o) { return v === o; },
    "in": function (v, o) { return o.indexOf(v) >= 0; },
    contains: function (v, o) { return Array.isArray(v) && v.indexOf(o) >= 0; },
    contains_any: function (v, o) { return Array.isArray(v) && o.some(function (c) { return v.indexOf(c) >= 0; }); },
    contains_all: function (v, o) { return Array.isArray(v) && o.every(function (c) { return v.indexOf(c) >= 0; }); },
    at_least: function (v, o) { return typeof v === "number" && v >= o; },
    greater_than: function (v, o) { return typeof v === "number" && v > o; },
    less_than: function (v, o) { return typeof v === "number" && v < o; }
  };

  // valueOf(qid) gives the current answer (undefined when unanswered); named resolves { ref }.
  function evaluate(c, valueOf, named) {
    var self = function (child) { return evaluate(child, valueOf, named); };
    if (c.all) { return c.all.every(self); }
    if (c.any) { return c.any.some(self); }
    if (c.not) { return !self(c.not); }
    if (c.ref) { return self(named[c.ref]); }
    var value = valueOf(c.q);
    if ("answered" in c) { return answered(value) === c.answered; }
    if (!answered(value)) { return false; }
    var op = Object.keys(c).filter(function (k) { return k !== "q"; })[0];
    return ops[op](value, c[op]);
  }

  var api = { evaluate: evaluate, answered: answered };
  if (typeof module === "object" && module.exports) { module.exports = api; } else { root.FRTConditions = api; }
}(this));
