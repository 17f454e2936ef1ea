// The demo customer chat. Plain browser JavaScript served by the hub; every text is set with
// textContent, never as HTML, whatever the bot or the agent wrote.
const $ = (id) => document.getElementById(id);
const log = $('log');
const status = $('status');
const queue = $('queue');
const seen = new Set();
let socket = null;
let isJoined = false;
// The chat's conversation is over: what the customer sends next opens a new one, and the widget says so.
let isClosed = false;
let token = sessionStorage.getItem('warmline-chat-token');
// What the customer wrote before the socket was ready (or while it reconnects): sent in order once
// joined. Each keeps its id, so a message resent after a drop is stored once by the hub.
const outbox = [];

// The desk signals every few seconds while the agent types: the notice goes when the signals stop or their turn arrives.
const TYPING_SHOWN_MS = 6_000;
let typingTimer = null;
function showTyping(isTyping) {
  clearTimeout(typingTimer);
  $('typing').hidden = !isTyping;
  if (isTyping) typingTimer = setTimeout(() => showTyping(false), TYPING_SHOWN_MS);
}

const AUTHOR_LABEL = { customer: 'You', bot: 'Assistant', agent: 'Agent', supervisor: 'Supervisor', system: '' };

function addTurn(turn) {
  if (seen.has(turn.id)) return;
  seen.add(turn.id);
  if (turn.author === 'agent' || turn.author === 'supervisor') showTyping(false);
  const item = document.createElement('li');
  item.className = `turn turn--${turn.author}`;
  item.dataset.author = turn.author;
  const who = document.createElement('span');
  who.className = 'turn__author';
  who.textContent = turn.authorName || (turn.author in AUTHOR_LABEL ? AUTHOR_LABEL[turn.author] : turn.author);
  who.hidden = who.textContent === '';
  const text = document.createElement('p');
  text.className = 'turn__text';
  text.dir = 'auto';
  text.textContent = turn.text;
  const time = document.createElement('time');
  time.dateTime = turn.at;
  time.textContent = new Date(turn.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  item.append(who, text, time);
  append(item, turn.author === 'customer');
}

// Follows the newest line while the customer is at the bottom of the log; keeps their place when they scrolled up.
function append(item, isOwn) {
  const isAtBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
  log.append(item);
  if (isAtBottom || isOwn) log.scrollTop = log.scrollHeight;
}

function addDivider(label, kind) {
  const item = document.createElement('li');
  item.className = `chat__divider chat__divider--${kind}`;
  item.dataset.testid = 'chat-divider';
  item.setAttribute('role', 'separator');
  item.textContent = `${label} · ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
  append(item, true);
}

function setStatus(text, phase) {
  status.textContent = text;
  if (phase) status.dataset.phase = phase;
}

function markClosed() {
  if (isClosed) return;
  isClosed = true;
  showTyping(false);
  showQueue({ position: 0, text: '' });
  setStatus('This chat has ended.', 'closed');
  addDivider('Chat ended', 'closed');
  $('hint').hidden = false;
  $('text').placeholder = 'Write to start a new conversation';
  $('send').textContent = 'Start new chat';
}

function startedAgain() {
  isClosed = false;
  $('rating').hidden = true;
  $('hint').hidden = true;
  $('text').placeholder = 'Type a message';
  $('send').textContent = 'Send';
  addDivider('New conversation', 'new');
  setStatus('New conversation started.', 'waiting');
}

function connect(attempt = 0) {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  socket = new WebSocket(`${scheme}://${location.host}/v1/chat/stream`);
  socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'join', v: 1, token })));
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'history') {
      message.turns.forEach(addTurn);
      if (isClosed) setStatus('This chat has ended.', 'closed');
      else setStatus("You're chatting with our assistant.", 'bot');
      isJoined = true;
      flush();
    } else if (message.type === 'turn') addTurn(message.turn);
    else if (message.type === 'status') setStatus(message.text);
    else if (message.type === 'typing') showTyping(!isClosed);
    else if (message.type === 'queue') showQueue(message);
    else if (message.type === 'agent-joined') setStatus(`You're chatting with ${message.agentName}.`, 'agent');
    else if (message.type === 'closed') markClosed();
    else if (message.type === 'new-conversation') startedAgain();
    else if (message.type === 'rating-request') $('rating').hidden = false;
    else if (message.type === 'error') setStatus(message.message);
  });
  socket.addEventListener('close', (event) => {
    isJoined = false;
    if (event.code === 4001) {
      sessionStorage.removeItem('warmline-chat-token');
      setStatus('This chat has ended. Reload the page to start a new one.', 'closed');
      $('footer').hidden = true;
      return;
    }
    setStatus('Connection lost; reconnecting…');
    setTimeout(() => connect(attempt + 1), Math.min(10_000, 500 * 2 ** attempt));
  });
}

// While waiting for a person: the position and estimated wait, and a way to leave the queue.
function showQueue(message) {
  const isWaiting = message.position > 0;
  queue.hidden = !isWaiting;
  queue.textContent = message.text;
  $('leave').hidden = !isWaiting;
  if (isWaiting && status.dataset.phase !== 'waiting') status.dataset.phase = 'waiting';
}

function sendControl(message) {
  if (isJoined && socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ v: 1, ...message }));
}

$('leave').addEventListener('click', () => {
  sendControl({ type: 'leave' });
  $('leave').hidden = true;
});

$('rating').addEventListener('click', (event) => {
  const rating = Number(event.target.dataset && event.target.dataset.rating);
  if (!rating) return;
  sendControl({ type: 'rate', rating });
  $('rating').hidden = true;
});

function showChat() {
  $('start').hidden = true;
  log.hidden = false;
  $('footer').hidden = false;
  $('text').focus();
  connect();
}

$('start').addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = $('name').value.trim();
  if (!name) return;
  const response = await fetch('/v1/chat/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (!response.ok) {
    setStatus('Could not start the chat. Please try again.');
    return;
  }
  token = (await response.json()).token;
  sessionStorage.setItem('warmline-chat-token', token);
  showChat();
});

function flush() {
  while (isJoined && socket && socket.readyState === WebSocket.OPEN && outbox.length > 0) {
    socket.send(JSON.stringify({ type: 'say', v: 1, ...outbox.shift() }));
  }
}

function send() {
  const text = $('text').value.trim();
  if (!text) return;
  outbox.push({ clientMessageId: crypto.randomUUID(), text });
  $('text').value = '';
  flush();
}

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  send();
});
$('text').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    send();
  }
});

if (token) showChat();
