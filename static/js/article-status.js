// Keeps an article's status current while it is queued or processing: polls the JSON status
// endpoint named by data-article-status and reloads the page once the facts are stored.
(function () {
  "use strict";

  var PENDING = ["queued", "processing"];
  var LABELS = { queued: "Queued", processing: "Processing", done: "Done", failed: "Failed" };
  var NOTES = {
    queued: "Waiting for the extractor.",
    processing: "Extracting actors, places and meetings…",
    done: "Done. Loading the facts…",
    failed: "Processing failed.",
  };

  function watch(box) {
    var url = box.dataset.articleStatus;
    if (!url || PENDING.indexOf(box.dataset.status) === -1) return;
    var pill = box.querySelector("[data-status-pill]");
    var label = box.querySelector("[data-status-label]");
    var note = box.querySelector("[data-status-note]");
    var delay = 1000;

    function show(status) {
      box.dataset.status = status;
      if (pill) pill.className = "status-pill status-" + status;
      if (label) label.textContent = LABELS[status] || status;
      if (note) note.textContent = NOTES[status] || "";
    }

    function poll() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (data) {
          var status = data.status;
          show(status);
          if (PENDING.indexOf(status) === -1) {
            window.location.reload();
            return;
          }
          delay = Math.min(delay * 1.5, 10000);
          window.setTimeout(poll, delay);
        })
        .catch(function () {
          delay = Math.min(delay * 2, 30000);
          window.setTimeout(poll, delay);
        });
    }

    window.setTimeout(poll, delay);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-article-status]").forEach(watch);
  });
})();
