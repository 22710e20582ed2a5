// Every route, one file each.

import type { App, Ctx } from '../context.js';
import { actionsPauseRoute } from './actions-pause.js';
import { actionsQueueAddRoute } from './actions-queue-add.js';
import { actionsQueueRemoveRoute } from './actions-queue-remove.js';
import { callRoute } from './call.js';
import { callsRoute } from './calls.js';
import { directoryOperatorsRoute } from './directory-operators.js';
import { directoryPauseReasonsRoute } from './directory-pause-reasons.js';
import { directoryQueuesRoute } from './directory-queues.js';
import { directoryServersRoute } from './directory-servers.js';
import { directoryStationsRoute } from './directory-stations.js';
import { exportRoute } from './export.js';
import { healthRoute } from './health.js';
import { liveRoute } from './live.js';
import { loginRoute } from './login.js';
import { logoutRoute } from './logout.js';
import { meRoute } from './me.js';
import { metricsRoute } from './metrics.js';
import { openapiRoute } from './openapi.js';
import { reportDayRoute } from './report-day.js';
import { reportMetaRoute } from './report-meta.js';
import { reportRollupRoute } from './report-rollup.js';
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
  liveRoute,
  callRoute,
  usersListRoute,
  usersCreateRoute,
  usersUpdateRoute,
  actionsPauseRoute,
  actionsQueueAddRoute,
  actionsQueueRemoveRoute,
  directoryStationsRoute,
  directoryServersRoute,
  directoryOperatorsRoute,
  directoryQueuesRoute,
  directoryPauseReasonsRoute,
  reportMetaRoute,
  reportDayRoute,
  reportRollupRoute,
  exportRoute,
];
