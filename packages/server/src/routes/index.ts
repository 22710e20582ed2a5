// Every route, one file each.

import type { App, Ctx } from '../context.js';
import { callsRoute } from './calls.js';
import { healthRoute } from './health.js';
import { loginRoute } from './login.js';
import { logoutRoute } from './logout.js';
import { meRoute } from './me.js';
import { metricsRoute } from './metrics.js';
import { openapiRoute } from './openapi.js';
import { usersCreateRoute } from './users-create.js';
import { usersListRoute } from './users-list.js';
import { usersUpdateRoute } from './users-update.js';

export const ROUTES: readonly ((app: App, ctx: Ctx) => void)[] = [
  loginRoute,
  logoutRoute,
  meRoute,
  healthRoute,
  metricsRoute,
  openapiRoute,
  callsRoute,
  usersListRoute,
  usersCreateRoute,
  usersUpdateRoute,
];
