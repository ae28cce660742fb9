// Progressive enhancement of the error summary (GOV.UK pattern). After a failed submit, focus
// moves to the summary so that a screen reader announces it first (its autofocus attribute does
// the same where this script does not run); a link in it focuses its field and scrolls the
// field's label or legend into view, not only the control.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (!summary) return;
  if (document.activeElement !== summary) summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var control = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!control) return;
    event.preventDefault();
    var caption = control.closest("fieldset") ? control.closest("fieldset").querySelector("legend")
      : document.querySelector("label[for='" + control.id + "']");
    (caption || control).scrollIntoView();
    control.focus({ preventScroll: true });
  });
});
