/* The verify page: drop or pick an image, get a result card in plain words. Every value is set as text. */
(function () {
  'use strict';
  var ui = window.customElements.get('credmark-image').ui;
  var el = ui.el;
  var base = document.documentElement.getAttribute('data-base') || '';
  var drop = document.getElementById('drop');
  var input = document.getElementById('file');
  var out = document.getElementById('result');
  var thumbUrl = null;

  input.addEventListener('change', function () {
    if (input.files && input.files[0]) {
      check(input.files[0]);
    }
  });
  ['dragenter', 'dragover'].forEach(function (type) {
    drop.addEventListener(type, function (e) {
      e.preventDefault();
      drop.classList.add('over');
    });
  });
  ['dragleave', 'dragend'].forEach(function (type) {
    drop.addEventListener(type, function () { drop.classList.remove('over'); });
  });
  drop.addEventListener('drop', function (e) {
    e.preventDefault();
    drop.classList.remove('over');
    var file = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (file) {
      check(file);
    }
  });

  function clear() {
    while (out.firstChild) {
      out.removeChild(out.firstChild);
    }
  }

  function check(file) {
    clear();
    out.appendChild(el('p', 'status-line', 'Checking ' + file.name + '\u2026'));
    var form = new FormData();
    form.append('image', file, file.name);
    fetch(base + '/v1/verify', {method: 'POST', body: form}).then(function (r) {
      return r.json().then(function (body) { return {ok: r.ok, body: body}; });
    }).then(function (answer) {
      show(file, answer.ok ? answer.body : null, answer.ok ? null : answer.body);
    }).catch(function () {
      show(file, null, {detail: 'The service could not be reached.'});
    });
  }

  function size(bytes) {
    return bytes < 1024 ? bytes + ' bytes' : bytes < 1048576 ? (bytes / 1024).toFixed(0) + ' KB'
      : (bytes / 1048576).toFixed(1) + ' MB';
  }

  function show(file, report, problem) {
    clear();
    var status = ui.statusOf(report || problem);
    var card = el('article', 'result ' + status.kind);
    card.setAttribute('data-status', status.kind);

    if (thumbUrl) {
      URL.revokeObjectURL(thumbUrl);
      thumbUrl = null;
    }
    if (status.kind === 'error') {
      card.classList.add('no-thumb');
    } else {
      var thumb = el('div', 'thumb');
      thumbUrl = URL.createObjectURL(file);
      var img = el('img');
      img.src = thumbUrl;
      img.alt = 'The image you chose';
      img.addEventListener('error', function () {
        thumb.remove();
        card.classList.add('no-thumb');
      });
      thumb.appendChild(img);
      card.appendChild(thumb);
    }

    var body = el('div', 'body');
    body.appendChild(el('p', 'file', file.name + ' \u00b7 ' + size(file.size)));
    body.appendChild(el('h2', null, status.title));
    body.appendChild(el('p', status.kind === 'trusted' || status.kind === 'none' ? null : 'warning', status.detail));

    if (report && (report.status === 'trusted' || report.status === 'valid')) {
      var label = ui.aiLabel(report);
      if (label) {
        body.appendChild(el('span', 'tag', label));
      }
      var p = report.summary && report.summary.provenance;
      if (p && p.model && p.creator) {
        body.appendChild(el('p', 'made', 'Made with ' + ui.modelRef(p.model) + ', a model by '
          + (p.creator.displayName ? p.creator.displayName + ' (' + p.creator.handle + ')' : p.creator.handle)
          + '.'));
      }
      if (!p && report.summary && report.summary.claimGenerator) {
        body.appendChild(el('p', null, 'App or device used: ' + report.summary.claimGenerator));
      }
      if (p) {
        var chain = el('div', 'lineage');
        ui.renderChain(chain, p);
        if (chain.firstChild) {
          body.appendChild(el('h3', null, 'Where the model comes from'));
          body.appendChild(chain);
        }
        ui.renderProvenance(body, p);
      }
      var c = report.credential;
      var id = c && ui.credentialIdOf(c.id);
      if (id && c.known) {
        var more = el('p');
        var a = el('a', null, 'Open the credential page');
        a.href = base + '/c/' + encodeURIComponent(id);
        more.appendChild(a);
        body.appendChild(more);
      } else if (id) {
        body.appendChild(el('p', 'small', 'The credential it names is not on record at this service.'));
      }
      if (report.summary && report.summary.ingredients && report.summary.ingredients.length) {
        body.appendChild(el('p', 'small', 'Made from ' + report.summary.ingredients.length
          + ' earlier signed file' + (report.summary.ingredients.length > 1 ? 's' : '') + '.'));
      }
    }
    if (report && report.validation) {
      var failures = report.validation.failure || [];
      if (failures.length || report.status === 'invalid') {
        var details = el('details');
        details.appendChild(el('summary', null, report.status === 'invalid' ? 'What failed' : 'Details'));
        var ul = el('ul');
        failures.forEach(function (f) {
          ul.appendChild(el('li', null, (f.explanation || f.code) + ' (' + f.code + ')'));
        });
        details.appendChild(ul);
        body.appendChild(details);
      }
    }
    card.appendChild(body);
    out.appendChild(card);
    if (card.getBoundingClientRect().top > window.innerHeight * 0.6) {
      card.scrollIntoView({block: 'start'});
    }
  }
})();
