/**
 * Who may do what, where. Roles are granted on an org unit and reach its whole subtree
 * (a grant on '/1/12/' covers every unit whose path starts with '/1/12/').
 *
 * One permission vocabulary: `can(actor, 'member.manage', unitPath)`. Outside the scope of
 * every grant an object is reported as absent (404), never as forbidden (API.md).
 */
import { AppError, notFound } from './errors.js';

export const ROLES = [
  'admin',
  'committee_staff',
  'supervisor',
  'cell_secretary',
  'cell_committee',
  'member',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  committee_staff: 'Cán bộ văn phòng đảng ủy',
  supervisor: 'Cấp ủy viên phụ trách',
  cell_secretary: 'Bí thư / Phó bí thư chi bộ',
  cell_committee: 'Chi ủy viên',
  member: 'Đảng viên',
};

export type Capability =
  | 'unit.read'
  | 'unit.manage'
  | 'member.read'
  | 'member.readContact'
  | 'member.readIdentity'
  | 'member.manage'
  | 'member.import'
  | 'audit.read'
  | 'user.read'
  | 'user.manage'
  | 'meeting.read'
  | 'meeting.run'
  | 'meeting.manage'
  // Issue 10 (ADR 024): the dues ledger and the annual review.
  | 'dues.read'
  | 'dues.manage'
  | 'grading.read'
  | 'grading.vote'
  | 'grading.decide'
  // Issue 11 (ADR 025): directives, plans, the cell's yearly programme, inspections.
  | 'directive.manage'
  | 'plan.manage'
  | 'activityPlan.write'
  | 'inspection.read'
  | 'inspection.manage'
  | 'inspection.answer';

const ALL: Capability[] = [
  'unit.read',
  'unit.manage',
  'member.read',
  'member.readContact',
  'member.readIdentity',
  'member.manage',
  'member.import',
  'audit.read',
  'user.read',
  'user.manage',
  'meeting.read',
  'meeting.run',
  'meeting.manage',
  'dues.read',
  'dues.manage',
  'grading.read',
  'grading.vote',
  'grading.decide',
  'directive.manage',
  'plan.manage',
  'activityPlan.write',
  'inspection.read',
  'inspection.manage',
  'inspection.answer',
];

/**
 * Capabilities per role. Identity numbers (CCCD, card number) and contact details are
 * sensitive personal data (Nghị định 13/2023): only those who keep the registry see them;
 * a member sees their own in full (see `memberFieldAccess`).
 */
export const ROLE_CAPS: Record<Role, readonly Capability[]> = {
  admin: ALL,
  committee_staff: ALL,
  cell_secretary: [
    'unit.read',
    'member.read',
    'member.readContact',
    'member.readIdentity',
    'member.manage',
    'member.import',
    'audit.read',
    'user.read',
    'meeting.read',
    'meeting.run',
    'meeting.manage',
    'dues.read',
    'dues.manage',
    'grading.read',
    'grading.vote',
    'activityPlan.write',
    'inspection.read',
    'inspection.answer',
  ],
  // Chi ủy viên prepare content and often keep the minutes: they run meetings, the bí thư decides.
  // A chi ủy viên usually keeps the dues book (thu, nộp đảng phí).
  cell_committee: [
    'unit.read',
    'member.read',
    'member.readContact',
    'meeting.read',
    'meeting.run',
    'dues.read',
    'dues.manage',
    'grading.read',
    'activityPlan.write',
    'inspection.read',
  ],
  supervisor: ['unit.read', 'member.read', 'meeting.read', 'dues.read', 'grading.read', 'inspection.read'],
  member: ['unit.read', 'member.read', 'meeting.read'],
};

export interface Grant {
  id: number;
  role: Role;
  orgUnitId: number;
  /** Materialized path of the granted unit, e.g. '/1/12/'. */
  path: string;
  unitName: string;
}

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  memberId: number | null;
  grants: Grant[];
  sessionId: string;
  csrfToken: string;
  /** Set when the request came with `Authorization: Bearer chibo_pat_…` (ADR 039), not a session. */
  apiTokenId?: number;
}

export function capabilitiesAt(actor: Actor, path: string): Set<Capability> {
  const caps = new Set<Capability>();
  for (const g of actor.grants) {
    if (path.startsWith(g.path)) for (const c of ROLE_CAPS[g.role]) caps.add(c);
  }
  return caps;
}

export function can(actor: Actor, cap: Capability, path: string): boolean {
  for (const g of actor.grants) {
    if (path.startsWith(g.path) && ROLE_CAPS[g.role].includes(cap)) return true;
  }
  return false;
}

/** Throws 404 when the unit is outside every grant, 403 when visible but not allowed. */
export function authorize(actor: Actor, cap: Capability, path: string, what = 'đơn vị'): void {
  if (can(actor, cap, path)) return;
  if (!can(actor, 'unit.read', path)) throw notFound(what);
  throw new AppError('FORBIDDEN');
}

/** SQL LIKE prefixes of every subtree where the actor holds `cap`, without nested duplicates. */
export function scopePrefixes(actor: Actor, cap: Capability): string[] {
  const paths = actor.grants.filter((g) => ROLE_CAPS[g.role].includes(cap)).map((g) => g.path);
  const minimal = paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
  return [...new Set(minimal)].map((p) => `${p}%`);
}

export function isAdmin(actor: Actor): boolean {
  return actor.grants.some((g) => g.role === 'admin');
}

/**
 * One unit through which an account reaches data: a role grant (any period, current or not),
 * or (`role: null`) the unit of the member record linked to the account, which its holder
 * reads in full as their own.
 */
export interface AccountReach {
  role: Role | null;
  path: string;
}

/**
 * Whether the actor may manage an account (password, deactivation, grants, every field): each
 * unit the account reaches must lie in a subtree where the actor holds user.manage, and an
 * admin grant needs an admin over it. "Any unit in my scope" is not enough: a ward's staff who
 * reset the password of an account that also holds a province grant could sign in as it and
 * read the province. An account that reaches no unit is the administrators'.
 */
export function canManageAccount(actor: Actor, target: readonly AccountReach[]): boolean {
  if (target.length === 0) return isAdmin(actor);
  return target.every((t) =>
    t.role === 'admin' ? grantableRoles(actor, t.path).includes('admin') : can(actor, 'user.manage', t.path),
  );
}

/**
 * Throws unless the actor may manage the account: 404 when none of its units is visible to the
 * actor (as if absent), 403 with the reason when only part of it is.
 */
export function authorizeAccount(actor: Actor, target: readonly AccountReach[], self = false): void {
  if (canManageAccount(actor, target)) return;
  const visible = self || target.some((t) => can(actor, 'user.read', t.path));
  if (!visible) throw notFound('tài khoản');
  throw new AppError(
    'FORBIDDEN',
    'Tài khoản này còn có quyền hoặc hồ sơ ở đơn vị ngoài phạm vi bạn quản lý; chỉ cấp quản lý chung của các đơn vị đó (hoặc quản trị hệ thống) mới thay đổi được tài khoản.',
  );
}

/** The roles an actor may hand out on a unit: staff grant below admin, only admins grant admin. */
export function grantableRoles(actor: Actor, path: string): Role[] {
  if (!can(actor, 'user.manage', path)) return [];
  const admin = actor.grants.some((g) => g.role === 'admin' && path.startsWith(g.path));
  return ROLES.filter((r) => r !== 'admin' || admin);
}
