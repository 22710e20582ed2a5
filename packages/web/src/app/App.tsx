// The whole page: who is signed in (asked of the server on load), the
// language, and the view the address names. Signed out, the sign-in form.

import { useCallback, useEffect, useMemo, useState } from 'react';
import { t } from 'ttag';
import { Api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { applyLanguage, initialLanguage, type Language } from '../i18n/i18n.ts';
import { Login } from './Login.tsx';
import { parseRoute, pathOf, type Route } from './route.ts';
import { Shell } from './Shell.tsx';

type Session =
  | { readonly state: 'loading' }
  | { readonly state: 'out' }
  | { readonly state: 'in'; readonly me: Me };

export function App() {
  const api = useMemo(() => new Api(), []);
  const [language, setLanguage] = useState<Language>(() => {
    const l = initialLanguage();
    applyLanguage(l);
    return l;
  });
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [failed, setFailed] = useState(false);
  const [route, setRoute] = useState<Route>(() => parseRoute(location.pathname));

  useEffect(() => {
    api
      .me()
      .then((me) => setSession(me ? { state: 'in', me } : { state: 'out' }))
      .catch(() => setFailed(true));
  }, [api]);

  useEffect(() => {
    const onPop = (): void => setRoute(parseRoute(location.pathname));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const go = useCallback((next: Route): void => {
    history.pushState(null, '', pathOf(next));
    setRoute(next);
  }, []);

  const signedOut = useCallback((): void => setSession({ state: 'out' }), []);

  const chooseLanguage = useCallback((l: Language): void => {
    applyLanguage(l);
    setLanguage(l);
  }, []);

  if (failed)
    return <p className="error" role="alert">{t`The server did not answer. Reload the page.`}</p>;
  if (session.state === 'loading') return <p className="loading">{t`Loading…`}</p>;
  if (session.state === 'out')
    return <Login key={language} api={api} onSignedIn={(me) => setSession({ state: 'in', me })} />;
  return (
    <Shell
      // Remount on a language change: every t`…` is read again.
      key={language}
      api={api}
      me={session.me}
      language={language}
      onLanguage={chooseLanguage}
      route={route}
      go={go}
      onSignedOut={signedOut}
    />
  );
}
