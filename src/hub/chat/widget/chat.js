// The demo customer chat. Plain browser JavaScript served by the hub; every text is set with
// textContent, never as HTML, whatever the bot or the agent wrote.
const $ = (id) => document.getElementById(id);
const log = $('log');
const status = $('status');
const queue = $('queue');
const seen = new Set();
let socket = null;
let isJoined = false;
let token = sessionStorage.getItem('warmline-chat-token');
// What the customer wrote before the socket was ready (or while it reconnects): sent in order once
// joined. Each keeps its id, so a message resent after a drop is stored once by the hub.
const outbox = [];

const AUTHOR_LABEL = { customer: 'You', bot: 'Assistant', agent: 'Agent', supervisor: 'Supervisor', system: '' };

function addTurn(turn) {
  if (seen.has(turn.id)) return;
  seen.add(turn.id);
  const item = document.createElement('li');
  item.className = `turn turn--${turn.author}`;
  item.dataset.author = turn.author;
  const who = document.createElement('span');
  who.className = 'turn__author';
  who.textContent = turn.authorName || AUTHOR_LABEL[turn.author] || turn.author;
  const text = document.createElement('p');
  text.className = 'turn__text';
  text.dir = 'auto';
  text.textContent = turn.text;
  const time = document.createElement('time');
  time.dateTime = turn.at;
  time.textContent = new Date(turn.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  item.append(who, text, time);
  log.append(item);
  log.scrollTop = log.scrollHeight;
}

function connect(attempt = 0) {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  socket = new WebSocket(`${scheme}://${location.host}/v1/chat/stream`);
  socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'join', v: 1, token })));
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'history') {
      message.turns.forEach(addTurn);
      status.textContent = 'Connected.';
      isJoined = true;
      flush();
    } else if (message.type === 'turn') addTurn(message.turn);
    else if (message.type === 'status') status.textContent = message.text;
    else if (message.type === 'queue') showQueue(message);
    else if (message.type === 'rating-request') $('rating').hidden = false;
    else if (message.type === 'error') status.textContent = message.message;
  });
  socket.addEventListener('close', (event) => {
    isJoined = false;
    if (event.code === 4001) {
      sessionStorage.removeItem('warmline-chat-token');
      status.textContent = 'This chat has ended. Reload to start again.';
      return;
    }
    status.textContent = 'Connection lost; reconnecting…';
    setTimeout(() => connect(attempt + 1), Math.min(10_000, 500 * 2 ** attempt));
  });
}

// While waiting for a person: the position and estimated wait, and a way to leave the queue.
function showQueue(message) {
  const isWaiting = message.position > 0;
  queue.hidden = !isWaiting;
  queue.textContent = message.text;
  $('leave').hidden = !isWaiting;
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
  $('composer').hidden = false;
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
    status.textContent = 'Could not start the chat. Please try again.';
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
