// The feed page: one EventSource on /feed/stream, held open by Pushpin; a form that asks the function to publish.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };

  function setStatus(kind, text) {
    $('status').className = 'status status-' + kind;
    $('status-text').textContent = text;
  }

  function time() {
    var d = new Date();
    return d.toTimeString().slice(0, 8);
  }

  function add(kind, text) {
    $('empty').hidden = true;
    var li = document.createElement('li');
    li.className = 'event ' + kind;
    var tag = document.createElement('span');
    tag.className = 'tag';
    tag.textContent = kind;
    var body = document.createElement('span');
    body.className = 'text';
    body.textContent = text;
    var when = document.createElement('time');
    when.textContent = time();
    li.appendChild(tag);
    li.appendChild(body);
    li.appendChild(when);
    $('events').insertBefore(li, $('events').firstChild);
  }

  setStatus('connecting', 'Connecting…');
  var source = new EventSource('/feed/stream');
  source.addEventListener('hello', function () { setStatus('online', 'Streaming'); });
  source.addEventListener('note', function (e) { add('note', e.data); });
  source.addEventListener('chat', function (e) { add('chat', e.data); });
  source.onerror = function () {
    // EventSource reconnects by itself (retry: 2000 in the stream's first bytes).
    setStatus(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting',
        source.readyState === EventSource.CLOSED ? 'Disconnected' : 'Reconnecting…');
  };

  $('publish-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = $('note').value.trim();
    if (!text) { $('note').focus(); return; }
    $('publish').disabled = true;
    fetch('/feed/publish', { method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: text })
      .then(function (r) {
        return r.text().then(function (t) {
          if (!r.ok) { throw new Error(t.trim() || ('HTTP ' + r.status)); }
          $('note').value = '';
          $('publish-error').hidden = true;
        });
      })
      .catch(function (err) {
        $('publish-error').textContent = 'Could not publish: ' + err.message;
        $('publish-error').hidden = false;
      })
      .then(function () { $('publish').disabled = false; $('note').focus(); });
  });
})();
