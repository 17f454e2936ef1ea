import { useState, type FormEvent } from 'react';

/** For a screen opened without a token: a wallboard account signs in once; its session then slides while the board runs. */
export function SignIn({ onSignedIn }: { onSignedIn(token: string): void }) {
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const response = await fetch('/v1/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: form.get('email'), password: form.get('password') }),
    }).catch(() => null);
    if (!response?.ok) return setProblem(response ? 'Wrong email or password.' : 'The hub cannot be reached.');
    const body = (await response.json()) as { token: string; user: { role: string } };
    if (body.user.role === 'agent') return setProblem('Sign in with a wallboard or supervisor account.');
    onSignedIn(body.token);
  }

  return (
    <main className="wallboard wallboard-sign-in">
      <form onSubmit={(event) => void submit(event)} aria-label="Sign in the wallboard">
        <h1 className="wallboard-title">Wallboard</h1>
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required data-testid="wallboard-email" />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required data-testid="wallboard-password" />
        </label>
        <button type="submit" data-testid="wallboard-sign-in">
          Show the board
        </button>
        {problem && <p role="alert">{problem}</p>}
      </form>
    </main>
  );
}
