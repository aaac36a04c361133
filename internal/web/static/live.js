// Live updates of a running session: the server sends an event whenever the
// session changes (Server-Sent Events). The stream is opened for the page's
// box (data-live-events names it: ?ansicht=abstimmung, beamer, redeliste,
// none for the session page's live box), and the event carries the new box
// itself ({"stand": HTML}); where it carries none (a login that has ended)
// or not the page's box, the page fetches the new state of the box
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

  // fetchBox fetches the page's box (data-live-state) and shows it like a
  // pushed one: never swapped as a whole (that would take the focus and
  // replace the live regions, which then announce nothing).
  function fetchBox(box) {
    if (!window.fetch) {
      return;
    }
    window.fetch(box.getAttribute("data-live-state"), {credentials: "same-origin", headers: {"HX-Request": "true"}})
      .then(function (res) { return res.ok ? res.text() : ""; })
      .then(function (html) { if (html) { showBox(box, html); } })
      .catch(function () {});
  }

  // A box is made of parts, each an element with an id. A part that did not
  // change stays as it is (its focus, the choice made but not sent); a
  // live region (role=status) stays and only its content is replaced, so
  // it announces the change; a part whose children are all parts is
  // merged part by part; any other part that changed is replaced. A part's
  // data-live-key names what it is about (the vote of a ballot): a part of
  // another key is new, nothing is carried over into it. data-live-hold
  // keeps a part as it is while its key stays (a refused ballot with its
  // reason).
  function isLive(el) {
    return el.getAttribute("role") === "status" || el.hasAttribute("aria-live");
  }

  function allParts(el) {
    for (var n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 1 && !n.id) {
        return false;
      }
      if (n.nodeType === 3 && n.textContent.trim() !== "") {
        return false;
      }
    }
    return true;
  }

  function syncAttributes(cur, fresh) {
    Array.prototype.slice.call(cur.attributes).forEach(function (a) {
      if (!fresh.hasAttribute(a.name)) {
        cur.removeAttribute(a.name);
      }
    });
    Array.prototype.slice.call(fresh.attributes).forEach(function (a) {
      if (cur.getAttribute(a.name) !== a.value) {
        cur.setAttribute(a.name, a.value);
      }
    });
  }

  // carryInput puts into fresh what the user changed in cur and has not
  // sent: checked boxes and radios, typed text, chosen options.
  function carryInput(cur, fresh) {
    cur.querySelectorAll("input, textarea, select").forEach(function (el) {
      if (!el.name || el.type === "hidden") {
        return;
      }
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked !== el.defaultChecked) {
          fresh.querySelectorAll("input").forEach(function (f) {
            if (f.name === el.name && f.value === el.value) {
              f.checked = el.checked;
            }
          });
        }
        return;
      }
      var f = null;
      fresh.querySelectorAll("input, textarea, select").forEach(function (x) {
        if (!f && x.name === el.name && x.type !== "hidden") {
          f = x;
        }
      });
      if (f && (el.tagName === "SELECT" || el.value !== el.defaultValue)) {
        f.value = el.value;
      }
    });
  }

  // merge makes cur (in the page) show fresh (same id); it gives the node
  // that stands for fresh in the page now: cur, or fresh in its place.
  function merge(cur, fresh) {
    if (cur.isEqualNode(fresh)) {
      return cur;
    }
    var sameKey = cur.getAttribute("data-live-key") === fresh.getAttribute("data-live-key");
    if (sameKey && cur.hasAttribute("data-live-hold")) {
      return cur;
    }
    if (isLive(cur)) {
      syncAttributes(cur, fresh);
      cur.innerHTML = fresh.innerHTML;
      return cur;
    }
    if (sameKey && cur.tagName === fresh.tagName && allParts(cur) && allParts(fresh)) {
      syncAttributes(cur, fresh);
      mergeChildren(cur, fresh);
      return cur;
    }
    if (sameKey) {
      carryInput(cur, fresh);
    }
    return fresh;
  }

  function mergeChildren(cur, fresh) {
    var old = {};
    Array.prototype.slice.call(cur.children).forEach(function (c) {
      if (c.id) {
        old[c.id] = c;
      }
    });
    var nodes = Array.prototype.slice.call(fresh.children).map(function (f) {
      var c = f.id && old[f.id];
      if (c) {
        delete old[f.id];
        return merge(c, f);
      }
      return f;
    });
    nodes.forEach(function (n, i) {
      var at = cur.children[i];
      if (at !== n) {
        cur.insertBefore(n, at || null);
      }
    });
    while (cur.children.length > nodes.length) {
      cur.removeChild(cur.children[nodes.length]);
    }
  }

  // keyOf gives the data-live-key of the part of target el stands in
  // (null: none).
  function keyOf(el, target) {
    var k = el.closest("[data-live-key]");
    return k && target.contains(k) ? k.getAttribute("data-live-key") : null;
  }

  // whereFocus says where in target the focus is: the element's id, or
  // the nearest part's id and the element's place among its kind there,
  // and the key of its part.
  function whereFocus(target) {
    var a = document.activeElement;
    if (!a || a === target || !target.contains(a)) {
      return null;
    }
    var part = a.parentElement;
    while (part !== target && !part.id) {
      part = part.parentElement;
    }
    var same = Array.prototype.slice.call(part.querySelectorAll(a.tagName));
    return {el: a, id: a.id, part: part.id, tag: a.tagName, index: same.indexOf(a), key: keyOf(a, target)};
  }

  // restoreFocus puts the focus back where it was if the element is gone
  // but stands again in the box (the same id, or the same place in the
  // same part) and is about the same thing (the key of its part: not the
  // ballot of another vote); else on the box's heading (the new proposal's
  // on the vote page), never on the body.
  function restoreFocus(target, was) {
    if (!was || document.activeElement === was.el) {
      return;
    }
    var el = null;
    if (was.id) {
      el = document.getElementById(was.id);
    } else {
      var part = document.getElementById(was.part);
      el = part ? part.querySelectorAll(was.tag)[was.index] || null : null;
    }
    if (el && (!target.contains(el) || keyOf(el, target) !== was.key)) {
      el = null;
    }
    if (!el) {
      el = target.querySelector("[tabindex=\"-1\"]") || target.querySelector("h1, h2, h3");
      if (el && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "-1");
      }
    }
    if (el) {
      el.focus();
    }
  }

  // showBox shows a box (pushed or fetched) in place of the page's box
  // (its id is the data-live-target, "live-stand" without one), replacing
  // only the parts that changed.
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
    var was = whereFocus(target);
    if (allParts(target) && allParts(fresh)) {
      syncAttributes(target, fresh);
      mergeChildren(target, fresh);
    } else {
      target.innerHTML = fresh.innerHTML;
    }
    restoreFocus(target, was);
    if (window.htmx) {
      window.htmx.process(target);
    }
    return true;
  }

  // poll refreshes a box every 30 seconds: a box marked data-live-poll
  // always (it holds no connection: a browser keeps six to a server, and
  // each stream holds one for as long as the page is open), any other when
  // its stream is refused (with a note saying so).
  function poll(box) {
    if (box.getAttribute("data-live-polling")) {
      return;
    }
    box.setAttribute("data-live-polling", "1");
    if (!box.hasAttribute("data-live-poll")) {
      var note = document.createElement("p");
      note.className = "live-fallback";
      note.textContent = "Die Live-Verbindung ist gerade nicht verfügbar; der Stand wird alle 30 Sekunden aktualisiert.";
      box.appendChild(note);
    }
    // A little jitter, so that refused viewers do not all come at once.
    window.setInterval(function () { fetchBox(box); }, POLL_MS + Math.floor(Math.random() * POLL_MS / 6));
  }

  document.querySelectorAll("[data-live-poll]").forEach(poll);
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

// Text typed in the other forms of a page with one form per conference
// (the spokesperson's reports, the evaluation's answers: forms marked
// data-andere-behalten) is not lost when one of them is sent: the text
// that differs from what the page was drawn with is kept in the tab's
// sessionStorage on sending and put back into the same fields when the
// page comes again, with a note to save it. Without JavaScript each form
// is sent alone, as before.
(function () {
  "use strict";
  var KEY = "gremium-behalten:" + location.pathname;
  var store = null;
  try {
    store = window.sessionStorage;
  } catch (e) {
    return;
  }
  if (!store) {
    return;
  }
  var forms = document.querySelectorAll("form[data-andere-behalten]");
  if (!forms.length) {
    return;
  }
  function fields(form) {
    return form.querySelectorAll("textarea[id], input[type=text][id], input[type=radio][id], input[type=checkbox][id]");
  }
  function checkable(f) {
    return f.type === "radio" || f.type === "checkbox";
  }
  // untouched says a field shows what the page was drawn with.
  function untouched(f) {
    return checkable(f) ? f.checked === f.defaultChecked : f.value === f.defaultValue;
  }
  var kept = null;
  try {
    kept = JSON.parse(store.getItem(KEY) || "null");
  } catch (e) {
    kept = null;
  }
  store.removeItem(KEY);
  if (kept) {
    forms.forEach(function (form) {
      var restored = false;
      fields(form).forEach(function (f) {
        // Only into a field as the page drew it: a refused form shows
        // what was typed in it already.
        if (Object.prototype.hasOwnProperty.call(kept, f.id) && untouched(f) && !f.disabled) {
          if (checkable(f)) {
            f.checked = kept[f.id] === true;
          } else {
            f.value = kept[f.id];
          }
          restored = true;
        }
      });
      if (restored) {
        var note = document.createElement("div");
        note.className = "notice-box";
        note.setAttribute("role", "status");
        var p = document.createElement("p");
        p.textContent = "Hier steht wieder, was Sie vor dem Speichern des anderen Formulars eingegeben hatten. Es ist noch nicht gespeichert.";
        note.appendChild(p);
        form.insertBefore(note, form.firstChild);
      }
    });
  }
  forms.forEach(function (sent) {
    sent.addEventListener("submit", function () {
      var typed = {};
      var any = false;
      forms.forEach(function (form) {
        if (form === sent) {
          return;
        }
        fields(form).forEach(function (f) {
          if (!untouched(f)) {
            typed[f.id] = checkable(f) ? f.checked : f.value;
            any = true;
          }
        });
      });
      if (any) {
        store.setItem(KEY, JSON.stringify(typed));
      }
    });
  });
})();
