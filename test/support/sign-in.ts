/** Signs a demo account in over HTTP; free of vitest, so Playwright specs import it too. */
export async function signIn(baseUrl: string, email = 'agent@demo'): Promise<string> {
  const response = await fetch(`${baseUrl}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo' }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}
