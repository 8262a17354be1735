// Fills the upload form from the chosen file before it is sent: an HTML page's headline, date,
// outlet and address go into the fields that are still empty, so the analyst can check them.
// Without this script the server fills the same empty fields when the form is submitted.
(function () {
  "use strict";

  var FIELDS = ["title", "published", "source_name", "source_url"];

  function setup(form) {
    var url = form.dataset.readUrl;
    var input = form.querySelector("input[type=file][name=file]");
    var note = form.querySelector("[data-read-note]");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!url || !input) return;

    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (note) note.textContent = "";
      if (!file || !/\.html?$/i.test(file.name)) return;
      var body = new FormData();
      body.append("file", file);
      if (token) body.append("csrfmiddlewaretoken", token.value);
      fetch(url, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) {
          return response.json();
        })
        .then(function (data) {
          if (data.error) {
            if (note) note.textContent = data.error;
            return;
          }
          var filled = [];
          FIELDS.forEach(function (name) {
            var field = form.elements[name];
            if (field && !field.value && data[name]) {
              field.value = data[name];
              filled.push(field.labels && field.labels[0] ? field.labels[0].textContent : name);
            }
          });
          if (note && filled.length) {
            note.textContent = "Filled from the page: " + filled.join(", ") + ". Check them before uploading.";
          }
        })
        .catch(function () {
          if (note) note.textContent = "";
        });
    });
  }

  document.querySelectorAll("form[data-read-url]").forEach(setup);
})();
