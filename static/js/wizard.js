// Progressive enhancements; every page works without them.
//
// 1. Errors: focus moves to the error summary, so a screen reader reads it and a keyboard user
//    starts from it; a link in the summary puts the cursor in the field it names.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#field-']");
    var field = link && document.getElementById(link.hash.slice(1));
    var input = field && (field.querySelector("input:checked") ||
      field.querySelector("input:not([type=hidden]), textarea, select"));
    if (!input) { return; }
    event.preventDefault();
    field.scrollIntoView();
    input.focus({ preventScroll: true });
  });
}());

// 2. Follow-ups: hide a follow-up question until the answer it depends on makes it apply.
//    Without this script every follow-up is shown and the server decides; the condition
//    vocabulary is static/js/conditions.js (mirrors assessment/catalogue/conditions.py).
(function () {
  "use strict";
  var blob = document.getElementById("client-conditions");
  var form = document.getElementById("wizard-form");
  if (!blob || !form) { return; }
  var data = JSON.parse(blob.textContent);
  var ids = Object.keys(data.conditions);
  if (!ids.length) { return; }

  function currentValue(qid) {
    var inputs = form.querySelectorAll('[name="' + data.prefix + "-" + qid + '"]');
    if (!inputs.length) { return data.answers[qid]; }
    var values = [];
    inputs.forEach(function (input) {
      if (input.type === "checkbox" || input.type === "radio") {
        if (input.checked) { values.push(input.value); }
      } else if (input.value !== "") {
        values.push(input.type === "number" ? parseInt(input.value, 10) : input.value);
      }
    });
    if (inputs[0].type === "checkbox") { return values.length ? values : undefined; }
    return values.length ? values[0] : undefined;
  }

  var conditions = window.FRTConditions;  // static/js/conditions.js, loaded first
  if (!conditions) { return; }
  function evaluate(c) { return conditions.evaluate(c, currentValue, data.named); }

  function refresh() {
    ids.forEach(function (qid) {
      var wrapper = document.getElementById("field-" + qid);
      if (wrapper) { wrapper.hidden = !evaluate(data.conditions[qid]); }
    });
  }
  form.addEventListener("change", refresh);
  form.addEventListener("input", refresh);
  refresh();
}());
