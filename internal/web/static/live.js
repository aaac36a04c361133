// Live updates of a running session: the server sends an event whenever the
// session changes (Server-Sent Events) and htmx fetches the new state of the
// live box. Without JavaScript, reloading the page shows the same.
(function () {
  "use strict";
  var box = document.querySelector("[data-live-events]");
  if (!box || !window.EventSource) {
    return;
  }
  var source = new EventSource(box.getAttribute("data-live-events"));
  source.addEventListener("update", function () {
    if (window.htmx) {
      window.htmx.ajax("GET", box.getAttribute("data-live-state"), { target: "#live-stand", swap: "outerHTML" });
    }
  });
})();
