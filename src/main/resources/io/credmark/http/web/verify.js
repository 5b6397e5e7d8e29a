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
    fetch(base + '/v1/verify?via=page', {method: 'POST', body: form}).then(function (r) {
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

  /** A link to a credential's page on this service. */
  function pageLink(id, text) {
    var p = el('p', 'credential-link');
    var a = el('a', null, text);
    a.href = base + '/c/' + encodeURIComponent(id);
    p.appendChild(a);
    return p;
  }

  /** "Made with …, a model by …", the lineage chain and the provenance by section: all as text. */
  function showProvenance(body, p) {
    if (p.model && p.creator) {
      body.appendChild(el('p', 'made', 'Made with ' + ui.modelRef(p.model) + ', a model by '
        + (p.creator.displayName ? p.creator.displayName + ' (' + p.creator.handle + ')' : p.creator.handle)
        + '.'));
    }
    var chain = el('div', 'lineage');
    ui.renderChain(chain, p);
    if (chain.firstChild) {
      body.appendChild(el('h3', null, 'Where the model comes from'));
      body.appendChild(chain);
    }
    ui.renderProvenance(body, p);
  }

  /**
   * The file has no valid Content Credentials of its own, but its invisible watermark leads to a credential on
   * record: the credential as the public may see it, and when it was issued.
   */
  function showRecovered(body, report) {
    var r = report.recovered;
    var id = ui.credentialIdOf(r.id);
    if (report.activeManifest) {
      body.appendChild(el('p', 'warning', ui.text.recoveredBroken));
    }
    var when = r.createdAt ? ui.formatDate(r.createdAt) : null;
    var signer = r.signer && (r.signer.organization || r.signer.commonName);
    if (when || signer) {
      body.appendChild(el('p', 'small', 'Stamped' + (when ? ' on ' + when : '') + (signer ? ', signed by ' + signer
        : '') + '.'));
    }
    if (r.provenance) {
      showProvenance(body, r.provenance);
    }
    if (id) {
      body.appendChild(pageLink(id, 'Open the recovered credential\u2019s page'));
    }
  }

  /** Whether the invisible watermark in the pixels agrees with the file's valid Content Credentials. */
  function showWatermark(body, report) {
    var verdict = ui.watermarkVerdict(report);
    if (!verdict) {
      return;
    }
    if (verdict.agrees) {
      body.appendChild(el('p', 'small watermark agrees', verdict.text));
      return;
    }
    var line = el('div', 'watermark disagrees');
    line.setAttribute('role', 'note');
    line.appendChild(el('p', 'warning', ui.text.watermarkDisagrees));
    line.appendChild(el('p', null, verdict.text));
    if (verdict.id) {
      line.appendChild(pageLink(verdict.id, 'Open the credential the watermark leads to'));
    }
    body.appendChild(line);
  }

  /**
   * What the generator wrote into the file in plain text: shown apart, under a heading that says it is unsigned,
   * so that it is never mistaken for the signed provenance.
   */
  function showUnsigned(body, u) {
    var box = el('details', 'unsigned-metadata');
    box.setAttribute('data-unsigned', 'true');
    box.appendChild(el('summary', null, 'Unsigned generator metadata (' + u.generator.join(', ')
      + '): not verified'));
    box.appendChild(el('p', 'warning', u.note));
    var dl = el('dl');
    Object.keys(u.fields).forEach(function (path) {
      var v = u.fields[path];
      dl.appendChild(el('dt', null, path));
      dl.appendChild(el('dd', null, typeof v === 'string' ? v : JSON.stringify(v)));
    });
    box.appendChild(dl);
    if (u.differsFromSigned && u.differsFromSigned.length) {
      box.appendChild(el('p', 'small', 'Differs from the signed provenance: ' + u.differsFromSigned.join(', ')));
    }
    body.appendChild(box);
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
    body.appendChild(el('p', status.kind === 'trusted' || status.kind === 'none' ? null
      : status.kind === 'recovered' ? 'warning notice' : 'warning', status.detail));

    if (report && report.status === 'recovered' && report.recovered) {
      showRecovered(body, report);
    }
    if (report && (report.status === 'trusted' || report.status === 'valid')) {
      var label = ui.aiLabel(report);
      if (label) {
        body.appendChild(el('span', 'tag', label));
      }
      var p = report.summary && report.summary.provenance;
      showWatermark(body, report);
      if (p) {
        showProvenance(body, p);
      }
      if (!p && report.summary && report.summary.claimGenerator) {
        body.appendChild(el('p', null, 'App or device used: ' + report.summary.claimGenerator));
      }
      var c = report.credential;
      var id = c && ui.credentialIdOf(c.id);
      if (id && c.known) {
        body.appendChild(pageLink(id, 'Open the credential page'));
      } else if (id) {
        body.appendChild(el('p', 'small', 'The credential it names is not on record at this service.'));
      }
      if (report.summary && report.summary.ingredients && report.summary.ingredients.length) {
        body.appendChild(el('p', 'small', 'Made from ' + report.summary.ingredients.length
          + ' earlier signed file' + (report.summary.ingredients.length > 1 ? 's' : '') + '.'));
      }
    }
    if (report && (report.status === 'none' || report.status === 'invalid') && report.watermark
        && report.watermark.present) {
      // a watermark that leads to no credential on record here
      body.appendChild(el('p', 'small watermark', report.watermark.message));
    }
    if (report && report.unsignedMetadata) {
      showUnsigned(body, report.unsignedMetadata);
    }
    if (report && report.validation) {
      var failures = report.validation.failure || [];
      if (failures.length || report.status === 'invalid') {
        var details = el('details');
        details.appendChild(el('summary', null, report.status === 'invalid' || report.status === 'recovered'
          ? 'What failed' : 'Details'));
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
