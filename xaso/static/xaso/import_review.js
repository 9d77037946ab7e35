// The import review sends its rows as one JSON field: a plan of 400 tasks has over 5,000 inputs, more than a request
// may carry field by field (Django's DATA_UPLOAD_MAX_NUMBER_FIELDS). Each row stays editable on the page; on submit
// the rows' inputs (named ind-… and task-…) are gathered into <input name="rows"> and left out of the request.
// The server checks every name and value (xaso.plans.import_forms.review_data). Without JavaScript the inputs are
// sent one by one, as before.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.dataset.rowsField) return;
  var rows = {}, sent = [];
  Array.prototype.forEach.call(form.elements, function (input) {
    if (!input.name || input.disabled || !/^(ind|task)-/.test(input.name)) return;
    sent.push(input);
    if ((input.type === "checkbox" || input.type === "radio") && !input.checked) return;
    rows[input.name] = input.value;
  });
  var field = form.querySelector("input[name='" + form.dataset.rowsField + "']");
  if (!field) {
    field = document.createElement("input");
    field.type = "hidden";
    field.name = form.dataset.rowsField;
    form.appendChild(field);
  }
  field.value = JSON.stringify(rows);
  sent.forEach(function (input) { input.disabled = true; });
  // Back on this page from the browser's history, the inputs are usable again.
  window.addEventListener("pageshow", function () { sent.forEach(function (input) { input.disabled = false; }); }, {once: true});
});
