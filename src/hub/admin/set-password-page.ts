/**
 * The page a one-time code link opens: the code rides in the fragment (never sent to the server in
 * the URL, so no log keeps it) and the page posts it with the new password.
 */
export const SET_PASSWORD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const SET_PASSWORD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Set your Warmline password</title>
<link rel="stylesheet" href="/set-password/page.css">
</head>
<body>
<main>
<h1>Set your Warmline password</h1>
<form id="form">
<label>One-time code <input id="code" name="code" autocomplete="one-time-code" required></label>
<label>New password (at least 10 characters) <input id="password" type="password" autocomplete="new-password" minlength="10" required></label>
<label>Repeat it <input id="repeat" type="password" autocomplete="new-password" minlength="10" required></label>
<button type="submit">Set password</button>
</form>
<p id="status" role="status" aria-live="polite"></p>
</main>
<script src="/set-password/page.js"></script>
</body>
</html>`;

export const SET_PASSWORD_CSS = `body{font:16px/1.5 system-ui,sans-serif;background:#f4f5f7;color:#1b1f24;margin:0}
main{max-width:28rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px #0002}
label{display:block;margin:0 0 1rem}input{display:block;width:100%;box-sizing:border-box;padding:.5rem;font:inherit;margin-top:.25rem}
button{padding:.5rem 1rem;font:inherit}#status{min-height:1.5em}`;

export const SET_PASSWORD_JS = `(function () {
  var form = document.getElementById('form');
  var status = document.getElementById('status');
  var match = /code=([^&]+)/.exec(location.hash);
  if (match) document.getElementById('code').value = decodeURIComponent(match[1]);
  history.replaceState(null, '', location.pathname);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var password = document.getElementById('password').value;
    if (password !== document.getElementById('repeat').value) { status.textContent = 'The two passwords differ.'; return; }
    status.textContent = 'Setting…';
    fetch('/v1/password', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: document.getElementById('code').value, password: password })
    }).then(function (response) {
      if (response.ok) { form.hidden = true; status.textContent = 'Your password is set. Sign in to Warmline with your email and it.'; return; }
      return response.json().then(function (body) { status.textContent = body.error ? body.error.message : 'That did not work.'; });
    }).catch(function () { status.textContent = 'The hub cannot be reached.'; });
  });
})();`;
