// The sign-in form. The server says why a sign-in failed (wrong password,
// too many attempts); the form shows it as text.

import { useState, type FormEvent } from 'react';
import { t } from 'ttag';
import { ApiFailure, type Api } from '../api/client.ts';
import type { Me } from '../api/types.ts';

export function Login({ api, onSignedIn }: { api: Api; onSignedIn: (me: Me) => void }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api
      .login(login, password)
      .then(onSignedIn)
      .catch((err: unknown) => {
        if (err instanceof ApiFailure && err.status === 401) setError(t`Wrong login or password.`);
        else if (err instanceof ApiFailure && err.status === 429)
          setError(t`Too many attempts. Try again later.`);
        else setError(t`The server did not answer. Try again.`);
      })
      .finally(() => setBusy(false));
  };

  return (
    <form className="login" onSubmit={submit} aria-label={t`Sign in`}>
      <h1>Callboard</h1>
      <label>
        {t`Login`}
        <input
          name="login"
          autoComplete="username"
          value={login}
          onChange={(e) => setLogin(e.target.value)}
          required
        />
      </label>
      <label>
        {t`Password`}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>{t`Sign in`}</button>
    </form>
  );
}
