/*
 * The creator's dashboard on /creator: usage per model (an inline SVG chart with a table beside it), the hosts
 * that show the images, copies seen stripped, the report inbox with its actions, notices, the front ends granted
 * to sign in the creator's name, and the public profile.
 * Routes: GET /v1/creators/{handle}/usage, GET and PATCH /v1/creators/{handle}/reports[/{id}],
 * GET /v1/creators/{handle}/notices, PUT and DELETE /v1/credentials/{id}/notice,
 * GET and PUT /v1/creators/{handle}/grants, PUT /v1/creators/{handle}.
 * Every value from the service is inserted as text. The token stays in this page's memory.
 */
(function () {
  'use strict';
  var base = document.documentElement.getAttribute('data-base') || '';
  var SVG = 'http://www.w3.org/2000/svg';
  var STATUSES = ['open', 'acknowledged', 'resolved', 'rejected'];
  var CHECKS = ['verify-api', 'verify-page', 'verify-component', 'page-view'];
  var dashboard = document.getElementById('dashboard');
  var session = null;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    return e;
  }

  function svg(tag, attributes) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (k) { e.setAttribute(k, attributes[k]); });
    return e;
  }

  function call(method, path, body) {
    var headers = {Authorization: 'Bearer ' + session.token};
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    return fetch(base + path, {method: method, headers: headers, credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body)}).then(function (r) {
      if (r.status === 204) {
        return {ok: true, body: null};
      }
      return r.json().then(function (b) { return {ok: r.ok, status: r.status, body: b}; });
    });
  }

  function say(id, text) {
    document.getElementById(id).textContent = text;
  }

  function creatorPath(rest) {
    return '/v1/creators/' + encodeURIComponent(session.handle) + rest;
  }

  document.getElementById('signin').addEventListener('submit', function () {
    session = {handle: document.getElementById('handle').value.trim(),
      token: document.getElementById('token').value};
    call('GET', creatorPath('/usage')).then(function (a) {
      if (!a.ok) {
        dashboard.hidden = true;
        return;
      }
      dashboard.hidden = false;
      document.getElementById('profile-page').href = base + '/u/' + encodeURIComponent(session.handle);
      showUsage(a.body);
      loadInbox();
      loadNotices();
      loadGrants();
      loadProfile();
    });
  });

  // --- usage ---------------------------------------------------------------------------------------------------

  function showUsage(usage) {
    var charts = document.getElementById('usage-charts');
    charts.textContent = '';
    var days = [];
    for (var d = new Date(usage.from + 'T00:00:00Z'); d <= new Date(usage.to + 'T00:00:00Z');
      d = new Date(d.getTime() + 86400000)) {
      days.push(d.toISOString().slice(0, 10));
    }
    var models = {};
    usage.series.forEach(function (row) {
      var m = models[row.model] || (models[row.model] = {});
      var day = m[row.period] || (m[row.period] = {stamps: 0, checks: 0});
      if (row.event === 'stamp') {
        day.stamps += row.count;
      } else if (CHECKS.indexOf(row.event) >= 0) {
        day.checks += row.count;
      }
    });
    var names = Object.keys(models).sort();
    if (!names.length) {
      charts.appendChild(el('p', null, 'Nothing counted in these days yet.'));
    }
    names.forEach(function (name) {
      charts.appendChild(el('h3', null, name));
      var box = el('div', 'chart');
      box.appendChild(chart(name, days, models[name]));
      box.appendChild(table(name, days, models[name]));
      charts.appendChild(box);
    });
    var hosts = document.getElementById('hosts');
    hosts.textContent = '';
    usage.hosts.forEach(function (h) {
      hosts.appendChild(el('li', null, h.host + ': ' + h.count));
    });
    if (!usage.hosts.length) {
      hosts.appendChild(el('li', null, 'No page has shown your images with the component yet.'));
    }
    var stripped = usage.totals['watermark-recovery'] || 0;
    var transplanted = usage.totals['watermark-disagree'] || 0;
    say('stripped', stripped + ' cop' + (stripped === 1 ? 'y' : 'ies') + ' recovered from the invisible watermark; '
      + transplanted + ' with another credential\u2019s manifest on them.');
  }

  /** Bars of checks per day, a line of stamps; the table beside it carries the same figures for screen readers. */
  function chart(name, days, byDay) {
    var width = 600;
    var height = 160;
    var max = 1;
    days.forEach(function (d) {
      var v = byDay[d] || {stamps: 0, checks: 0};
      max = Math.max(max, v.checks, v.stamps);
    });
    var s = svg('svg', {viewBox: '0 0 ' + width + ' ' + (height + 20), role: 'img',
      'aria-label': 'Checks and stamps of ' + name + ' per day'});
    s.appendChild(svg('line', {x1: 0, y1: height, x2: width, y2: height, stroke: 'currentColor', 'stroke-width': 1}));
    var step = width / days.length;
    var points = [];
    days.forEach(function (d, i) {
      var v = byDay[d] || {stamps: 0, checks: 0};
      var h = v.checks / max * (height - 10);
      var bar = svg('rect', {x: (i * step + 1).toFixed(1), y: (height - h).toFixed(1),
        width: Math.max(1, step - 2).toFixed(1), height: h.toFixed(1), fill: 'currentColor', 'fill-opacity': 0.35});
      var title = svg('title');
      title.textContent = d + ': ' + v.checks + ' checks, ' + v.stamps + ' stamps';
      bar.appendChild(title);
      s.appendChild(bar);
      points.push((i * step + step / 2).toFixed(1) + ',' + (height - v.stamps / max * (height - 10)).toFixed(1));
    });
    s.appendChild(svg('polyline', {points: points.join(' '), fill: 'none', stroke: 'currentColor',
      'stroke-width': 2}));
    var label = svg('text', {x: 0, y: height + 16, fill: 'currentColor', 'font-size': 12});
    label.textContent = days[0] + ' \u2013 ' + days[days.length - 1] + ' \u00b7 bars: checks \u00b7 line: stamps';
    s.appendChild(label);
    return s;
  }

  function table(name, days, byDay) {
    var t = el('table');
    t.appendChild(el('caption', 'visually-hidden', name + ' per day'));
    var head = el('tr');
    ['Day', 'Checks', 'Stamps'].forEach(function (h) { head.appendChild(el('th', null, h)); });
    t.appendChild(head);
    days.filter(function (d) { return byDay[d]; }).forEach(function (d) {
      var row = el('tr');
      row.appendChild(el('td', null, d));
      row.appendChild(el('td', null, String(byDay[d].checks)));
      row.appendChild(el('td', null, String(byDay[d].stamps)));
      t.appendChild(row);
    });
    return t;
  }

  // --- inbox ---------------------------------------------------------------------------------------------------

  function loadInbox() {
    call('GET', creatorPath('/reports')).then(function (a) {
      var list = document.getElementById('inbox');
      list.textContent = '';
      if (!a.ok) {
        say('inbox-status', (a.body && a.body.detail) || 'The reports could not be loaded.');
        return;
      }
      a.body.reports.forEach(function (r) { list.appendChild(report(r)); });
      say('inbox-status', a.body.reports.length ? '' : 'No reports.');
    });
  }

  function report(r) {
    var li = el('li');
    li.setAttribute('data-report', r.id);
    var head = el('p');
    head.appendChild(el('strong', null, r.category));
    head.appendChild(document.createTextNode(' \u00b7 ' + r.createdAt.slice(0, 16).replace('T', ' ') + ' UTC \u00b7 '));
    var link = el('a', null, r.credential.id);
    link.href = base + '/c/' + encodeURIComponent(r.credential.id);
    head.appendChild(link);
    li.appendChild(head);
    li.appendChild(el('p', 'message', r.message));
    if (r.contact) {
      li.appendChild(el('p', 'small', 'Contact: ' + r.contact));
    }
    var status = el('select');
    status.setAttribute('aria-label', 'Status of report ' + r.id);
    STATUSES.forEach(function (s) {
      var o = el('option', null, s);
      o.value = s;
      o.selected = s === r.status;
      status.appendChild(o);
    });
    var note = el('input');
    note.type = 'text';
    note.placeholder = 'Private note';
    note.setAttribute('aria-label', 'Private note on report ' + r.id);
    note.value = r.note || '';
    var save = el('button', null, 'Save');
    save.type = 'button';
    save.addEventListener('click', function () {
      var body = {status: status.value};
      if (note.value.trim()) {
        body.note = note.value;
      }
      call('PATCH', creatorPath('/reports/' + encodeURIComponent(r.id)), body).then(function (a) {
        say('inbox-status', a.ok ? 'Report ' + r.id + ' is ' + a.body.status + '.'
          : (a.body && a.body.detail) || 'Not saved.');
      });
    });
    var actions = el('p');
    actions.appendChild(status);
    actions.appendChild(document.createTextNode(' '));
    actions.appendChild(note);
    actions.appendChild(document.createTextNode(' '));
    actions.appendChild(save);
    li.appendChild(actions);
    return li;
  }

  // --- notices and profile -------------------------------------------------------------------------------------

  function loadNotices() {
    call('GET', creatorPath('/notices')).then(function (a) {
      var list = document.getElementById('notices');
      list.textContent = '';
      (a.ok ? a.body.notices : []).forEach(function (n) {
        var li = el('li', 'notice-item', (n.scope === 'model' ? 'Model ' + n.model : 'Credential ' + n.credential)
          + ': ' + n.text + ' (' + n.updatedAt.slice(0, 10) + ') ');
        if (n.scope === 'credential') {
          var remove = el('button', null, 'Remove');
          remove.type = 'button';
          remove.addEventListener('click', function () {
            call('DELETE', '/v1/credentials/' + encodeURIComponent(n.credential) + '/notice').then(loadNotices);
          });
          li.appendChild(remove);
        }
        list.appendChild(li);
      });
    });
  }

  document.getElementById('notice-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var id = document.getElementById('notice-credential').value.trim();
    call('PUT', '/v1/credentials/' + encodeURIComponent(id) + '/notice',
      {text: document.getElementById('notice-text').value}).then(function (a) {
      say('notice-status', a.ok ? 'The notice is shown with ' + id + '.' : (a.body && a.body.detail) || 'Not set.');
      loadNotices();
    });
  });

  // --- grants --------------------------------------------------------------------------------------------------

  /** The API key names granted now: the grants are replaced as a whole, so adding and revoking start from them. */
  var granted = [];

  function loadGrants() {
    call('GET', creatorPath('/grants')).then(function (a) {
      if (a.ok) {
        showGrants(a.body.grants);
      } else {
        say('grants-status', (a.body && a.body.detail) || 'The grants could not be loaded.');
      }
    });
  }

  function showGrants(grants) {
    var list = document.getElementById('grants');
    list.textContent = '';
    granted = grants.map(function (g) { return g.apiKey; });
    grants.forEach(function (g) {
      var li = el('li', null, g.apiKey + ' (since ' + g.grantedAt.slice(0, 10) + ') ');
      li.setAttribute('data-grant', g.apiKey);
      var revoke = el('button', null, 'Revoke');
      revoke.type = 'button';
      revoke.setAttribute('aria-label', 'Revoke the grant to ' + g.apiKey);
      revoke.addEventListener('click', function () {
        setGrants(granted.filter(function (k) { return k !== g.apiKey; }),
          'The grant to ' + g.apiKey + ' is revoked.');
      });
      li.appendChild(revoke);
      list.appendChild(li);
    });
    if (!grants.length) {
      list.appendChild(el('li', null, 'No front end signs in your name.'));
    }
  }

  function setGrants(names, done, then) {
    call('PUT', creatorPath('/grants'), {apiKeys: names}).then(function (a) {
      if (a.ok) {
        showGrants(a.body.grants);
        say('grants-status', done);
        if (then) {
          then();
        }
      } else {
        say('grants-status', (a.body && a.body.detail) || 'Not saved.');
      }
    });
  }

  document.getElementById('grant-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var name = document.getElementById('grant-key').value.trim();
    if (granted.indexOf(name) >= 0) {
      say('grants-status', name + ' is granted already.');
      return;
    }
    setGrants(granted.concat([name]), name + ' may now stamp in your name.', function () {
      document.getElementById('grant-key').value = '';
    });
  });

  function loadProfile() {
    fetch(base + '/v1/creators/' + encodeURIComponent(session.handle), {credentials: 'omit'}).then(function (r) {
      return r.json();
    }).then(function (c) {
      var p = c.profile || {};
      document.getElementById('profile-name').value = p.displayName || '';
      document.getElementById('profile-link').value = p.link || '';
      document.getElementById('profile-bio').value = p.bio || '';
    });
  }

  document.getElementById('profile-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var body = {};
    [['displayName', 'profile-name'], ['link', 'profile-link'], ['bio', 'profile-bio']].forEach(function (f) {
      var v = document.getElementById(f[1]).value.trim();
      if (v) {
        body[f[0]] = v;
      }
    });
    call('PUT', creatorPath(''), body).then(function (a) {
      say('profile-status', a.ok ? 'Saved.' : (a.body && a.body.detail) || 'Not saved.');
    });
  });
})();
