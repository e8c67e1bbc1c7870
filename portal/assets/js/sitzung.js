// The login session's countdown (portal/templates/partials/session.html,
// WCAG 2.2.1 Timing Adjustable). It shows the time left, warns once
// through the status region (aria-live="polite") when the end is near,
// extends the session with fetch when "Sitzung verlängern" is chosen,
// and after the end says so and offers the login. Without this script
// the region still states the end and the button posts the form.
(function () {
  "use strict";
  var region = document.getElementById("sitzung");
  if (!region) {
    return;
  }
  var form = document.getElementById("sitzung-form");
  var rest = document.getElementById("sitzung-rest");
  var status = document.getElementById("sitzung-status");
  var warning = document.getElementById("sitzung-warnung");
  var expired = document.getElementById("sitzung-abgelaufen");
  var d = region.dataset;
  var end = Date.parse(d.ende);
  var warnMs = parseInt(d.warnen, 10) * 1000;
  var warned = false;
  var over = false;
  var timer;

  function say(text) {
    // A live region announces a change of its text: once per event.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 100);
  }

  function format(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    var m = Math.floor(s / 60);
    return d.countdown + " " + m + " " + d.min + " " + (s % 60 < 10 ? "0" : "") + (s % 60) + " " + d.sek;
  }

  function tick() {
    var left = end - Date.now();
    if (left <= 0) {
      finish();
      return;
    }
    rest.textContent = format(left);
    if (left <= warnMs && !warned) {
      warned = true;
      warning.hidden = false;
      say(d.warnung);
    }
  }

  function finish() {
    over = true;
    window.clearInterval(timer);
    rest.hidden = true;
    warning.hidden = true;
    form.hidden = true;
    expired.hidden = false;
    say(d.abgelaufen);
  }

  function extended(answer) {
    end = Date.parse(answer.ende);
    region.dataset.ende = answer.ende;
    // Warn again only when the new end is beyond the warning time (an
    // idle limit shorter than it keeps the banner).
    warned = end - Date.now() <= warnMs;
    warning.hidden = !warned;
    say(d.verlaengert);
    tick();
  }

  function extend(event) {
    if (over || !window.fetch) {
      return;
    }
    event.preventDefault();
    var token = form.querySelector("input[name=csrf_token]").value;
    window.fetch(d.verlaengern, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": token }
    }).then(function (resp) {
      if (resp.status === 401) {
        finish();
        return null;
      }
      if (!resp.ok) {
        throw new Error("status " + resp.status);
      }
      return resp.json();
    }).then(function (answer) {
      if (answer) {
        extended(answer);
      }
    }).catch(function () {
      say(d.fehler);
    });
  }

  form.addEventListener("submit", extend);
  tick();
  timer = window.setInterval(tick, 1000);
}());
