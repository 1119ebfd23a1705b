// Progressive enhancement of the PDF panel: while an edition is queued or being prepared, poll the
// status endpoint and turn the entry into a download link when the worker is done. Without this
// script the page offers a refresh link and works the same.
(function () {
  "use strict";
  var form = document.querySelector(".pdf-form");
  var panel = document.querySelector(".pdf-editions");
  if (!form || !panel || !window.fetch) { return; }
  var url = form.dataset.statusUrl;
  var downloadLabel = panel.dataset.downloadLabel;
  // 1.5 s at first, then a little longer each time up to 6 s: a long queue is not polled harder.
  var delay = 1500;

  function later() {
    setTimeout(poll, delay);
    delay = Math.min(delay * 1.5, 6000);
  }

  function show(rows) {
    var pending = false;
    rows.forEach(function (row) {
      var item = panel.querySelector('[data-edition="' + row.edition + '"][data-answers="' + (row.answers ? "1" : "0") + '"]');
      if (!item) { return; }
      var status = item.querySelector(".edition-status");
      if (row.url && status) {
        var link = document.createElement("a");
        link.className = "pdf-download";
        link.href = row.url;
        link.textContent = downloadLabel;
        status.replaceWith(link);
      } else if (status) {
        status.textContent = row.status_label;
      }
      pending = pending || row.pending;
    });
    if (pending) { later(); }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { editions: [] }; })
      .then(function (data) { show(data.editions); })
      .catch(function () { /* the refresh link still works */ });
  }

  if (panel.querySelector(".pdf-refresh")) { later(); }
}());
