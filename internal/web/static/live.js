// Live updates of a running session: the server sends an event whenever the
// session changes (Server-Sent Events) and htmx fetches the new state of the
// live box. Without JavaScript, reloading the page shows the same.
(function () {
  "use strict";
  if (!window.EventSource) {
    return;
  }
  // Every box with data-live-events refreshes its part of the page
  // (data-live-target, by default the live box) on each event.
  var boxes = document.querySelectorAll("[data-live-events]");
  boxes.forEach(function (box) {
    var source = new EventSource(box.getAttribute("data-live-events"));
    source.addEventListener("update", function () {
      if (window.htmx) {
        window.htmx.ajax("GET", box.getAttribute("data-live-state"), {
          target: box.getAttribute("data-live-target") || "#live-stand",
          swap: "outerHTML"
        });
      }
    });
  });
})();
