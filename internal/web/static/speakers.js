// The elapsed speaking time on the live page and the projector view: every
// element with data-since (the start of the turn, Unix milliseconds) shows
// the minutes and seconds since then, once a second. Without JavaScript the
// time stays as the server rendered it.
(function () {
  "use strict";
  function pad(n) { return n < 10 ? "0" + n : "" + n; }
  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-since]").forEach(function (el) {
      var since = parseInt(el.getAttribute("data-since"), 10);
      if (!since) { return; }
      var s = Math.max(0, Math.floor((now - since) / 1000));
      var h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
      el.textContent = (h > 0 ? h + ":" + pad(m) : m) + ":" + pad(s % 60);
    });
  }
  setInterval(tick, 1000);
})();
