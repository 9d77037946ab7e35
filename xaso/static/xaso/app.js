// Behaviour the pages share, kept out of the HTML: the Content-Security-Policy runs no inline script.
// A <select data-submit-on-change> sends its form when a choice is made (the period and indicator pickers).
document.addEventListener("change", function (event) {
  if (event.target.matches("select[data-submit-on-change]") && event.target.form) event.target.form.submit();
});
