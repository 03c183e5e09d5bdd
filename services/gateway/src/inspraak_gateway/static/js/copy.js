/* Copy buttons for the widget snippets. The page shows each snippet in a readonly field
   that people can select and copy themselves; this script only adds a button that does it
   for them and says so in the status line (a live region). */
(function () {
  "use strict";
  var status = document.getElementById("copy-status");
  if (!status) {
    return;
  }

  function announce(text) {
    // Emptied first so the same words are announced again after a second click.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = text;
    }, 50);
  }

  function copyBySelection(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    if (!field) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var copied = function () {
        announce(status.dataset.copied);
      };
      // Without the clipboard API (a page not served over https), the selection is copied;
      // if even that fails the text stays selected and the status line says what to press.
      var bySelection = function () {
        announce(copyBySelection(field) ? status.dataset.copied : status.dataset.failed);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(copied, bySelection);
      } else {
        bySelection();
      }
    });
  });
})();
