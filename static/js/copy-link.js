// "Copy link" beside a one-time invitation link: the button appears only where the clipboard works.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentElement.querySelector(".copy-status");
    if (!source || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(function () {
        if (status) {
          status.textContent = button.getAttribute("data-copied");
        }
      }, function () {
        source.select();
      });
    });
  });
})();
