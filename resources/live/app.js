/* ampdesk participant page.
 *
 * Talks to the participant API (docs/participant-api.md). Runs under a strict CSP: no inline
 * script or style, no eval. Every piece of text from the server is put into the page with
 * textContent (never as HTML), so participant notes always show as literal text.
 */
(function () {
  'use strict';

  var POLL_MS = 2000;
  var FETCH_TIMEOUT_MS = 10000;
  var MAX_BACKOFF_MS = 10000;
  var TEXT_MAX = 280;

  var K_TOKEN = 'ampdesk.token';
  var K_PENDING = 'ampdesk.pending';
  var K_SAVED = 'ampdesk.saved';

  // ---------------------------------------------------------------- storage

  var memoryStore = {};
  function lsGet(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (e) {
      return Object.prototype.hasOwnProperty.call(memoryStore, key) ? memoryStore[key] : null;
    }
  }
  function lsSet(key, value) {
    memoryStore[key] = value;
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode or full */ }
  }
  function lsRemove(key) {
    delete memoryStore[key];
    try { window.localStorage.removeItem(key); } catch (e) { /* ignore */ }
  }
  function lsGetJson(key, fallback) {
    var raw = lsGet(key);
    if (raw === null) return fallback;
    try {
      var v = JSON.parse(raw);
      return v === null || v === undefined ? fallback : v;
    } catch (e) {
      return fallback;
    }
  }

  function loadSaved() {
    var s = lsGetJson(K_SAVED, {});
    if (typeof s !== 'object' || Array.isArray(s)) s = {};
    if (typeof s.answers !== 'object' || !s.answers || Array.isArray(s.answers)) s.answers = {};
    if (typeof s.votes !== 'object' || !s.votes || Array.isArray(s.votes)) s.votes = {};
    return s;
  }
  function storeSaved(s) { lsSet(K_SAVED, JSON.stringify(s)); }

  function loadPending() {
    var p = lsGetJson(K_PENDING, []);
    return Array.isArray(p) ? p.filter(function (r) {
      return r && typeof r.key === 'string' && typeof r.path === 'string' && typeof r.token === 'string';
    }) : [];
  }
  function storePending(list) {
    if (list.length) lsSet(K_PENDING, JSON.stringify(list));
    else lsRemove(K_PENDING);
  }

  // ---------------------------------------------------------------- helpers

  function $(id) { return document.getElementById(id); }

  /* Build an element. attrs: plain attributes (set with setAttribute), except a few
   * properties (className, checked, disabled, value, hidden, type). Children: nodes or
   * strings (strings become text nodes, never markup). */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var v = attrs[name];
        if (v === null || v === undefined || v === false) return;
        if (name === 'className') el.className = v;
        else if (name === 'checked' || name === 'disabled' || name === 'hidden' ||
                 name === 'required' || name === 'selected') el[name] = !!v;
        else if (name === 'value') el.value = v;
        else if (name === 'text') el.textContent = v;
        else el.setAttribute(name, v === true ? '' : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function append(el) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) { append.apply(null, [el].concat(child)); continue; }
      el.appendChild(typeof child === 'string' || typeof child === 'number'
        ? document.createTextNode(String(child)) : child);
    }
    return el;
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

  /* A fresh idempotency key: 18 random bytes as base64url, 24 characters of [A-Za-z0-9_-]. */
  function newKey() {
    var bytes = new Uint8Array(18);
    window.crypto.getRandomValues(bytes);
    var bin = '';
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return window.btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function sleep(ms) {
    return new Promise(function (resolve) {
      var t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        window.removeEventListener('online', done);
        resolve();
      }
      // A phone that comes back online retries at once instead of waiting out the backoff.
      window.addEventListener('online', done);
    });
  }

  function fetchT(url, opts) {
    var ctl = typeof AbortController === 'function' ? new AbortController() : null;
    var o = Object.assign({ cache: 'no-store', credentials: 'omit', redirect: 'error' }, opts || {});
    if (ctl) o.signal = ctl.signal;
    var timer = setTimeout(function () { if (ctl) ctl.abort(); }, FETCH_TIMEOUT_MS);
    return fetch(url, o).then(function (res) {
      clearTimeout(timer);
      return res;
    }, function (err) {
      clearTimeout(timer);
      throw err;
    });
  }

  function readJson(res) {
    return res.text().then(function (t) {
      try { return t ? JSON.parse(t) : {}; } catch (e) { return {}; }
    }, function () { return {}; });
  }

  function errorText(body, fallback) {
    return body && typeof body.error === 'string' && body.error.trim() ? body.error : fallback;
  }

  /* Retry-After: seconds or an HTTP date. Returns milliseconds. */
  function retryAfterMs(res, fallback) {
    var v = res && res.headers ? res.headers.get('Retry-After') : null;
    if (!v) return fallback;
    var n = Number(v);
    if (isFinite(n) && n >= 0) return n * 1000;
    var d = Date.parse(v);
    if (!isNaN(d)) return Math.max(0, d - Date.now());
    return fallback;
  }

  function describeWait(ms) {
    var s = Math.max(1, Math.ceil(ms / 1000));
    if (s < 90) return s === 1 ? 'a second' : s + ' seconds';
    var m = Math.ceil(s / 60);
    return m === 1 ? 'a minute' : m + ' minutes';
  }

  /* The server refuses control characters other than line breaks. Tabs become spaces. */
  function cleanText(s) {
    return s.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')
      .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, '');
  }

  function cap(s) { s = String(s); return s.charAt(0).toUpperCase() + s.slice(1); }

  // ---------------------------------------------------------------- app state

  var token = lsGet(K_TOKEN);
  var etag = null;
  var state = null;          // last state object rendered
  var stateJson = null;      // its JSON, to tell real changes from repeats
  var structJson = null;     // JSON without `locked`
  var pollTimer = null;
  var polling = false;
  var online = null;         // null: not known yet

  var saved = loadSaved();   // { answers: {"activity\u0001item": 1..5}, votes: {voteKey: [ids]} }
  var answerDraft = {};      // "activity\u0001item" -> value chosen on screen
  var noteDraft = {};        // "activity\u0001kind" -> { text, dim }
  var formStatus = {};       // formId -> { kind: 'busy'|'ok'|'err', text }
  var statusEls = {};        // formId -> status <p> currently on screen
  var submitBtns = {};       // formId -> submit <button> currently on screen
  var noteAreas = {};        // formId -> <textarea>

  function aKey(activity, item) { return activity + '\u0001' + item; }

  // ---------------------------------------------------------------- screens

  function show(which) {
    $('loading').hidden = true;
    $('join').hidden = which !== 'join';
    $('live').hidden = which !== 'live';
  }

  function setConn(ok) {
    var el = $('conn');
    if (ok === null) {
      online = null;
      el.textContent = '';
      el.className = 'conn';
      return;
    }
    if (online === ok) return; // do not repeat the same announcement
    online = ok;
    el.textContent = ok ? 'Connected' : 'Reconnecting…';
    el.className = 'conn ' + (ok ? 'ok' : 'bad');
  }

  function setNotice(kind, text) {
    var el = $('notice');
    el.className = 'msg' + (kind ? ' ' + kind : '');
    el.textContent = text || '';
  }

  function setJoinMsg(kind, text) {
    var el = $('join-msg');
    el.className = 'msg' + (kind ? ' ' + kind : '');
    el.textContent = text || '';
  }

  function showJoin(kind, text, code) {
    stopPolling();
    setConn(null);
    show('join');
    var input = $('join-code');
    if (typeof code === 'string') input.value = code;
    $('join-btn').disabled = false;
    setJoinMsg(kind, text);
  }

  // ---------------------------------------------------------------- joining

  var joining = false;
  var linkCode = '';   // code from the join link, kept to fill in the form if it is needed later

  function join(code) {
    code = String(code || '').trim();
    show('join');
    if (!code) {
      setJoinMsg('err', 'Please type the join code first.');
      $('join-code').focus();
      return Promise.resolve();
    }
    if (joining) return Promise.resolve();
    joining = true;
    $('join-code').value = code;
    $('join-btn').disabled = true;
    setJoinMsg('busy', 'Joining…');
    return fetchT('/api/join', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: code })
    }).then(function (res) {
      return readJson(res).then(function (body) { return { res: res, body: body }; });
    }).then(function (r) {
      joining = false;
      $('join-btn').disabled = false;
      var st = r.res.status;
      if (st === 201 && r.body && typeof r.body.token === 'string' && r.body.token) {
        setToken(r.body.token);
        linkCode = '';
        setJoinMsg('', '');
        $('join-code').value = '';
        startLive();
        return;
      }
      if (st === 403 && errorText(r.body, 'wrong code') !== 'wrong code') {
        setJoinMsg('err', errorText(r.body, ''));  /* joining closed, or this network's phones are in */
      } else if (st === 403) {
        setJoinMsg('err', 'That code did not work. Check it on the facilitator\'s screen and try again.');
      } else if (st === 429) {
        setJoinMsg('err', 'Too many wrong codes from this network. Please wait ' +
          describeWait(retryAfterMs(r.res, 300000)) + ', then try again.');
      } else if (st === 400) {
        setJoinMsg('err', errorText(r.body, 'That code could not be read. Please check it.'));
      } else {
        setJoinMsg('err', errorText(r.body, 'Joining did not work (error ' + st + '). Please try again.'));
      }
      $('join-code').focus();
    }, function () {
      joining = false;
      $('join-btn').disabled = false;
      setJoinMsg('err', 'Cannot reach the workshop right now. Check that you are on the same Wi-Fi ' +
        'as the facilitator, then try again.');
    });
  }

  function setToken(t) {
    if (t !== token) {
      // A new token is a new phone: what the old one saved no longer applies.
      saved = { answers: {}, votes: {} };
      storeSaved(saved);
      answerDraft = {};
      formStatus = {};
    }
    token = t;
    lsSet(K_TOKEN, t);
    etag = null;
    state = stateJson = structJson = null;
  }

  function dropToken(message) {
    token = null;
    lsRemove(K_TOKEN);
    storePending([]);
    saved = { answers: {}, votes: {} };  /* whoever joins next sees none of these answers */
    storeSaved(saved);
    answerDraft = {};
    etag = null;
    state = stateJson = structJson = null;
    formStatus = {};
    setLock(false);
    setNotice('', '');
    showJoin('err', message || '', linkCode || undefined);
  }

  function dropStoredToken() {
    token = null;
    lsRemove(K_TOKEN);
    storePending([]);
    saved = { answers: {}, votes: {} };
    storeSaved(saved);
    answerDraft = {};
  }

  function takeHashCode() {
    var raw = window.location.hash ? window.location.hash.slice(1) : '';
    if (!raw) return '';
    try { raw = decodeURIComponent(raw); } catch (e) { /* keep as is */ }
    // Take the code out of the address bar (and out of history) straight away.
    try {
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    } catch (e) { /* ignore */ }
    return raw.trim();
  }

  // ---------------------------------------------------------------- polling

  function startLive() {
    show('live');
    setConn(null);
    $('conn').textContent = 'Connecting…';
    $('conn').className = 'conn';
    processQueue();
    pollNow();
  }

  function stopPolling() {
    clearTimeout(pollTimer);
    pollTimer = null;
  }

  function schedulePoll(ms) {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(pollNow, ms);
  }

  function pollNow() {
    if (!token || polling) return;
    clearTimeout(pollTimer);
    polling = true;
    var myToken = token;
    var headers = { 'Authorization': 'Bearer ' + myToken };
    if (etag) headers['If-None-Match'] = etag;
    var next = POLL_MS;
    fetchT('/api/state', { headers: headers }).then(function (res) {
      if (token !== myToken) return null;
      if (res.status === 304) { setConn(true); return null; }
      if (res.status === 401) {
        dropToken('This phone is not part of the current workshop. Type the join code to join.');
        return null;
      }
      if (res.status === 429) {
        setConn(true);
        next = Math.max(POLL_MS, retryAfterMs(res, 5000));
        return null;
      }
      if (res.status !== 200) { setConn(false); return null; }
      var tag = res.headers.get('ETag');
      return res.text().then(function (text) {
        var s;
        try { s = JSON.parse(text); } catch (e) { setConn(false); return; }
        if (!s || typeof s !== 'object') { setConn(false); return; }
        if (token !== myToken) return;
        etag = tag || null;
        setConn(true);
        applyState(s);
      });
    }).catch(function () {
      if (token === myToken) setConn(false);
    }).then(function () {
      polling = false;
      if (token && token === myToken) schedulePoll(next);
      else if (token) pollNow();
    });
  }

  // ---------------------------------------------------------------- rendering

  function applyState(s) {
    var json = JSON.stringify(s);
    if (json === stateJson) return; // nothing changed: leave the screen (and what is typed) alone
    var copy = Object.assign({}, s);
    delete copy.locked;
    var sj = JSON.stringify(copy);
    var onlyLockChanged = sj === structJson && state !== null;
    state = s;
    stateJson = json;
    structJson = sj;
    if (onlyLockChanged) {
      setLock(!!s.locked && s.activity !== 'waiting');
      refreshButtons();
      return;
    }
    render();
  }

  function setLock(locked) {
    $('lock').textContent = locked
      ? 'Input is paused by the facilitator. You can read on; sending is switched off for now.'
      : '';
  }

  function isPending(formId) {
    return loadPending().some(function (r) { return r.form === formId; });
  }

  function refreshButtons() {
    var locked = !!(state && state.locked);
    Object.keys(submitBtns).forEach(function (id) {
      submitBtns[id].disabled = locked || isPending(id);
    });
  }

  function paintStatus(formId) {
    var el = statusEls[formId];
    if (!el) return;
    var st = formStatus[formId];
    el.className = 'msg' + (st ? ' ' + st.kind : '');
    el.textContent = st ? st.text : '';
  }

  /* Show a submission's outcome by its form, or in the page notice when that form is gone. */
  function report(formId, kind, text, carry) {
    formStatus[formId] = { kind: kind, text: text, carry: !!carry };
    if (statusEls[formId] && document.body.contains(statusEls[formId])) paintStatus(formId);
    else if (kind !== 'busy') setNotice(kind, text);
    refreshButtons();
  }

  function statusEl(formId) {
    var el = h('p', { className: 'msg', role: 'status', 'aria-live': 'polite' });
    statusEls[formId] = el;
    paintStatus(formId);
    return el;
  }

  function safeId(prefix, s) {
    return prefix + '-' + String(s).replace(/\s+/g, '_');
  }

  function render() {
    var screen = $('screen');
    // Keep focus (and the caret) across a rebuild where the same control is still there.
    var active = document.activeElement;
    var focusId = active && active.id && screen.contains(active) ? active.id : null;
    var selStart = null, selEnd = null;
    if (focusId && active.tagName === 'TEXTAREA') {
      selStart = active.selectionStart;
      selEnd = active.selectionEnd;
    }

    var oldForms = Object.keys(statusEls);
    statusEls = {};
    submitBtns = {};
    noteAreas = {};
    clear(screen);
    var s = state;
    setLock(!!s.locked && s.activity !== 'waiting');

    if (s.activity === 'waiting') {
      append(screen, renderWaiting(s));
    } else {
      append(screen, h('h1', { dir: 'auto', text: s.title || 'Workshop' }));
      if (s.intro) append(screen, h('p', { className: 'intro', dir: 'auto', text: s.intro }));
      var any = false;
      if (Array.isArray(s.questions) && s.questions.length) {
        append(screen, renderQuestions(s));
        any = true;
      }
      if (s.voting && typeof s.voting === 'object') {
        append(screen, renderVoting(s));
        any = true;
      }
      if (Array.isArray(s.note_kinds) && s.note_kinds.length) {
        append(screen, renderNotes(s));
        any = true;
      }
      if (!any) {
        append(screen, h('p', { className: 'calm',
          text: 'Nothing to fill in right now. Keep this page open; it changes by itself.' }));
      }
      append(screen, renderDone(s));
    }
    refreshButtons();
    // A "moved on" answer shown by a form that has just gone stays readable below.
    oldForms.forEach(function (id) {
      var st = formStatus[id];
      if (!statusEls[id] && st && st.carry) setNotice(st.kind, st.text);
    });

    if (focusId) {
      var el = document.getElementById(focusId);
      if (el && !el.disabled) {
        try { el.focus({ preventScroll: true }); } catch (e) { el.focus(); }
        if (selStart !== null && el.tagName === 'TEXTAREA') {
          try { el.setSelectionRange(selStart, selEnd); } catch (e) { /* ignore */ }
        }
      }
    }
  }

  function renderWaiting(s) {
    var box = h('div', { className: 'waiting' },
      h('div', { className: 'breath', 'aria-hidden': 'true' }),
      h('h1', { text: 'Waiting for the facilitator…' }),
      h('p', { className: 'calm',
        text: 'Keep this page open. It changes by itself when the next activity starts.' }));
    if (s.title) box.insertBefore(h('p', { className: 'kicker', dir: 'auto', text: s.title }), box.firstChild.nextSibling);
    if (s.intro) append(box, h('p', { className: 'calm', dir: 'auto', text: s.intro }));
    return box;
  }

  // ----- questions

  function renderQuestions(s) {
    var activity = s.activity;
    var formId = 'answers:' + activity;
    var scale = s.scale && typeof s.scale === 'object' ? s.scale : null;
    var low = scale && scale.low ? String(scale.low) : '';
    var high = scale && scale.high ? String(scale.high) : '';
    var form = h('form', { className: 'card', novalidate: true, 'aria-labelledby': 'answers-h' });
    append(form, h('h2', { id: 'answers-h', text: 'Your answers' }));
    var hint = 'Pick 1 to 5 for each question. You can skip any you prefer not to answer.';
    if (low && high) hint = 'Pick 1 (' + low + ') to 5 (' + high + ') for each question. ' +
      'You can skip any you prefer not to answer.';
    append(form, h('p', { className: 'hint', dir: 'auto', text: hint }));

    s.questions.forEach(function (q, qi) {
      if (!q || typeof q.item !== 'string') return;
      var key = aKey(activity, q.item);
      if (!(key in answerDraft) && key in saved.answers) answerDraft[key] = saved.answers[key];
      var chosen = answerDraft[key];
      // a question may have its own scale words (a check-in mixes two scales)
      var qlow = typeof q.low === 'string' ? q.low : low;
      var qhigh = typeof q.high === 'string' ? q.high : high;
      var fs = h('fieldset', { className: 'q' });
      append(fs, h('legend', { dir: 'auto', text: q.text || q.item }));
      var row = h('div', { className: 'scale' });
      for (var v = 1; v <= 5; v++) {
        var id = safeId('q' + qi, q.item) + '-' + v;
        var input = h('input', {
          type: 'radio', id: id, name: 'q' + qi, value: String(v), checked: chosen === v
        });
        input.addEventListener('change', onAnswerChange.bind(null, key, v));
        var label = h('label', { 'for': id }, String(v));
        if (v === 1 && qlow) append(label, h('span', { className: 'sr-only', dir: 'auto', text: ', ' + qlow }));
        if (v === 5 && qhigh) append(label, h('span', { className: 'sr-only', dir: 'auto', text: ', ' + qhigh }));
        append(row, h('div', { className: 'opt' }, input, label));
      }
      append(fs, row);
      if (qlow || qhigh) {
        append(fs, h('div', { className: 'ends', 'aria-hidden': 'true' },
          h('span', { dir: 'auto', text: qlow }), h('span', { dir: 'auto', text: qhigh })));
      }
      append(form, fs);
    });

    var btn = h('button', { type: 'submit', className: 'primary', text: 'Send answers' });
    submitBtns[formId] = btn;
    append(form, btn, statusEl(formId));
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      sendAnswers(s, formId);
    });
    return form;
  }

  function onAnswerChange(key, v, ev) {
    if (ev.target.checked) answerDraft[key] = v;
  }

  function sendAnswers(s, formId) {
    if (s.locked || isPending(formId)) return;
    var answers = {};
    var n = 0;
    s.questions.forEach(function (q) {
      if (!q || typeof q.item !== 'string') return;
      var v = answerDraft[aKey(s.activity, q.item)];
      if (typeof v === 'number' && v >= 1 && v <= 5) { answers[q.item] = v; n++; }
    });
    if (!n) {
      report(formId, 'err', 'Choose at least one answer first.');
      return;
    }
    enqueue({
      path: '/api/answers',
      form: formId,
      body: { key: newKey(), activity: s.activity, answers: answers }
    });
  }

  // ----- notes

  function renderNotes(s) {
    var wrap = h('section', { 'aria-labelledby': 'notes-h' });
    append(wrap, h('h2', { id: 'notes-h', className: 'section-h',
      text: s.note_kinds.length > 1 ? 'Add your notes' : 'Add a note' }));
    s.note_kinds.forEach(function (k, ki) {
      if (!k || typeof k.kind !== 'string') return;
      append(wrap, renderNoteForm(s, k, ki));
    });
    return wrap;
  }

  function renderNoteForm(s, k, ki) {
    var activity = s.activity;
    var formId = 'note:' + activity + ':' + k.kind;
    var dkey = aKey(activity, k.kind);
    var draft = noteDraft[dkey] || (noteDraft[dkey] = { text: '', dim: '' });
    var base = safeId('n' + ki, k.kind);
    var taId = base + '-text', helpId = base + '-help', cntId = base + '-count', selId = base + '-dim';
    var label = k.label || cap(k.kind);
    var dims = Array.isArray(k.dimensions) ? k.dimensions.filter(function (d) {
      return d && typeof d.id === 'string';
    }) : [];

    var form = h('form', { className: 'card note-form', novalidate: true });
    append(form, h('label', { 'for': taId, className: 'label', dir: 'auto', text: label }));
    if (k.prompt) append(form, h('p', { id: helpId, className: 'help', dir: 'auto', text: k.prompt }));

    var ta = h('textarea', {
      id: taId, name: 'text', rows: '3', maxlength: String(TEXT_MAX), dir: 'auto',
      'aria-describedby': (k.prompt ? helpId + ' ' : '') + cntId
    });
    ta.value = draft.text;
    var counter = h('p', { id: cntId, className: 'counter' });
    function paintCount() {
      var n = ta.value.length;
      counter.textContent = n + ' / ' + TEXT_MAX + ' characters';
      counter.className = 'counter' + (n >= TEXT_MAX - 20 ? ' near' : '');
    }
    paintCount();
    ta.addEventListener('input', function () { draft.text = ta.value; paintCount(); });
    noteAreas[formId] = ta;
    append(form, ta, counter);

    var sel = null;
    if (dims.length) {
      append(form, h('label', { 'for': selId, className: 'field-label', text: 'Which area is it about?' }));
      sel = h('select', { id: selId, name: 'dimension', required: true });
      append(sel, h('option', { value: '', text: 'Choose an area…' }));
      dims.forEach(function (d) {
        append(sel, h('option', { value: d.id, dir: 'auto', text: d.label || d.id }));
      });
      sel.value = dims.some(function (d) { return d.id === draft.dim; }) ? draft.dim : '';
      sel.addEventListener('change', function () {
        draft.dim = sel.value;
        sel.removeAttribute('aria-invalid');
      });
      append(form, sel);
    }

    var btn = h('button', { type: 'submit', className: 'primary', text: 'Add ' + label.toLowerCase() });
    submitBtns[formId] = btn;
    append(form, btn, statusEl(formId));

    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (s.locked || isPending(formId)) return;
      var text = cleanText(ta.value).trim();
      if (!text) {
        report(formId, 'err', 'Please write something first.');
        ta.focus();
        return;
      }
      if (text.length > TEXT_MAX) {
        report(formId, 'err', 'That is too long: at most ' + TEXT_MAX + ' characters, please.');
        ta.focus();
        return;
      }
      var dim = null;
      if (sel) {
        dim = sel.value;
        if (!dim) {
          sel.setAttribute('aria-invalid', 'true');
          report(formId, 'err', 'Please choose which area it is about.');
          sel.focus();
          return;
        }
      }
      var body = { key: newKey(), activity: activity, kind: k.kind, text: text };
      if (sel) body.dimension = dim;
      enqueue({ path: '/api/notes', form: formId, body: body, sent: ta.value });
    });
    return form;
  }

  // ----- voting

  function voteKey(s) {
    return (s.step || 'vote') + '\u0001' + (s.activity || 'voting');
  }

  function currentVotes(s) {
    var v = s.voting;
    var dots = Math.max(0, Math.floor(Number(v.dots) || 0));
    var ids = (Array.isArray(v.notes) ? v.notes : []).map(function (n) { return n && n.id; });
    var sel = saved.votes[voteKey(s)];
    sel = Array.isArray(sel) ? sel.filter(function (id) { return ids.indexOf(id) !== -1; }) : [];
    return { dots: dots, sel: sel.slice(0, dots) };
  }

  function kindLabel(s, kind) {
    var found = (Array.isArray(s.note_kinds) ? s.note_kinds : []).filter(function (k) {
      return k && k.kind === kind;
    })[0];
    return found && found.label ? found.label : (kind ? cap(kind) : '');
  }

  function dimLabel(s, dim) {
    var label = '';
    (Array.isArray(s.note_kinds) ? s.note_kinds : []).forEach(function (k) {
      (k && Array.isArray(k.dimensions) ? k.dimensions : []).forEach(function (d) {
        if (d && d.id === dim && d.label) label = d.label;
      });
    });
    return label || (dim ? cap(dim) : '');
  }

  function renderVoting(s) {
    var formId = 'votes:' + voteKey(s);
    var notes = Array.isArray(s.voting.notes) ? s.voting.notes.filter(function (n) {
      return n && (typeof n.id === 'number' || typeof n.id === 'string');
    }) : [];
    var cv = currentVotes(s);
    var dots = cv.dots;
    var sel = cv.sel;

    var form = h('form', { className: 'card', novalidate: true, 'aria-labelledby': 'vote-h' });
    append(form, h('h2', { id: 'vote-h', text: 'Place your dots' }));
    append(form, h('p', { className: 'hint', text: 'You have ' + dots + (dots === 1 ? ' dot' : ' dots') +
      '. Put them on the notes you like most. More than one dot on a note is fine.' }));
    var left = h('p', { className: 'left', role: 'status', 'aria-live': 'polite' });
    append(form, left);

    var list = h('ul', { className: 'notes' });
    var rows = [];
    notes.forEach(function (n, i) {
      var textId = 'vn-' + i + '-' + safeId('t', n.id);
      var minus = h('button', { type: 'button', className: 'dot-btn', 'aria-label': 'Take a dot off',
        'aria-describedby': textId, id: 'vm-' + i + '-' + safeId('b', n.id) }, '−');
      var plus = h('button', { type: 'button', className: 'dot-btn', 'aria-label': 'Put a dot on',
        'aria-describedby': textId, id: 'vp-' + i + '-' + safeId('b', n.id) }, '+');
      var count = h('span', { className: 'count' });
      var meta = [kindLabel(s, n.kind), n.dimension ? dimLabel(s, n.dimension) : ''].filter(Boolean).join(' · ');
      var li = h('li', { className: 'note' },
        h('p', { className: 'text', id: textId, dir: 'auto', text: String(n.text === undefined ? '' : n.text) }),
        meta ? h('p', { className: 'meta', dir: 'auto', text: meta }) : null,
        h('div', { className: 'dots' }, minus, count, plus));
      minus.addEventListener('click', function () {
        var at = sel.lastIndexOf(n.id);
        if (at !== -1) sel.splice(at, 1);
        keep();
      });
      plus.addEventListener('click', function () {
        if (sel.length < dots) sel.push(n.id);
        keep();
      });
      rows.push({ id: n.id, minus: minus, plus: plus, count: count });
      append(list, li);
    });

    function paint() {
      var leftN = dots - sel.length;
      left.textContent = leftN + ' of ' + dots + (dots === 1 ? ' dot' : ' dots') + ' left';
      rows.forEach(function (r) {
        var c = sel.filter(function (id) { return id === r.id; }).length;
        r.count.textContent = c === 1 ? '1 dot' : c + ' dots';
        r.count.className = 'count' + (c ? ' has' : '');
        r.minus.disabled = c === 0;
        r.plus.disabled = leftN <= 0;
      });
    }
    function keep() {
      saved.votes[voteKey(s)] = sel.slice();
      storeSaved(saved);
      paint();
    }
    paint();

    if (notes.length) append(form, list);
    else append(form, h('p', { className: 'calm', text: 'There are no notes to vote on yet.' }));

    var btn = h('button', { type: 'submit', className: 'primary', text: 'Send my dots' });
    submitBtns[formId] = btn;
    append(form, btn, statusEl(formId));
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (s.locked || isPending(formId)) return;
      enqueue({ path: '/api/votes', form: formId, body: { key: newKey(), note_ids: sel.slice() } });
    });
    return form;
  }

  // ----- "I'm done": the facilitator sees how many phones are done (a count, never who)

  function renderDone(s) {
    var formId = 'done:' + s.activity + ':' + (s.step || '');
    var form = h('form', { className: 'card done', novalidate: true, 'aria-labelledby': 'done-h' });
    append(form, h('h2', { id: 'done-h', text: 'Finished with this activity?' }));
    append(form, h('p', { className: 'hint',
      text: 'Tell the facilitator you are done. Only the number of phones that are done is shown.' }));
    var btn = h('button', { type: 'submit', className: 'primary', text: 'I\u2019m done' });
    submitBtns[formId] = btn;
    append(form, btn, statusEl(formId));
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (s.locked || isPending(formId)) return;
      enqueue({ path: '/api/done', form: formId, body: { key: newKey(), activity: s.activity } });
    });
    return form;
  }

  // ---------------------------------------------------------------- submissions

  /* A submission is written to localStorage before it is sent, and sent again with the same
   * key until the server gives a definite answer, also after a reload. */
  function enqueue(rec) {
    if (!token) return;
    rec.token = token;
    rec.key = rec.body.key;
    var list = loadPending();
    list.push(rec);
    storePending(list);
    setNotice('', '');
    report(rec.form, 'busy', 'Sending…');
    processQueue();
  }

  function removePending(key) {
    var list = loadPending();
    var rest = list.filter(function (r) { return r.key !== key; });
    storePending(rest);
    return rest.length !== list.length;
  }

  var queueRunning = false;

  function processQueue() {
    if (queueRunning) return;
    queueRunning = true;
    var attempt = 0;
    loadPending().forEach(function (r) {
      if (r.form && !formStatus[r.form]) formStatus[r.form] = { kind: 'busy', text: 'Sending…' };
      paintStatus(r.form);
    });
    refreshButtons();

    function step() {
      var list = loadPending();
      if (!list.length) { queueRunning = false; return; }
      var rec = list[0];
      fetchT(rec.path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + rec.token },
        body: JSON.stringify(rec.body)
      }).then(function (res) {
        var st = res.status;
        if (st >= 500 || st === 429 || st === 408) {
          var wait = st === 429 || st === 503 ? Math.max(1000, retryAfterMs(res, 2000)) : backoff();
          retryLater(rec, wait);
          return;
        }
        return readJson(res).then(function (body) {
          attempt = 0;
          try {
            if (removePending(rec.key)) settle(rec, st, body);
          } finally {
            step();
          }
        });
      }, function () {
        retryLater(rec, backoff());
      });
    }

    function backoff() {
      var ms = Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, attempt));
      attempt++;
      return ms;
    }

    function retryLater(rec, wait) {
      if (rec.form && formStatus[rec.form] && formStatus[rec.form].kind === 'busy') {
        report(rec.form, 'busy', 'Sending… No answer from the workshop yet; trying again by itself.');
      }
      sleep(wait).then(step);
    }

    step();
  }

  function settle(rec, st, body) {
    var formId = rec.form;
    if (st === 401) {
      if (rec.token === token) {
        dropToken('This phone is not part of the current workshop. Type the join code to join.');
      }
      return;
    }
    if (st === 409) {
      report(formId, 'err', 'The facilitator has moved on. ' + errorText(body, 'This was not saved.'), true);
      return;
    }
    if (st === 400) {
      report(formId, 'err', errorText(body, 'This could not be saved. Please check it and try again.'));
      return;
    }
    if (st === 413) {
      report(formId, 'err', errorText(body, 'That was too much to send at once.'));
      return;
    }
    if (st < 200 || st >= 300) {
      report(formId, 'err', errorText(body, 'This could not be saved (error ' + st + ').'));
      return;
    }
    if (rec.path === '/api/answers') {
      var act = rec.body.activity;
      Object.keys(rec.body.answers || {}).forEach(function (item) {
        saved.answers[aKey(act, item)] = rec.body.answers[item];
      });
      storeSaved(saved);
      report(formId, 'ok', 'Thanks — your answers are saved. You can change them and send again.');
    } else if (rec.path === '/api/notes') {
      var dkey = aKey(rec.body.activity, rec.body.kind);
      var ta = noteAreas[formId];
      // Clear what was sent, but not anything typed since.
      if (ta && document.body.contains(ta) && (rec.sent === undefined || ta.value === rec.sent)) {
        ta.value = '';
        ta.dispatchEvent(new Event('input'));
      } else if (noteDraft[dkey] && noteDraft[dkey].text === rec.sent) {
        noteDraft[dkey].text = '';
      }
      report(formId, 'ok', 'Added — add another if you like.');
    } else if (rec.path === '/api/done') {
      report(formId, 'ok', 'Thanks \u2014 the facilitator sees that one more phone is done.');
    } else if (rec.path === '/api/votes') {
      report(formId, 'ok', 'Thanks — your dots are saved. You can move them and send again.');
    } else {
      report(formId, 'ok', 'Saved.');
    }
  }

  // ---------------------------------------------------------------- start

  function init() {
    $('join-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      join($('join-code').value);
    });
    window.addEventListener('hashchange', function () {
      var code = takeHashCode();
      if (!code) return;
      linkCode = code;
      dropStoredToken();
      join(code);
    });
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'visible' && token) {
        pollNow();
        if (loadPending().length) processQueue();
      }
    });
    window.addEventListener('online', function () {
      if (token) pollNow();
    });
    window.addEventListener('storage', function (ev) {
      // Another tab joined with a new token or dropped it.
      if (ev.key === K_TOKEN && ev.newValue !== token) {
        if (ev.newValue) { setToken(ev.newValue); startLive(); }
        else if (token) dropToken('');
      }
    });

    var code = takeHashCode();
    if (code) {
      // Opening the join link is a new join: maybe another person on this phone. The new
      // token forgets what the last one saved here; the server lets the new phone take the
      // old one's place from this network, so nothing counts twice.
      linkCode = code;
      dropStoredToken();
      join(code);
    } else if (token) {
      startLive();
    } else {
      showJoin('', '');
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
