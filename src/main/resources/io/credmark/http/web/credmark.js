/*
 * credmark.js: <credmark-image>, an AI-generated image with its clickable attribution.
 *
 *   <script src="https://SERVICE/static/credmark.js" defer></script>
 *   <credmark-image src="image.png" credential="2agc06kezsbam" alt="…"></credmark-image>
 *
 * The element shows the image, checks it live (it fetches the image's bytes and posts them to SERVICE/v1/verify),
 * and puts a button exactly over the attribution mark that credmark drew into the pixels. Clicking it, or pressing
 * Enter or Space on it, opens a card with the result of the check and what the creator chose to disclose:
 * creator, model, lineage, usage terms, and a link to the credential's page. An image stamped without a mark gets a
 * small badge beside it that opens the same card.
 *
 * Attributes: src, alt, credential (the credential id, or its page's URL), indicator ("auto": the hotspot when the
 * image has a mark, else the badge; "badge": always the badge; "none": only the image, nothing is fetched), service
 * (the service's base URL; by default the origin, and path, this script was loaded from).
 * The element reflects how far it got in data-state ("loading", "ready", "error") and the check's result in
 * data-status ("trusted", "valid", "invalid", "none", "recovered", "unchecked"). "recovered": the file carries no valid
 * Content Credentials, but its invisible watermark leads to a credential on record, which the card shows.
 *
 * No dependencies, no build step. Every text from a report or credential is set with textContent.
 * Licensed under the Apache License 2.0.
 */
(function () {
  'use strict';
  if (!window.customElements || window.customElements.get('credmark-image')) {
    return;
  }

  var SCRIPT = document.currentScript;
  var DEFAULT_SERVICE = serviceFrom(SCRIPT && SCRIPT.src);
  /** 13 characters of Crockford's base32, lower case; the first holds only four bits. */
  var CREDENTIAL_ID = /^[0-9a-f][0-9a-hjkmnp-tv-z]{12}$/;
  /** Touch targets are at least this large (WCAG 2.5.8), centred on the mark when it renders smaller. */
  var MIN_TARGET = 24;
  var SVG = 'http://www.w3.org/2000/svg';

  var LABELS = {
    handle: 'Handle', displayName: 'Name', url: 'Web page', name: 'Name', version: 'Version', hash: 'Hash',
    prompt: 'Prompt', negativePrompt: 'Negative prompt', seed: 'Seed', steps: 'Steps', sampler: 'Sampler',
    scheduler: 'Scheduler', cfgScale: 'CFG scale', width: 'Width', height: 'Height', denoise: 'Denoising strength',
    promptAuthor: 'Prompt author', extra: 'Other parameters', baseModels: 'Base models', merges: 'Merged models',
    adapters: 'Adapters', datasets: 'Datasets', fineTuning: 'Fine-tuning', safetyValidation: 'Safety validation',
    credits: 'Credits', license: 'License', permitted: 'Permitted', prohibited: 'Prohibited',
    attribution: 'Attribution', model: 'Model', weight: 'Weight', kind: 'Kind', creator: 'Creator',
    method: 'Method', notes: 'Notes', result: 'Result', role: 'Role', note: 'Note', modelId: 'Registered model',
    alg: 'Algorithm', value: 'Value'
  };
  var SECTIONS = [['creator', 'Creator'], ['model', 'Model'], ['generation', 'Generation parameters'],
    ['lineage', 'Lineage'], ['usage', 'Usage terms']];

  var TEXT = {
    tampered: 'This file may have been tampered with.',
    tamperedDetail: 'Its Content Credentials can\u2019t be verified.',
    unknownIssuer: 'The Content Credential issuer couldn\u2019t be recognized. This file may not come from where it'
      + ' claims to.',
    none: 'No Content Credentials found.',
    noneDetail: 'This file carries no Content Credentials. They may have been removed, for example when a site'
      + ' re-saved the image.',
    intact: 'The file has not been changed since it was signed.',
    recovered: 'Credential recovered from an invisible watermark',
    recoveredNotice: 'The pixels may have been changed since the image was stamped: the credential describes the'
      + ' image as it was stamped, not necessarily this copy.',
    recoveredBroken: 'This file also carries Content Credentials that can\u2019t be verified.',
    watermarkAgrees: 'Invisible watermark present and agrees with the Content Credentials.',
    watermarkDisagrees: 'The invisible watermark in the pixels does not match these Content Credentials.',
    unchecked: 'This image could not be checked here.',
    uncheckedDetail: 'Showing the credential as it is on record.'
  };

  function serviceFrom(src) {
    if (!src) {
      return '';
    }
    try {
      var u = new URL(src, document.baseURI);
      return u.origin + u.pathname.replace(/\/static\/credmark\.js$/, '');
    } catch (e) {
      return '';
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Building blocks shared by the element and the service's own pages (as CredmarkImage.ui)

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    return e;
  }

  function isWebUrl(s) {
    try {
      var u = new URL(String(s));
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch (e) {
      return false;
    }
  }

  /** A link for a URL from a document: only http(s), never followed by search engines, opened apart. */
  function link(href, text) {
    var a = el('a', null, text);
    if (isWebUrl(href)) {
      a.href = href;
      a.rel = 'nofollow noopener noreferrer';
      a.target = '_blank';
    }
    return a;
  }

  /** credmark's lineage symbol: two parent nodes flowing into one child, as in the mark drawn into images. */
  function symbol(size) {
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', String(size));
    svg.setAttribute('height', String(size));
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var paths = document.createElementNS(SVG, 'path');
    paths.setAttribute('d', 'M7.2 7.2C7.2 12.5 12 11.5 12 17.3M16.8 7.2C16.8 12.5 12 11.5 12 17.3');
    paths.setAttribute('fill', 'none');
    paths.setAttribute('stroke', 'currentColor');
    paths.setAttribute('stroke-width', '2.1');
    paths.setAttribute('stroke-linecap', 'round');
    svg.appendChild(paths);
    [[7.2, 7.2, 2.6], [16.8, 7.2, 2.6], [12, 17.3, 3.1]].forEach(function (c) {
      var circle = document.createElementNS(SVG, 'circle');
      circle.setAttribute('cx', String(c[0]));
      circle.setAttribute('cy', String(c[1]));
      circle.setAttribute('r', String(c[2]));
      circle.setAttribute('fill', 'currentColor');
      svg.appendChild(circle);
    });
    return svg;
  }

  function formatDate(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) {
      return null;
    }
    try {
      return new Intl.DateTimeFormat('en-GB', {day: 'numeric', month: 'long', year: 'numeric'}).format(d);
    } catch (e) {
      return d.toISOString().slice(0, 10);
    }
  }

  function signerName(report) {
    var s = report && report.summary && report.summary.signer;
    return s ? (s.organization || s.commonName || 'an unknown signer') : 'an unknown signer';
  }

  /** When it was signed: the signer's time stamp if it has one, else when the first action happened. */
  function signedOn(report) {
    var summary = (report && report.summary) || {};
    var when = (summary.signer && summary.signer.timeStamp)
      || (summary.actions || []).map(function (a) { return a.when; }).filter(Boolean)[0];
    return when ? formatDate(when) : null;
  }

  /**
   * The verdict in plain words, as the Content Credentials verify site puts it: {kind, title, detail}. kind is the
   * report's status, or "error" for an answer that is not a report.
   */
  function statusOf(report) {
    if (!report || typeof report.status !== 'string') {
      return {kind: 'error', title: 'This file could not be checked.',
        detail: (report && (report.detail || report.title)) || 'The check could not be completed.'};
    }
    var date = signedOn(report);
    var signed = 'Signed by ' + signerName(report) + (date ? ' on ' + date : '');
    switch (report.status) {
      case 'trusted':
        return {kind: 'trusted', title: signed, detail: TEXT.intact};
      case 'valid':
        return {kind: 'valid', title: signed, detail: TEXT.unknownIssuer};
      case 'invalid':
        return {kind: 'invalid', title: TEXT.tampered, detail: TEXT.tamperedDetail};
      case 'recovered':
        return {kind: 'recovered', title: TEXT.recovered,
          detail: (report.recovered && report.recovered.notice) || TEXT.recoveredNotice};
      default:
        return {kind: 'none', title: TEXT.none,
          detail: report.message && report.message !== 'No Content Credentials found.' ? report.message
            : TEXT.noneDetail};
    }
  }

  /**
   * What the invisible watermark says next to a valid manifest: {agrees, text, id} or null when there is nothing to
   * say (no valid manifest, nothing found and nothing recorded, or the pixels could not be searched). id is the
   * credential the pixels' watermark leads to, when it disagrees and that credential is on record.
   */
  function watermarkVerdict(report) {
    var w = report && report.watermark;
    if (!w || typeof w.agrees !== 'boolean') {
      return null;
    }
    if (w.agrees) {
      return w.present ? {agrees: true, text: TEXT.watermarkAgrees, id: null} : null;
    }
    return {agrees: false, text: w.message || TEXT.watermarkDisagrees,
      id: w.credential ? credentialIdOf(w.credential.id) : null};
  }

  /** "AI-generated" or "AI-edited", as the C2PA UX guidance labels them; at most one. */
  function aiLabel(report) {
    var actions = (report && report.summary && report.summary.actions) || [];
    for (var i = 0; i < actions.length; i++) {
      var a = actions[i];
      var type = a.digitalSourceType || '';
      if (a.action === 'c2pa.created' && /\/trainedAlgorithmicMedia$/.test(type)) {
        return 'AI-generated';
      }
      if (/\/compositeWithTrainedAlgorithmicMedia$/.test(type)) {
        return 'AI-edited';
      }
    }
    return null;
  }

  function modelRef(ref) {
    if (ref === null || ref === undefined) {
      return '';
    }
    if (typeof ref !== 'object') {
      return String(ref);
    }
    return [ref.name || ref.modelId || 'a model', ref.version].filter(function (x) {
      return x !== undefined && x !== null && x !== '';
    }).join(' ');
  }

  function list(values, format) {
    return Array.isArray(values) ? values.map(format) : [];
  }

  /** One line per kind of ancestor, for the short card: "Based on SDXL Base 1.0", "Merged from …", … */
  function lineageSummary(lineage) {
    if (!lineage || typeof lineage !== 'object') {
      return [];
    }
    var out = [];
    var base = list(lineage.baseModels, modelRef);
    if (base.length) {
      out.push('Based on ' + base.join(', '));
    }
    var merges = list(lineage.merges, function (m) {
      return modelRef(m && m.model) + (m && m.weight !== undefined ? ' \u00d7 ' + m.weight : '');
    });
    if (merges.length) {
      out.push('Merged from ' + merges.join(', '));
    }
    if (lineage.fineTuning && lineage.fineTuning.method) {
      out.push('Fine-tuned: ' + lineage.fineTuning.method);
    }
    var adapters = list(lineage.adapters, function (a) {
      return (a && a.name) + (a && a.kind ? ' (' + (String(a.kind).toLowerCase() === 'lora' ? 'LoRA' : a.kind) + ')'
        : '');
    });
    if (adapters.length) {
      out.push('With ' + adapters.join(', '));
    }
    var datasets = list(lineage.datasets, function (d) { return d && d.name; });
    if (datasets.length) {
      out.push(datasets.length === 1 ? 'Trained on ' + datasets[0] : 'Trained on ' + datasets.length + ' datasets');
    }
    var credits = list(lineage.credits, function (c) { return c && c.handle; });
    if (credits.length) {
      out.push('Credits: ' + credits.join(', '));
    }
    return out;
  }

  function usageSummary(usage) {
    if (!usage || typeof usage !== 'object') {
      return [];
    }
    var out = [];
    if (usage.license) {
      out.push('License: ' + usage.license);
    }
    if (usage.attribution) {
      out.push('Credit: ' + usage.attribution);
    }
    if (Array.isArray(usage.permitted) && usage.permitted.length) {
      out.push('Allowed: ' + usage.permitted.join('; '));
    }
    if (Array.isArray(usage.prohibited) && usage.prohibited.length) {
      out.push('Not allowed: ' + usage.prohibited.join('; '));
    }
    return out;
  }

  /** Any JSON value from a provenance document as text and lists; names of free objects are shown as they are. */
  function renderValue(parent, name, value, freeNames) {
    if (Array.isArray(value)) {
      var isObjects = value.length > 0 && value[0] !== null && typeof value[0] === 'object';
      var ul = el(isObjects ? 'ol' : 'ul');
      value.forEach(function (item) {
        var li = el('li');
        renderValue(li, name, item, freeNames);
        ul.appendChild(li);
      });
      parent.appendChild(ul);
    } else if (value !== null && typeof value === 'object') {
      var keys = Object.keys(value);
      if (!freeNames && keys.length === 2 && 'alg' in value && 'value' in value) {
        parent.appendChild(el('code', null, value.alg + ':' + value.value));
      } else {
        parent.appendChild(fields(value, freeNames));
      }
    } else if (!freeNames && name === 'url' && isWebUrl(value)) {
      parent.appendChild(link(value, value));
    } else {
      parent.appendChild(document.createTextNode(String(value)));
    }
  }

  function fields(object, freeNames) {
    var dl = el('dl');
    Object.keys(object).forEach(function (key) {
      dl.appendChild(el('dt', null, freeNames ? key : (LABELS[key] || key)));
      var dd = el('dd');
      renderValue(dd, key, object[key], freeNames || key === 'extra');
      dl.appendChild(dd);
    });
    return dl;
  }

  /** The whole provenance document by section (h3 + definition list), for pages with room for it. */
  function renderProvenance(parent, provenance) {
    SECTIONS.forEach(function (s) {
      var part = provenance && provenance[s[0]];
      if (part && typeof part === 'object' && Object.keys(part).length) {
        var section = el('section', 'provenance-' + s[0]);
        section.appendChild(el('h3', null, s[1]));
        section.appendChild(fields(part, false));
        parent.appendChild(section);
      }
    });
  }

  /** The lineage as a chain from the training data to the image: [{step, items, self}]. */
  function lineageChain(provenance) {
    var lineage = provenance && provenance.lineage;
    if (!lineage || typeof lineage !== 'object' || !Object.keys(lineage).length) {
      return [];
    }
    var model = provenance.model || {};
    var creator = provenance.creator || {};
    var steps = [
      {step: 'Trained on', items: list(lineage.datasets, function (d) {
        return d.name + (d.license ? ' (' + d.license + ')' : '');
      })},
      {step: 'Base model', items: list(lineage.baseModels, modelRef)},
      {step: 'Merged from', items: list(lineage.merges, function (m) {
        return modelRef(m.model) + (m.weight !== undefined ? ' \u00d7 ' + m.weight : '');
      })},
      {step: 'Fine-tuned', items: lineage.fineTuning && lineage.fineTuning.method ? [lineage.fineTuning.method] : []},
      {step: 'This model', self: true, items: [modelRef(model) + (creator.handle ? ' by ' + creator.handle : '')]},
      {step: 'With adapters', items: list(lineage.adapters, function (a) {
        return a.name + (a.kind ? ' (' + (String(a.kind).toLowerCase() === 'lora' ? 'LoRA' : a.kind) + ')' : '');
      })},
      {step: 'This image', items: ['Generated with the model above']}
    ];
    return steps.filter(function (s) { return s.items.length > 0; });
  }

  function renderChain(parent, provenance) {
    var steps = lineageChain(provenance);
    if (!steps.length) {
      return;
    }
    var ol = el('ol', 'chain');
    ol.setAttribute('aria-label', 'Lineage, from the training data to this image');
    steps.forEach(function (s) {
      var li = el('li', s.self ? 'this' : null);
      li.appendChild(el('span', 'step', s.step));
      if (s.items.length === 1) {
        li.appendChild(document.createTextNode(s.items[0]));
      } else {
        var ul = el('ul');
        s.items.forEach(function (i) { ul.appendChild(el('li', null, i)); });
        li.appendChild(ul);
      }
      ol.appendChild(li);
    });
    parent.appendChild(ol);
  }

  function credentialIdOf(value) {
    if (!value) {
      return null;
    }
    var text = String(value).trim();
    var m = /\/([^\/?#]+)\/?(?:[?#].*)?$/.exec(text);
    var id = (m ? m[1] : text).toLowerCase();
    return CREDENTIAL_ID.test(id) ? id : null;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The element

  var STYLE = [
    ':host{display:inline-block;position:relative;max-width:100%;vertical-align:top;line-height:normal;',
    'font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1f;text-align:start}',
    ':host([hidden]),[hidden]{display:none!important}',
    '.frame{position:relative}',
    'img{display:block;width:100%;height:auto;max-width:100%}',
    'button{font:inherit;cursor:pointer}',
    '.hotspot{position:absolute;margin:0;padding:0;border:0;border-radius:6px;background:transparent;',
    'box-sizing:border-box;-webkit-tap-highlight-color:transparent}',
    '.hotspot:hover{box-shadow:0 0 0 2px #fff,0 0 0 4px #1b1b1f}',
    '.hotspot:focus{outline:none}',
    '.hotspot:focus-visible{box-shadow:0 0 0 2px #fff,0 0 0 5px #1b1b1f}',
    '.under{display:flex;justify-content:flex-end;margin-top:4px}',
    '.badge{display:inline-flex;align-items:center;gap:5px;padding:2px 9px 2px 5px;border:1px solid #c9c9d1;',
    'border-radius:999px;background:#fff;color:#1b1b1f;font-size:12px;line-height:20px}',
    '.badge:hover{border-color:#1b1b1f}',
    '.badge:focus{outline:none}.badge:focus-visible{box-shadow:0 0 0 2px #fff,0 0 0 4px #1b1b1f}',
    '.card{position:absolute;z-index:2147483000;box-sizing:border-box;width:min(22rem,calc(100vw - 16px));',
    'max-height:min(30rem,80vh);overflow:auto;padding:12px 14px;border:1px solid #c9c9d1;border-radius:12px;',
    'background:#fff;color:#1b1b1f;box-shadow:0 8px 28px rgba(0,0,0,.28)}',
    '.card[hidden]{display:none}',
    '.card .thumb{display:block;max-width:100%;max-height:8rem;margin:.5rem auto;border-radius:4px}',
    '.card .thumb[hidden]{display:none}',
    '.head{display:flex;align-items:center;gap:8px;margin:0 0 8px}',
    '.head h2{flex:1;margin:0;font-size:15px}',
    '.close{border:0;background:transparent;color:inherit;font-size:20px;line-height:1;padding:2px 6px;',
    'border-radius:6px}',
    '.close:focus-visible{outline:2px solid currentColor}',
    '.status{margin:0 0 8px;padding:8px 10px;border-radius:8px;background:#f1f1f4}',
    '.status strong{display:block}',
    '.status.invalid,.status.error,.status.warn{border-left:4px solid #1b1b1f}',
    '.status.recovered{border-left:4px dashed #1b1b1f}',
    '.ai{display:inline-block;margin:0 0 8px;padding:1px 8px;border:1px solid #c9c9d1;border-radius:999px;',
    'font-size:12px}',
    '.identity{margin:0 0 8px;font-size:13px}.identity.confirmed{font-weight:600}',
    '.identity.unconfirmed{color:#5d5d66}',
    'dl{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:4px 10px}',
    'dt{color:#5d5d66}dd{margin:0;overflow-wrap:anywhere}',
    'dd p{margin:0}dd p+p{margin-top:2px}',
    '.more{display:block;margin-top:10px;color:inherit;font-weight:600}',
    '.notice{margin:8px 0;padding:6px 10px;border:2px solid currentColor;border-radius:6px}',
    '.notice p{margin:4px 0;white-space:pre-wrap;overflow-wrap:anywhere}',
    '.note{margin:8px 0 0;color:#5d5d66;font-size:12px}',
    '@media (prefers-color-scheme:dark){.card,.badge{background:#1d1d22;color:#ececf1;border-color:#4a4a52}',
    '.status{background:#2a2a30}dt,.note{color:#a4a4ad}',
    '.status.invalid,.status.error,.status.warn,.status.recovered{border-left-color:#ececf1}}'
  ].join('\n');

  var sheet = null;

  function adoptStyle(root) {
    // a constructed style sheet is not inline style, so pages with a strict Content-Security-Policy keep it
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(STYLE);
      }
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      root.appendChild(el('style', null, STYLE));
    }
  }

  var serial = 0;

  class CredmarkImage extends HTMLElement {
    static get observedAttributes() {
      return ['src', 'alt', 'credential', 'indicator', 'service'];
    }

    constructor() {
      super();
      var root = this.attachShadow({mode: 'open'});
      adoptStyle(root);
      var n = ++serial;
      this._frame = el('div', 'frame');
      this._img = el('img');
      this._img.setAttribute('part', 'image');
      this._frame.appendChild(this._img);

      this._hotspot = el('button', 'hotspot');
      this._hotspot.type = 'button';
      this._hotspot.hidden = true;
      this._hotspot.setAttribute('part', 'hotspot');
      this._frame.appendChild(this._hotspot);

      this._under = el('div', 'under');
      this._under.hidden = true;
      this._badge = el('button', 'badge');
      this._badge.type = 'button';
      this._badge.setAttribute('part', 'badge');
      this._badge.appendChild(symbol(16));
      this._badgeText = el('span', null, 'Attribution');
      this._badge.appendChild(this._badgeText);
      this._under.appendChild(this._badge);

      this._card = el('div', 'card');
      this._card.id = 'credmark-card-' + n;
      this._card.hidden = true;
      this._card.setAttribute('role', 'dialog');
      this._card.setAttribute('part', 'card');
      this._card.setAttribute('aria-labelledby', this._card.id + '-title');

      [this._hotspot, this._badge].forEach(function (b) {
        b.setAttribute('aria-haspopup', 'dialog');
        b.setAttribute('aria-expanded', 'false');
        b.setAttribute('aria-controls', this._card.id);
      }, this);

      root.appendChild(this._frame);
      root.appendChild(this._under);
      root.appendChild(this._card);

      this._trigger = null;
      this._report = null;
      this._credential = null;
      this._generation = 0;

      var self = this;
      this._hotspot.addEventListener('click', function () { self.toggle(self._hotspot); });
      this._badge.addEventListener('click', function () { self.toggle(self._badge); });
      this._onKey = function (e) {
        if (e.key === 'Escape' && !self._card.hidden) {
          e.preventDefault();
          self.close(true);
        }
      };
      root.addEventListener('keydown', this._onKey);
      this._onOutside = function (e) {
        if (!self._card.hidden && e.composedPath().indexOf(self) < 0) {
          self.close(false);
        }
      };
      this._img.addEventListener('load', function () { self._place(); });
      if (window.ResizeObserver) {
        this._resize = new ResizeObserver(function () { self._place(); });
      }
      this._onWindowResize = function () { self._place(); };
    }

    connectedCallback() {
      document.addEventListener('pointerdown', this._onOutside, true);
      window.addEventListener('resize', this._onWindowResize);
      if (this._resize) {
        this._resize.observe(this._img);
      }
      if (!this._started) {
        this._started = true;
        this._load();
      }
    }

    disconnectedCallback() {
      document.removeEventListener('pointerdown', this._onOutside, true);
      window.removeEventListener('resize', this._onWindowResize);
      if (this._resize) {
        this._resize.disconnect();
      }
    }

    attributeChangedCallback(name, before, after) {
      if (before === after) {
        return;
      }
      if (name === 'alt') {
        this._img.alt = after || '';
      } else if (this._started && !this._reloading) {
        // several attributes may change at once: load again once, after all of them
        this._reloading = true;
        var self = this;
        Promise.resolve().then(function () {
          self._reloading = false;
          self._load();
        });
      }
    }

    /** The service this element talks to. */
    get service() {
      var s = this.getAttribute('service');
      return (s ? s : DEFAULT_SERVICE).replace(/\/+$/, '');
    }

    /** The verification report of the image as shown, once it is known. */
    get report() {
      return this._report;
    }

    get open() {
      return !this._card.hidden;
    }

    toggle(trigger) {
      if (this._card.hidden) {
        this.show(trigger);
      } else {
        this.close(false);
      }
    }

    show(trigger) {
      var t = trigger || (this._hotspot.hidden ? this._badge : this._hotspot);
      if ((this.getAttribute('indicator') || '') === 'none') {
        return;
      }
      this._trigger = t;
      this._card.hidden = false;
      t.setAttribute('aria-expanded', 'true');
      this._placeCard();
      this.dispatchEvent(new CustomEvent('credmark-open', {bubbles: true, composed: true}));
    }

    close(restoreFocus) {
      if (this._card.hidden) {
        return;
      }
      this._card.hidden = true;
      [this._hotspot, this._badge].forEach(function (b) { b.setAttribute('aria-expanded', 'false'); });
      if (restoreFocus && this._trigger) {
        this._trigger.focus();
      }
    }

    _setState(state, status) {
      this.setAttribute('data-state', state);
      if (status) {
        this.setAttribute('data-status', status);
      } else {
        this.removeAttribute('data-status');
      }
    }

    _load() {
      var generation = ++this._generation;
      var src = this.getAttribute('src') || '';
      var indicator = this.getAttribute('indicator') || 'auto';
      this._img.alt = this.getAttribute('alt') || '';
      if (src) {
        this._img.src = src;
      } else {
        this._img.removeAttribute('src');
      }
      this._report = null;
      this._credential = null;
      this._hotspot.hidden = true;
      this._under.hidden = true;
      this.close(false);
      if (indicator === 'none' || !src) {
        this._setState(src ? 'ready' : 'error', null);
        return;
      }
      this._setState('loading', null);
      this._render();
      var self = this;
      var service = this.service;
      var claimed = credentialIdOf(this.getAttribute('credential'));
      fetch(src, {credentials: 'same-origin'}).then(function (r) {
        if (!r.ok) {
          throw new Error('image ' + r.status);
        }
        return r.blob();
      }).then(function (blob) {
        var form = new FormData();
        form.append('image', blob, 'image');
        return fetch(service + '/v1/verify?via=component',
            {method: 'POST', body: form, mode: 'cors', credentials: 'omit'})
          .then(function (r) {
            return r.json().then(function (body) { return {ok: r.ok, body: body}; });
          });
      }).then(function (answer) {
        if (generation !== self._generation) {
          return;
        }
        self._report = answer.body;
        self._finish(answer.ok ? statusOf(answer.body) : statusOf({detail: answer.body && answer.body.detail}));
      }).catch(function () {
        // the image cannot be read from here (another origin without CORS) or the service is unreachable:
        // show the credential as recorded, and say that the image itself was not checked
        if (generation !== self._generation) {
          return;
        }
        if (!claimed) {
          self._finish(statusOf(null));
          return;
        }
        fetch(service + '/v1/credentials/' + encodeURIComponent(claimed), {mode: 'cors', credentials: 'omit'})
          .then(function (r) {
            if (!r.ok) {
              throw new Error('credential ' + r.status);
            }
            return r.json();
          }).then(function (credential) {
            if (generation === self._generation) {
              self._credential = credential;
              self._finish({kind: 'unchecked', title: TEXT.unchecked, detail: TEXT.uncheckedDetail});
            }
          }).catch(function () {
            if (generation === self._generation) {
              self._finish(statusOf(null));
            }
          });
      });
    }

    _finish(status) {
      this._status = status;
      var indicator = this.getAttribute('indicator') || 'auto';
      var marker = this._report && this._report.summary && this._report.summary.marker;
      this._box = marker && marker.displayBox && typeof marker.displayBox.width === 'number' ? marker.displayBox
        : null;
      var useHotspot = indicator !== 'badge' && this._box !== null;
      this._hotspot.hidden = !useHotspot;
      this._under.hidden = useHotspot;
      var provenance = this._provenance();
      var creator = provenance && provenance.creator && provenance.creator.handle;
      var label = 'Attribution' + (creator ? ': ' + creator : '');
      if (status.kind === 'recovered') {
        label = 'Attribution recovered' + (creator ? ': ' + creator : '');
      } else if (status.kind === 'invalid') {
        label = 'Attribution can\u2019t be verified';
      } else if (status.kind === 'none') {
        label = 'No attribution found';
      } else if (status.kind === 'error') {
        label = 'Attribution could not be checked';
      }
      this._badgeText.textContent = label;
      this._hotspot.setAttribute('aria-label', label + ' \u2014 show details');
      this._badge.setAttribute('aria-label', label + ' \u2014 show details');
      this._render();
      this._place();
      this._setState(status.kind === 'error' ? 'error' : 'ready', status.kind);
      this.dispatchEvent(new CustomEvent('credmark-ready', {bubbles: true, composed: true,
        detail: {status: status.kind}}));
    }

    /** What may be shown as fact: a valid report's proven fields, or the service's record when unchecked. */
    _provenance() {
      if (this._status && this._status.kind === 'unchecked' && this._credential) {
        return this._credential.provenance || null;
      }
      var r = this._report;
      if (r && r.status === 'recovered' && r.recovered) {
        return r.recovered.provenance || null;
      }
      if (r && (r.status === 'trusted' || r.status === 'valid') && r.summary) {
        return r.summary.provenance || null;
      }
      return null;
    }

    _credentialId() {
      var r = this._report;
      var fromReport = r && ((r.status === 'recovered' && r.recovered && credentialIdOf(r.recovered.id))
        || (r.credential && credentialIdOf(r.credential.id)));
      return fromReport || credentialIdOf(this.getAttribute('credential'));
    }

    _render() {
      var card = this._card;
      while (card.firstChild) {
        card.removeChild(card.firstChild);
      }
      var head = el('div', 'head');
      head.appendChild(symbol(20));
      var title = el('h2', null, 'Content attribution');
      title.id = card.id + '-title';
      head.appendChild(title);
      var close = el('button', 'close', '\u00d7');
      close.type = 'button';
      close.setAttribute('aria-label', 'Close');
      var self = this;
      close.addEventListener('click', function () { self.close(true); });
      head.appendChild(close);
      card.appendChild(head);

      var status = this._status;
      if (!status) {
        card.appendChild(el('p', 'status', 'Checking the image\u2019s Content Credentials\u2026'));
        return;
      }
      var box = el('p', 'status ' + status.kind);
      box.setAttribute('data-status', status.kind);
      box.appendChild(el('strong', null, status.title));
      box.appendChild(document.createTextNode(status.detail || ''));
      card.appendChild(box);
      var wm = status.kind === 'trusted' || status.kind === 'valid' ? watermarkVerdict(this._report) : null;
      if (wm && !wm.agrees) {
        card.appendChild(el('p', 'status warn', wm.text));
      } else if (status.kind === 'recovered' && this._report && this._report.activeManifest) {
        card.appendChild(el('p', 'status warn', TEXT.recoveredBroken));
      }

      // the creator's notice on this credential: the service's, dated and attributed, not the manifest's
      var notice = (this._report && this._report.notice) || (this._credential && this._credential.notice);
      if (notice && notice.text) {
        var nb = el('div', 'notice');
        nb.setAttribute('role', 'note');
        nb.appendChild(el('strong', null, 'Notice from the creator'));
        nb.appendChild(el('p', null, notice.text));
        nb.appendChild(el('p', 'note', '\u2014 ' + notice.creator + ', ' + String(notice.updatedAt).slice(0, 10)));
        card.appendChild(nb);
      }

      var label = status.kind === 'trusted' || status.kind === 'valid' ? aiLabel(this._report) : null;
      if (label) {
        card.appendChild(el('span', 'ai', label));
      }

      // whether the creator signed the manifest themselves (a CAWG identity assertion) or a front end only named them
      var identity = (this._report && this._report.summary && this._report.summary.creatorIdentity)
        || (this._credential && this._credential.creatorIdentity);
      if (identity && identity.text) {
        var ib = el('p', 'identity ' + (identity.confirmed ? 'confirmed' : 'unconfirmed'), identity.text);
        ib.setAttribute('data-identity', identity.confirmed ? 'confirmed' : 'named');
        card.appendChild(ib);
      }

      var p = this._provenance();
      if (p) {
        var dl = el('dl');
        var add = function (name, lines) {
          if (!lines || !lines.length) {
            return;
          }
          dl.appendChild(el('dt', null, name));
          var dd = el('dd');
          dd.setAttribute('data-field', name.toLowerCase());
          lines.forEach(function (line) { dd.appendChild(el('p', null, line)); });
          dl.appendChild(dd);
        };
        var c = p.creator || {};
        add('Creator', [c.displayName ? c.displayName + ' (' + c.handle + ')' : c.handle].filter(Boolean));
        add('Model', [modelRef(p.model)].filter(Boolean));
        add('Lineage', lineageSummary(p.lineage));
        add('Usage', usageSummary(p.usage));
        card.appendChild(dl);
      }

      var r = this._report;
      var claimed = credentialIdOf(this.getAttribute('credential'));
      var carried = this._credentialId();
      if (claimed && r && carried && claimed !== carried) {
        card.appendChild(el('p', 'note', 'This image carries a different credential than the page names.'));
      }
      var id = this._credentialId();
      var assertions = (r && r.summary && r.summary.assertions) || [];
      if (id && assertions.indexOf('c2pa.thumbnail.claim.jpeg') >= 0) {
        // the claim thumbnail kept with the record: which image the credential was issued with. Fetched and drawn
        // on a canvas, since the host page's img-src need not allow this service (its connect-src must already).
        var thumb = el('canvas', 'thumb');
        thumb.setAttribute('role', 'img');
        thumb.setAttribute('aria-label', 'The image this credential was issued with');
        thumb.hidden = true;
        card.appendChild(thumb);
        fetch(this.service + '/c/' + encodeURIComponent(id) + '/thumbnail.jpg').then(function (r) {
          return r.ok ? r.blob() : null;
        }).then(function (blob) {
          return blob && window.createImageBitmap ? createImageBitmap(blob) : null;
        }).then(function (bitmap) {
          if (bitmap) {
            thumb.width = bitmap.width;
            thumb.height = bitmap.height;
            thumb.getContext('2d').drawImage(bitmap, 0, 0);
            thumb.hidden = false;
          }
        }).catch(function () { /* no thumbnail: the card stands without it */ });
      }
      if (id) {
        var more = el('a', 'more', 'See the full credential');
        more.href = this.service + '/c/' + encodeURIComponent(id);
        more.target = '_blank';
        more.rel = 'noopener';
        card.appendChild(more);
        var report = el('a', 'more report', 'Report this image');
        report.href = this.service + '/c/' + encodeURIComponent(id) + '/report';
        report.target = '_blank';
        report.rel = 'noopener';
        card.appendChild(report);
      }
      card.appendChild(el('p', 'note', 'Only what the creator chose to disclose is shown.'));
    }

    /** Puts the hotspot over the mark, scaled to the size the image is rendered at, and the card beside it. */
    _place() {
      var img = this._img;
      if (this._box && img.naturalWidth > 0 && img.clientWidth > 0) {
        var sx = img.clientWidth / img.naturalWidth;
        var sy = img.clientHeight / img.naturalHeight;
        var x = this._box.x * sx;
        var y = this._box.y * sy;
        var w = this._box.width * sx;
        var h = this._box.height * sy;
        if (w < MIN_TARGET) {
          x -= (MIN_TARGET - w) / 2;
          w = MIN_TARGET;
        }
        if (h < MIN_TARGET) {
          y -= (MIN_TARGET - h) / 2;
          h = MIN_TARGET;
        }
        x = Math.max(0, Math.min(x, img.clientWidth - w));
        y = Math.max(0, Math.min(y, img.clientHeight - h));
        var s = this._hotspot.style;
        s.left = x + 'px';
        s.top = y + 'px';
        s.width = w + 'px';
        s.height = h + 'px';
      }
      this._placeCard();
    }

    _placeCard() {
      var card = this._card;
      if (card.hidden) {
        return;
      }
      var host = this.getBoundingClientRect();
      var anchor = (this._trigger && !this._trigger.hidden ? this._trigger : this._frame).getBoundingClientRect();
      var width = card.offsetWidth;
      var height = card.offsetHeight;
      var gap = 6;
      // beside the mark, towards the middle of the image, and kept inside the viewport
      var above = anchor.top - host.top > host.height / 2 && anchor.top - height - gap >= 8;
      var top = above ? anchor.top - host.top - height - gap : anchor.bottom - host.top + gap;
      var left = anchor.left + anchor.width / 2 > host.left + host.width / 2 ? anchor.right - host.left - width
        : anchor.left - host.left;
      var viewport = document.documentElement.clientWidth || window.innerWidth;
      left = Math.min(left, viewport - 8 - host.left - width);
      left = Math.max(left, 8 - host.left);
      card.style.left = left + 'px';
      card.style.top = top + 'px';
    }
  }

  CredmarkImage.ui = {
    el: el, link: link, symbol: symbol, statusOf: statusOf, aiLabel: aiLabel, signedOn: signedOn,
    lineageSummary: lineageSummary, usageSummary: usageSummary, renderProvenance: renderProvenance,
    renderChain: renderChain, fields: fields, modelRef: modelRef, credentialIdOf: credentialIdOf,
    watermarkVerdict: watermarkVerdict, formatDate: formatDate, text: TEXT
  };

  window.customElements.define('credmark-image', CredmarkImage);
})();
