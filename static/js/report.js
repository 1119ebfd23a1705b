// Progressive enhancement of the PDF download: while the first render runs (a few seconds),
// the button shows it is busy. Without this script the form is a plain GET and works the same.
(function () {
  "use strict";
  var form = document.querySelector(".pdf-form");
  if (!form || !window.fetch || !window.URL || !URL.createObjectURL) { return; }
  var button = form.querySelector(".pdf-button");
  var status = form.querySelector(".pdf-status");
  var idleLabel = button.textContent;

  function filenameFrom(disposition) {
    var utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition || "");
    if (utf8) { return decodeURIComponent(utf8[1]); }
    var plain = /filename="([^"]+)"/i.exec(disposition || "");
    return plain ? plain[1] : "report.pdf";
  }

  function setBusy(busy) {
    button.disabled = busy;
    button.setAttribute("aria-busy", busy ? "true" : "false");
    button.textContent = busy ? form.dataset.busyLabel : idleLabel;
    status.textContent = busy ? form.dataset.busyLabel : "";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = form.action + "?" + new URLSearchParams(new FormData(form)).toString();
    setBusy(true);
    fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      var name = filenameFrom(response.headers.get("Content-Disposition"));
      return response.blob().then(function (blob) {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = name;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
        setBusy(false);
      });
    }).catch(function () {
      setBusy(false);
      status.textContent = form.dataset.errorLabel;
    });
  });
}());
