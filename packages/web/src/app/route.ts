// Where the page is: a path the app understands, kept in the address bar so
// a reload or a shared link opens the same view.

export type Route =
  | { readonly page: 'calls' }
  | { readonly page: 'reports' }
  | { readonly page: 'live' }
  | { readonly page: 'call'; readonly id: string };

export function parseRoute(pathname: string): Route {
  const m = /^\/calls\/(.+)$/.exec(pathname);
  if (m?.[1] !== undefined) {
    try {
      return { page: 'call', id: decodeURIComponent(m[1]) };
    } catch {
      return { page: 'calls' };
    }
  }
  if (pathname === '/reports') return { page: 'reports' };
  if (pathname === '/live') return { page: 'live' };
  return { page: 'calls' };
}

export function pathOf(route: Route): string {
  switch (route.page) {
    case 'call':
      return `/calls/${encodeURIComponent(route.id)}`;
    case 'reports':
      return '/reports';
    case 'live':
      return '/live';
    case 'calls':
      return '/calls';
  }
}
