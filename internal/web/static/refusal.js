// refusal.js: a page that shows a refused form again (view.Refused) moves
// the focus to the box above the form that lists the reasons, each a link
// to its field, so that a screen reader reads the refusal first and the
// keyboard goes on from there (WCAG 3.3.1). The one mechanism for every
// form; without JavaScript the title's "Fehler: " still says it.
(function () {
  "use strict";
  var box = document.querySelector("main .error-box[role=alert]") || document.querySelector("main .error-box");
  if (!box) {
    return;
  }
  if (!box.hasAttribute("tabindex")) {
    box.setAttribute("tabindex", "-1");
  }
  box.focus();
})();
