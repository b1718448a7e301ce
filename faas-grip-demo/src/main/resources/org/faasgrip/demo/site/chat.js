// The demo's chat client: the JavaScript faas-grip chat example's protocol, as plain text over one WebSocket.
//   client -> "/nick NAME"                 server -> "nickname set to [NAME]"   (to this socket only)
//   client -> "text"                       server -> "NAME: text"                (published to everyone)
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var wsUrl = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/chat';
  var ws = null;
  var nick = '';
  var joined = false;
  var retryDelay = 1000;
  var retryTimer = null;
  var countdownTimer = null;
  var frames = 0;

  $('ws-url').textContent = wsUrl;

  function setStatus(kind, text) {
    $('status').className = 'status status-' + kind;
    $('status-text').textContent = text;
  }

  function setComposer(enabled) {
    $('message').disabled = !enabled;
    $('send').disabled = !enabled;
    if (enabled) { $('message').focus(); }
  }

  function colorOf(name) {
    var h = 0;
    for (var i = 0; i < name.length; i++) { h = (h * 31 + name.charCodeAt(i)) % 360; }
    return 'hsl(' + h + ', 62%, 46%)';
  }

  function time() {
    var d = new Date();
    return ('0' + d.getHours()).slice(-2) + ':' + ('0' + d.getMinutes()).slice(-2);
  }

  function append(li) {
    var list = $('messages');
    var atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.appendChild(li);
    if (atBottom) { list.scrollTop = list.scrollHeight; }
  }

  function addSystem(text, kind) {
    var li = document.createElement('li');
    li.className = 'system' + (kind ? ' ' + kind : '');
    li.textContent = text;
    append(li);
  }

  function addMessage(from, text) {
    var li = document.createElement('li');
    li.className = 'msg' + (from === nick ? ' mine' : '');
    li.setAttribute('data-nick', from);
    var avatar = document.createElement('span');
    avatar.className = 'avatar';
    avatar.style.background = colorOf(from);
    avatar.textContent = (from.charAt(0) || '?').toUpperCase();
    var bubble = document.createElement('div');
    bubble.className = 'bubble';
    var meta = document.createElement('div');
    meta.className = 'meta';
    var who = document.createElement('span');
    who.className = 'nick';
    who.style.color = from === nick ? '' : colorOf(from);
    who.textContent = from;
    var when = document.createElement('time');
    when.textContent = time();
    meta.appendChild(who);
    meta.appendChild(when);
    var body = document.createElement('div');
    body.className = 'text';
    body.textContent = text;
    bubble.appendChild(meta);
    bubble.appendChild(body);
    li.appendChild(avatar);
    li.appendChild(bubble);
    append(li);
  }

  function logFrame(direction, text) {
    frames++;
    $('frame-count').textContent = String(frames);
    var li = document.createElement('li');
    li.className = direction;
    li.textContent = (direction === 'out' ? '→ ' : '← ') + text;
    var log = $('frame-log');
    log.appendChild(li);
    while (log.children.length > 50) { log.removeChild(log.firstChild); }
  }

  function clearTimers() {
    clearTimeout(retryTimer);
    clearInterval(countdownTimer);
    retryTimer = countdownTimer = null;
  }

  function connect() {
    clearTimers();
    $('banner').hidden = true;
    setStatus('connecting', 'Connecting…');
    var sock = new WebSocket(wsUrl);
    ws = sock;
    sock.onopen = function () {
      if (sock !== ws) { return; }
      setStatus('connecting', 'Joining…');
      send('/nick ' + nick);
    };
    sock.onmessage = function (e) {
      if (sock !== ws) { return; }
      logFrame('in', e.data);
      receive(String(e.data));
    };
    sock.onclose = function (e) {
      if (sock !== ws) { return; }
      ws = null;
      setComposer(false);
      if (joined) { dropped(e.code); }
    };
  }

  function send(text) {
    logFrame('out', text);
    ws.send(text);
  }

  function receive(text) {
    var m = /^nickname set to \[([\s\S]*)\]$/.exec(text);
    if (m) {
      addSystem(m[1] === nick ? 'You joined as ' + m[1] + '.' : text, 'ok');
      setStatus('online', 'Connected');
      setComposer(true);
      retryDelay = 1000;
      return;
    }
    var i = text.indexOf(': ');
    if (i < 0) { addSystem(text); return; }
    addMessage(text.slice(0, i), text.slice(i + 2));
  }

  function dropped(code) {
    addSystem('Connection lost' + (code ? ' (close code ' + code + ')' : '') + '.', 'warn');
    setStatus('offline', 'Disconnected');
    var wait = retryDelay;
    retryDelay = Math.min(retryDelay * 2, 15000);
    var left = Math.ceil(wait / 1000);
    var show = function () { $('banner-text').textContent = 'Connection lost. Reconnecting in ' + left + ' s…'; };
    show();
    $('banner').hidden = false;
    countdownTimer = setInterval(function () { left = Math.max(0, left - 1); show(); }, 1000);
    retryTimer = setTimeout(connect, wait);
  }

  $('join-form').addEventListener('submit', function (e) {
    e.preventDefault();
    // The JavaScript faas-grip chat example's broadcast is "NAME: text": a colon in a name would be ambiguous.
    nick = $('nick').value.replace(/[:\s]+/g, ' ').trim();
    if (!nick) { $('nick').focus(); return; }
    joined = true;
    $('me').textContent = nick;
    $('join-form').hidden = true;
    $('room').hidden = false;
    connect();
  });

  $('send-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = $('message').value;
    if (!text.trim() || !ws || ws.readyState !== WebSocket.OPEN) { return; }
    send(text);
    $('message').value = '';
  });

  $('leave').addEventListener('click', function () {
    joined = false;
    clearTimers();
    var sock = ws;
    ws = null;
    if (sock) { sock.close(1000, 'left'); }
    setComposer(false);
    $('banner').hidden = true;
    $('messages').textContent = '';
    $('room').hidden = true;
    $('join-form').hidden = false;
    setStatus('idle', 'Left the room');
    $('nick').focus();
  });

  $('reconnect').addEventListener('click', function () {
    retryDelay = 1000;
    connect();
  });
})();
