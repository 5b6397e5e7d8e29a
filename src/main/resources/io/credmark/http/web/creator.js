/*
 * The creator page: sign in with the creator token, set each field's level, see what the public will see.
 * Routes: GET /v1/credentials/{id} (the creator's own view with the token, the public view without it),
 * PUT /v1/creators/{handle}/disclosure (the default policy), PUT /v1/credentials/{id}/disclosure (one credential).
 * A policy is the JSON object of field path to level, as in `--disclosure POLICY.json`.
 * The token is kept in this page's memory only.
 */
(function () {
  'use strict';
  var ui = window.customElements.get('credmark-image').ui;
  var el = ui.el;
  var base = document.documentElement.getAttribute('data-base') || '';
  var LEVELS = ['public', 'protected', 'private'];

  var signin = document.getElementById('signin');
  var signinStatus = document.getElementById('signin-status');
  var settings = document.getElementById('settings');
  var levels = document.getElementById('levels');
  var saveStatus = document.getElementById('save-status');
  var recall = document.getElementById('recall');
  var preview = document.getElementById('preview');
  var previewSource = document.getElementById('preview-source');
  var scopeCredential = document.getElementById('scope-credential');

  var session = null;

  function fieldsets() {
    return Array.prototype.slice.call(levels.querySelectorAll('fieldset.field'));
  }

  function pathsOf() {
    return fieldsets().map(function (f) { return f.getAttribute('data-path'); });
  }

  function radios(path) {
    return Array.prototype.slice.call(levels.querySelectorAll('input[type=radio]')).filter(function (r) {
      return r.name === path;
    });
  }

  function current(path) {
    var checked = radios(path).filter(function (r) { return r.checked; })[0];
    return checked ? checked.value : 'public';
  }

  function set(path, level) {
    radios(path).forEach(function (r) { r.checked = r.value === level; });
  }

  /** A policy's level for a field: the most specific entry that names it or a section above it; else public. */
  function levelIn(policy, path) {
    if (!policy) {
      return 'public';
    }
    var best = null;
    Object.keys(policy).forEach(function (key) {
      if ((key === path || path.indexOf(key + '.') === 0) && (best === null || key.length > best.length)) {
        best = key;
      }
    });
    var level = best === null ? 'public' : String(policy[best]).toLowerCase();
    return LEVELS.indexOf(level) >= 0 ? level : 'public';
  }

  /** The levels a view or a policy answer carries, in whichever of the plain shapes it uses. */
  function policyFrom(body) {
    if (!body || typeof body !== 'object') {
      return null;
    }
    var candidates = [body.disclosure, body.levels, body.policy, body];
    for (var i = 0; i < candidates.length; i++) {
      var c = candidates[i];
      if (c && typeof c === 'object' && !Array.isArray(c)) {
        if (c.levels && typeof c.levels === 'object') {
          return c.levels;
        }
        if (c.policy && typeof c.policy === 'object') {
          return c.policy;
        }
        var keys = Object.keys(c).filter(function (k) { return LEVELS.indexOf(String(c[k])) >= 0; });
        if (keys.length && c !== body.provenance) {
          return c;
        }
      }
    }
    return null;
  }

  function lookup(object, path) {
    var v = object;
    var segments = path.split('.');
    for (var i = 0; i < segments.length; i++) {
      if (v === null || typeof v !== 'object' || !(segments[i] in v)) {
        return undefined;
      }
      v = v[segments[i]];
    }
    return v;
  }

  function put(object, path, value) {
    var segments = path.split('.');
    var o = object;
    for (var i = 0; i < segments.length - 1; i++) {
      if (!o[segments[i]] || typeof o[segments[i]] !== 'object') {
        o[segments[i]] = {};
      }
      o = o[segments[i]];
    }
    o[segments[segments.length - 1]] = value;
  }

  function say(node, text, error) {
    node.textContent = text;
    node.classList.toggle('error', !!error);
  }

  function authorized(extra) {
    var h = {Authorization: 'Bearer ' + session.token};
    Object.keys(extra || {}).forEach(function (k) { h[k] = extra[k]; });
    return h;
  }

  function answer(r) {
    return r.text().then(function (text) {
      var body = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch (e) {
        body = null;
      }
      return {status: r.status, ok: r.ok, body: body};
    });
  }

  function problem(a, fallback) {
    if (a.status === 401 || a.status === 403) {
      return 'The token was not accepted for this handle' + (a.body && a.body.detail ? ': ' + a.body.detail : '.');
    }
    return (a.body && (a.body.detail || a.body.title)) || fallback + ' (HTTP ' + a.status + ').';
  }

  signin.addEventListener('submit', function (e) {
    e.preventDefault();
    var handle = document.getElementById('handle').value.trim();
    var token = document.getElementById('token').value;
    var idText = document.getElementById('credential').value.trim();
    var id = idText ? ui.credentialIdOf(idText) : null;
    if (idText && !id) {
      say(signinStatus, 'That is not a credential id (13 letters and digits, e.g. 2agc06kezsbam).', true);
      return;
    }
    session = {handle: handle, token: token, id: id, view: null, saved: {}};
    say(signinStatus, 'Signing in\u2026');
    var loaded = id ? fetch(base + '/v1/credentials/' + encodeURIComponent(id), {headers: authorized()})
      .then(answer).then(function (a) {
        if (!a.ok) {
          throw new Error(a.status === 404 ? 'There is no credential ' + id + '.' : problem(a, 'Signing in failed'));
        }
        var owner = a.body && a.body.provenance && a.body.provenance.creator && a.body.provenance.creator.handle;
        if (owner && owner !== handle) {
          throw new Error('Credential ' + id + ' belongs to another creator.');
        }
        session.view = a.body;
        return policyFrom(a.body);
      }) : fetch(base + '/v1/creators/' + encodeURIComponent(handle) + '/disclosure', {headers: authorized()})
      .then(answer).then(function (a) {
        if (a.status === 401 || a.status === 403) {
          throw new Error(problem(a, 'Signing in failed'));
        }
        return a.ok ? policyFrom(a.body) : null;
      });
    loaded.then(function (policy) {
      pathsOf().forEach(function (path) {
        var level = levelIn(policy, path);
        if (radios(path).length) {
          set(path, level);
          session.saved[path] = level;
        }
      });
      scopeCredential.disabled = !id;
      if (!id) {
        levels.querySelector('input[name=scope][value=default]').checked = true;
      }
      settings.hidden = false;
      say(signinStatus, 'Signed in as ' + handle + (id ? ', previewing credential ' + id : '') + '.');
      refresh();
    }).catch(function (err) {
      settings.hidden = true;
      say(signinStatus, err.message || 'Signing in failed.', true);
    });
  });

  levels.addEventListener('change', refresh);

  function refresh() {
    if (!session) {
      return;
    }
    var withdrawn = false;
    fieldsets().forEach(function (f) {
      var path = f.getAttribute('data-path');
      if (!radios(path).length) {
        return;
      }
      var now = current(path);
      f.classList.toggle('changed', now !== session.saved[path]);
      if (session.saved[path] === 'public' && now !== 'public') {
        withdrawn = true;
      }
    });
    recall.hidden = !withdrawn;
    renderLocalPreview();
  }

  /** The creator's own view, minus what would be private: what anyone viewing the credential would see. */
  function renderLocalPreview() {
    clear(preview);
    preview.removeAttribute('data-live');
    var byLevel = {public: [], protected: [], private: []};
    var shown = {};
    var provenance = session.view && session.view.provenance;
    pathsOf().forEach(function (path) {
      var level = radios(path).length ? current(path) : 'public';
      var value = provenance ? lookup(provenance, path) : undefined;
      if (provenance && value === undefined) {
        return;
      }
      byLevel[level].push(path);
      if (level !== 'private' && value !== undefined) {
        put(shown, path, value);
      }
    });
    if (provenance) {
      previewSource.textContent = 'Credential ' + session.id + ' with the levels chosen above (not saved yet).';
      card(shown);
    } else {
      previewSource.textContent = 'Sign in with a credential id to preview its values.';
    }
    var lists = el('div', 'hidden-list');
    [['protected', 'Shown by this service, not written into new files'],
      ['private', 'Hidden from the public (only you see it)']].forEach(function (pair) {
      if (byLevel[pair[0]].length) {
        lists.appendChild(el('p', null, pair[1] + ': ' + byLevel[pair[0]].join(', ')));
      }
    });
    preview.appendChild(lists);
  }

  function card(provenance) {
    var c = provenance.creator || {};
    preview.appendChild(el('p', 'made', 'Made with ' + ui.modelRef(provenance.model) + ', a model by '
      + (c.displayName ? c.displayName + ' (' + c.handle + ')' : c.handle) + '.'));
    var chain = el('div', 'lineage');
    ui.renderChain(chain, provenance);
    if (chain.firstChild) {
      preview.appendChild(el('h3', null, 'Where the model comes from'));
      preview.appendChild(chain);
    }
    ui.renderProvenance(preview, provenance);
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  levels.addEventListener('submit', function (e) {
    e.preventDefault();
    if (!session) {
      return;
    }
    var policy = {};
    pathsOf().forEach(function (path) {
      if (radios(path).length && current(path) !== 'public') {
        policy[path] = current(path);
      }
    });
    var scope = levels.querySelector('input[name=scope]:checked').value;
    var url = scope === 'credential' && session.id
      ? base + '/v1/credentials/' + encodeURIComponent(session.id) + '/disclosure'
      : base + '/v1/creators/' + encodeURIComponent(session.handle) + '/disclosure';
    say(saveStatus, 'Saving\u2026');
    fetch(url, {method: 'PUT', headers: authorized({'Content-Type': 'application/json'}),
      body: JSON.stringify(policy)}).then(answer).then(function (a) {
      if (!a.ok) {
        throw new Error(problem(a, 'Saving failed'));
      }
      pathsOf().forEach(function (path) {
        if (radios(path).length) {
          session.saved[path] = current(path);
        }
      });
      var note = a.body && (a.body.warning || a.body.note || (Array.isArray(a.body.warnings) && a.body.warnings[0]));
      say(saveStatus, 'Saved. It applies to every view from now on.' + (note ? ' ' + note : ''));
      refresh();
      return session.id ? livePreview() : null;
    }).catch(function (err) {
      say(saveStatus, err.message || 'Saving failed.', true);
    });
  });

  /** The public view as the service serves it now, fetched without the token. */
  function livePreview() {
    return fetch(base + '/v1/credentials/' + encodeURIComponent(session.id), {credentials: 'omit'})
      .then(answer).then(function (a) {
        if (!a.ok || !a.body || !a.body.provenance) {
          return;
        }
        clear(preview);
        previewSource.textContent = 'The public view of credential ' + session.id + ', as this service serves it'
          + ' now.';
        card(a.body.provenance);
        preview.setAttribute('data-live', 'true');
      });
  }
})();
