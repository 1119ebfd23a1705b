// Progressive enhancement of the filing pack: while a document is queued or being prepared, poll
// the status endpoint and turn its cell into a download link when the worker is done. Without
// this script the page offers a refresh link and works the same.
(function () {
  "use strict";
  var form = document.querySelector(".filing-pack");
  if (!form || !window.fetch) { return; }
  var url = form.dataset.statusUrl;
  var downloadLabel = form.dataset.downloadLabel;

  function pendingCells() {
    return Array.prototype.filter.call(form.querySelectorAll(".pack-file[data-render-id]"), function (cell) {
      return cell.classList.contains("status-queued") || cell.classList.contains("status-rendering");
    });
  }

  function show(renders) {
    renders.forEach(function (render) {
      var cell = form.querySelector('.pack-file[data-render-id="' + render.id + '"]');
      if (!cell) { return; }
      cell.className = "pack-file status-" + render.status;
      if (render.status === "ready") {
        var link = document.createElement("a");
        link.className = "pack-download";
        link.href = cell.dataset.url;
        link.textContent = downloadLabel;
        cell.replaceChildren(link);
      } else {
        var status = cell.querySelector(".pack-status");
        if (status) { status.textContent = render.status_label; }
      }
    });
    if (pendingCells().length) {
      setTimeout(poll, 2000);
    } else {
      var refresh = document.querySelector(".pack-refresh");
      if (refresh) { refresh.remove(); }
    }
  }

  function poll() {
    var ids = pendingCells().map(function (cell) { return cell.dataset.renderId; });
    if (!ids.length) { return; }
    fetch(url + "?ids=" + ids.join(","), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { renders: [] }; })
      .then(function (data) { show(data.renders); })
      .catch(function () { /* the refresh link still works */ });
  }

  if (pendingCells().length) { setTimeout(poll, 2000); }
}());
