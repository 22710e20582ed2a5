// Schema pieces several routes share: the error body, a user, roles and
// rights. Built from the same `as const` tables the store checks against.

import { RIGHTS, ROLES } from '@callboard/store';
import { Type } from 'typebox';
import { ERROR_CODES } from '../errors.js';

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.Enum(ERROR_CODES),
      message: Type.String(),
      field: Type.Optional(Type.String()),
    }),
  },
  { description: 'what went wrong: a code (mapped to the status), a reason, the field at fault' },
);

export const RoleSchema = Type.Enum(ROLES);
export const RightSchema = Type.Enum(RIGHTS);

export const UserSchema = Type.Object({
  id: Type.Integer(),
  login: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  operatorId: Type.Union([Type.Integer(), Type.Null()]),
  queues: Type.Array(Type.String()),
  rights: Type.Array(RightSchema),
  disabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

/** The answers every route may give besides its own. */
export const DENIALS = { 401: ErrorSchema, 403: ErrorSchema } as const;
