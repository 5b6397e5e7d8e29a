// The report form of /c/{id}/report: posts the form as JSON and says what became of it.
(function () {
  'use strict';
  var form = document.getElementById('report');
  var status = document.getElementById('report-status');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = {category: form.category.value, message: form.message.value};
    if (form.contact.value.trim() !== '') {
      body.contact = form.contact.value;
    }
    status.textContent = 'Sending\u2026';
    fetch(form.getAttribute('data-action'), {
      method: 'POST', credentials: 'omit', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (response.ok) {
          form.reset();
          status.textContent = 'Thank you. Your report ' + answer.id + ' was sent to the creator.';
        } else {
          status.textContent = (answer.title || 'Error') + ': ' + (answer.detail || response.status);
        }
      });
    }).catch(function () {
      status.textContent = 'The report could not be sent; try again later.';
    });
  });
})();
