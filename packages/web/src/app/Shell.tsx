// The signed-in frame: the header (views the role reaches, the user, the
// language, sign out) and the view the address names.

import { useEffect, useState } from 'react';
import { t } from 'ttag';
import type { Api } from '../api/client.ts';
import type { Me, Role } from '../api/types.ts';
import { CallLog } from '../calls/CallLog.tsx';
import { CallView } from '../calls/CallView.tsx';
import { ReportClient } from '../report/client.ts';
import { dropOtherCaches } from '../report/loader.ts';
import { Reports } from '../reports/Reports.tsx';
import { LiveFeed } from '../live/feed.ts';
import { Wallboard } from '../wallboard/Wallboard.tsx';
import type { Language } from '../i18n/i18n.ts';
import { LanguagePicker } from './LanguagePicker.tsx';
import type { Route } from './route.ts';

function roleName(role: Role): string {
  switch (role) {
    case 'admin':
      return t`administrator`;
    case 'supervisor':
      return t`supervisor`;
    case 'operator':
      return t`operator`;
  }
}

export interface ShellProps {
  readonly api: Api;
  readonly me: Me;
  readonly language: Language;
  readonly onLanguage: (l: Language) => void;
  readonly route: Route;
  readonly go: (r: Route) => void;
  readonly onSignedOut: () => void;
}

/** The report cache of this user and view: nobody else's cached rows are ever read. */
function cacheName(me: Me): string {
  const u = me.user;
  return `callboard-report:${u.id}:${u.role}:${[...u.queues].sort().join(',')}`;
}

export function Shell({ api, me, language, onLanguage, route, go, onSignedOut }: ShellProps) {
  const seesReports = me.user.role !== 'operator';
  const name = cacheName(me);
  const [reports, setReports] = useState<ReportClient | null>(null);
  useEffect(() => {
    void dropOtherCaches(name);
    if (!seesReports) return;
    const client = new ReportClient(name);
    setReports(client);
    return () => {
      client.close();
      setReports(null);
    };
  }, [seesReports, name]);
  const [feed, setFeed] = useState<LiveFeed | null>(null);
  useEffect(() => {
    const f = new LiveFeed(onSignedOut);
    setFeed(f);
    return () => {
      f.stop();
      setFeed(null);
    };
  }, [onSignedOut]);
  const signOut = (): void => {
    api
      .logout()
      .catch(() => undefined)
      .finally(() => {
        void dropOtherCaches(null);
        onSignedOut();
      });
  };
  return (
    <div className="shell">
      <header>
        <span className="brand">Callboard</span>
        <nav>
          <a
            href="/live"
            aria-current={route.page === 'live' ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              go({ page: 'live' });
            }}
          >
            {seesReports ? t`Wallboard` : t`My workplace`}
          </a>
          {seesReports && (
            <a
              href="/reports"
              aria-current={route.page === 'reports' ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                go({ page: 'reports' });
              }}
            >
              {t`Reports`}
            </a>
          )}
          <a
            href="/calls"
            aria-current={route.page === 'calls' ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              go({ page: 'calls' });
            }}
          >
            {me.user.role === 'operator' ? t`My calls` : t`Calls`}
          </a>
        </nav>
        <span className="who">
          {me.user.displayName} · {roleName(me.user.role)}
        </span>
        <LanguagePicker language={language} onLanguage={onLanguage} />
        <button type="button" onClick={signOut}>{t`Sign out`}</button>
      </header>
      <main>
        {route.page === 'live' ? (
          feed ? (
            <Wallboard api={api} me={me} feed={feed} reports={reports} language={language} />
          ) : (
            <p className="loading">{t`Loading…`}</p>
          )
        ) : route.page === 'reports' ? (
          reports ? (
            <Reports api={api} reports={reports} language={language} />
          ) : (
            <p className="loading">
              {seesReports ? t`Loading…` : t`Reports are not for your role.`}
            </p>
          )
        ) : route.page === 'call' ? (
          <CallView
            api={api}
            id={route.id}
            language={language}
            onBack={() => go({ page: 'calls' })}
          />
        ) : (
          <CallLog api={api} language={language} onOpen={(id) => go({ page: 'call', id })} />
        )}
      </main>
    </div>
  );
}
