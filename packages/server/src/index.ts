// The web server: users, sessions and roles, the scope filter, call records
// by role, the live feed, metrics, health and the OpenAPI description
// (docs/server.md).

export { buildApp, DEFAULT_LIMITS, type AppOptions } from './app.js';
export { serve, type RunningServer, type ServeParts } from './server.js';
export { ApiError, ERROR_STATUS, type ErrorCode, type ErrorBody } from './errors.js';
export { scopeOf, type Scope, type OperatorId } from './scope.js';
export { visibleCall } from './calls/view.js';
export { readVisibleCalls, type CallFilter, type CallPage } from './calls/read.js';
export { addUser, changeUser, type NewUserInput, type UserChangeInput } from './users/manage.js';
export { publicUser, type PublicUser } from './users/public.js';
export { hashPassword, verifyPassword, generatePassword } from './auth/password.js';
export { ensureFirstAdmin, FIRST_ADMIN, type FirstAdmin } from './auth/first-admin.js';
export { SESSION_COOKIE, CSRF_HEADER } from './hooks/guard.js';
export { systemClock, type Clock } from './clock.js';
export { LiveRelay, NO_LIVE, type LiveSource, type LiveListener } from './live/source.js';
export { LiveModel } from './live/model.js';
export { CLOSE as LIVE_CLOSE } from './live/messages.js';
export type {
  CallView,
  DeltaMessage,
  LiveChange,
  MembershipView,
  OperatorView,
  QueueView,
  ServerMessage,
  SnapshotMessage,
  WaitingCaller,
} from './live/messages.js';
export type { LoginLimits, Access } from './context.js';
