// Progressive enhancement for signed-in pages (accounts/_session_timeout.html):
// 1. shows the "Are you still there?" dialog a couple of minutes before the idle timeout,
//    with "Stay signed in" (keyboard and screen-reader reachable: the dialog takes focus);
// 2. re-fills a form that was posted into an ended session, after signing in again.
(function () {
  "use strict";

  // The words come translated from the page (data-second, data-seconds, ... on the dialog).
  function unit(name) {
    var box = document.getElementById("session-timeout");
    return (box && box.dataset[name]) || name;
  }

  function minutesText(seconds) {
    if (seconds < 60) return seconds + " " + unit(seconds === 1 ? "second" : "seconds");
    var minutes = Math.ceil(seconds / 60);
    return minutes + " " + unit(minutes === 1 ? "minute" : "minutes");
  }

  function warnBeforeTimeout(box) {
    var warnSeconds = parseInt(box.dataset.warnSeconds, 10);
    var endsAt = Date.now() + parseInt(box.dataset.secondsLeft, 10) * 1000;
    var countdown = box.querySelector("[data-countdown]");
    var form = box.querySelector("form");
    var warnTimer = null;
    var tickTimer = null;
    var returnFocus = null;

    function left() {
      return Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    }

    function tick() {
      var seconds = left();
      if (seconds <= 0) {
        if (form) form.hidden = true;
        box.querySelector("[data-signed-out]").hidden = false;
        box.querySelector("#session-timeout-text").hidden = true;
        clearInterval(tickTimer);
        return;
      }
      countdown.textContent = minutesText(seconds);
    }

    function show() {
      returnFocus = document.activeElement;
      tick();
      box.hidden = false;
      var button = box.querySelector("button");
      (button || box).focus();
      tickTimer = setInterval(tick, 15000);
    }

    function schedule(secondsLeft) {
      endsAt = Date.now() + secondsLeft * 1000;
      clearTimeout(warnTimer);
      clearInterval(tickTimer);
      warnTimer = setTimeout(show, Math.max(0, secondsLeft - warnSeconds) * 1000);
    }

    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        })
          .then(function (response) {
            if (!response.ok) throw new Error("signed out");
            return response.json();
          })
          .then(function (answer) {
            box.hidden = true;
            if (returnFocus && returnFocus.focus) returnFocus.focus();
            schedule(answer.seconds_left);
          })
          .catch(function () {
            endsAt = Date.now();
            tick();
          });
      });
    }
    schedule(parseInt(box.dataset.secondsLeft, 10));
  }

  function refill(kept) {
    var forms = Array.prototype.slice.call(document.querySelectorAll("form[method=post]"));
    var best = null;
    var bestScore = 0;
    forms.forEach(function (form) {
      var score = 0;
      Object.keys(kept.fields).forEach(function (name) {
        if (form.querySelector('[name="' + CSS.escape(name) + '"]')) score += 1;
      });
      if (new URL(form.action, location.href).pathname === kept.action) score += 1000;
      if (score > bestScore) {
        best = form;
        bestScore = score;
      }
    });
    if (!best) return;
    Object.keys(kept.fields).forEach(function (name) {
      var values = kept.fields[name];
      var controls = best.querySelectorAll('[name="' + CSS.escape(name) + '"]');
      Array.prototype.forEach.call(controls, function (control, index) {
        var type = (control.type || "").toLowerCase();
        if (type === "password" || type === "file" || type === "submit") return;
        if (type === "checkbox" || type === "radio") {
          control.checked = values.indexOf(control.value) !== -1;
        } else if (control.tagName === "SELECT") {
          Array.prototype.forEach.call(control.options, function (option) {
            option.selected = values.indexOf(option.value) !== -1;
          });
        } else if (index < values.length) {
          control.value = values[index];
        }
      });
    });
  }

  var box = document.getElementById("session-timeout");
  if (box) warnBeforeTimeout(box);
  var kept = document.getElementById("restored-form");
  if (kept) refill(JSON.parse(kept.textContent));
})();
