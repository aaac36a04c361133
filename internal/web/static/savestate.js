// The autosave of the live page: a refused save (the minutes were approved
// meanwhile, the text has an unbalanced mark …) answers with a short
// message for the save slot (respond.go: never a page for an htmx
// request). htmx leaves 4xx answers unswapped; this shows such a message
// where the save state is shown, and nothing else.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (e) {
    var x = e.detail.xhr;
    if (x && x.status >= 400 && x.status < 500 && /^<span class="save-state[^"]*"[^>]*>[^<]*<\/span>$/.test(x.responseText)) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });
})();
