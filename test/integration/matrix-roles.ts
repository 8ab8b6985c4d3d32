/**
 * Roles and outcome helpers shared by the matrix's route tables (matrix-cases*.ts).
 */
import type { Role } from '../../src/server/access.js';

/** 'ok': authorised; 'any': authorised to try, the answer may be a business refusal (even 403). */
export type Outcome = 'ok' | 'any' | 403 | 404;
export const ROLES: Role[] = [
  'admin',
  'committee_staff',
  'supervisor',
  'cell_secretary',
  'cell_committee',
  'member',
];

export interface Ids {
  unit: number; // a cell
  parent: number; // its đảng bộ
  member: number;
  user: number;
  grant: number;
  meeting: number; // a planned meeting of the cell
  held: number; // a held meeting of the cell
  task: number; // a task set at the held meeting
  document: number;
  agendaItem: number;
  recommendation: number;
  alert: number; // an open alert of the cell
  campaign: number; // an open review campaign of the đảng bộ (the actor's own year)
  directive: number; // a published directive of the đảng bộ (the actor's own), reaching the cell
  directiveFile: number; // its file
  organisation: number; // an organisation of the cell's locality (issue 11 part E)
}

export interface Case {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  route: string; // as in the OpenAPI document
  url: (ids: Ids) => string;
  body?: (ids: Ids, n: number) => object;
  inside: Record<Role, Outcome>;
}

export const all = (o: Outcome) => Object.fromEntries(ROLES.map((r) => [r, o])) as Record<Role, Outcome>;
export const only = (allowed: Role[], otherwise: Outcome = 403, extra: Partial<Record<Role, Outcome>> = {}) =>
  Object.fromEntries(ROLES.map((r) => [r, extra[r] ?? (allowed.includes(r) ? 'ok' : otherwise)])) as Record<
    Role,
    Outcome
  >;
export const MANAGERS: Role[] = ['admin', 'committee_staff'];
export const REGISTRY: Role[] = ['admin', 'committee_staff', 'cell_secretary'];
export const RUNNERS: Role[] = [...REGISTRY, 'cell_committee'];
export const CELL_ROLES_404 = {
  supervisor: 404,
  cell_secretary: 404,
  cell_committee: 404,
  member: 404,
} as const;
