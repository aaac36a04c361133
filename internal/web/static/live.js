// Live updates of a running session: the server sends an event whenever the
// session changes (Server-Sent Events). The stream is opened for the page's
// box (data-live-events names it: ?ansicht=abstimmung, beamer, redeliste,
// none for the session page's live box), and the event carries the new box
// itself ({"stand": HTML}); where it carries none (a login that has ended)
// or not the page's box, htmx fetches the new state of the box
// (data-live-state). When the server refuses the stream (too many viewers:
// 503 or 429) or the browser has no EventSource, the box is fetched every
// 30 seconds instead. Without JavaScript, reloading the page shows the same.
(function () {
  "use strict";
  // htmx's settings for every page (this script runs after htmx.min.js and
  // before htmx starts, both being deferred): no inline style for
  // indicators (the CSP allows none), and a 409 (an edit conflict) swaps
  // its answer in like a success, so the row shows the conflict; other
  // errors swap nothing. They were a <meta name="htmx-config"> in every
  // page's head, 230 bytes of each page.
  if (window.htmx) {
    window.htmx.config.includeIndicatorStyles = false;
    window.htmx.config.responseHandling = [
      {code: "204", swap: false},
      {code: "[23]..", swap: true},
      {code: "409", swap: true},
      {code: "[45]..", swap: false, error: true}
    ];
  }
  // How often a page without a stream fetches its box; a page (or a
  // browser test) may set window.gremiumLivePollMs before this script runs.
  var POLL_MS = window.gremiumLivePollMs || 30000;

  function fetchBox(box) {
    if (window.htmx) {
      window.htmx.ajax("GET", box.getAttribute("data-live-state"), {
        target: box.getAttribute("data-live-target") || "#live-stand",
        swap: "outerHTML"
      });
    }
  }

  // showBox puts a pushed box in place of the page's box (its id is the
  // data-live-target, "live-stand" without one): the children of the live
  // region are replaced, the region itself stays, so screen readers
  // announce the change (aria-live).
  function showBox(box, html) {
    var id = (box.getAttribute("data-live-target") || "#live-stand").replace(/^#/, "");
    var target = document.getElementById(id);
    if (!target) {
      return false;
    }
    var t = document.createElement("template");
    t.innerHTML = html;
    var fresh = t.content.firstElementChild;
    if (!fresh || fresh.id !== id) {
      return false;
    }
    target.innerHTML = fresh.innerHTML;
    if (window.htmx) {
      window.htmx.process(target);
    }
    return true;
  }

  function poll(box) {
    if (box.getAttribute("data-live-polling")) {
      return;
    }
    box.setAttribute("data-live-polling", "1");
    var note = document.createElement("p");
    note.className = "live-fallback";
    note.textContent = "Die Live-Verbindung ist gerade nicht verfügbar; der Stand wird alle 30 Sekunden aktualisiert.";
    box.appendChild(note);
    // A little jitter, so that refused viewers do not all come at once.
    window.setInterval(function () { fetchBox(box); }, POLL_MS + Math.floor(Math.random() * POLL_MS / 6));
  }

  var boxes = document.querySelectorAll("[data-live-events]");
  boxes.forEach(function (box) {
    if (!window.EventSource) {
      poll(box);
      return;
    }
    var source = new EventSource(box.getAttribute("data-live-events"));
    source.addEventListener("update", function (ev) {
      var data = null;
      try {
        data = JSON.parse(ev.data || "{}");
      } catch (e) {
        data = null;
      }
      if (data && typeof data.stand === "string" && data.stand && showBox(box, data.stand)) {
        return;
      }
      fetchBox(box);
    });
    source.addEventListener("error", function () {
      // CLOSED: the server refused the stream (or answered something
      // else); the browser does not try again, so the page polls.
      if (source.readyState === EventSource.CLOSED) {
        poll(box);
      }
    });
  });
})();
