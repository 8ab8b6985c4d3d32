/**
 * Shapes of the API responses the web app reads. Where the server has a presenter, the type
 * comes from it (type-only import: nothing of the server is bundled), so a change there shows
 * up here as a type error.
 */
import type { UnitMemberCounts } from '../../../src/domain/membership.js';
import type { MemberDto, MemberStatus } from '../../../src/features/members/service.js';
import type { presentUnit } from '../../../src/features/org/routes.js';
import type { Role } from '../../../src/server/access.js';

export type { MemberStatus, Role, UnitMemberCounts };

export type Unit = ReturnType<typeof presentUnit>;
export type UnitPermissions = Unit['permissions'];
export type UnitWithCounts = Unit & { counts: UnitMemberCounts };

export interface UnitDetail extends Unit {
  ancestors: { id: number; name: string }[];
  counts: UnitMemberCounts;
  countsDate: string;
  rulePack: { id: string; version: string; name: string };
  warnings: string[];
  cellCommitteeExpected: boolean;
}

export interface ListResponse<T> {
  items: T[];
  total: number;
}

export type Member = MemberDto;

export type MemberFilter =
  | 'all'
  | 'official'
  | 'probationary'
  | 'exempted'
  | 'temporary_out'
  | 'temporary_in'
  | 'contact_213'
  | 'voting'
  | 'former';

export interface MembershipHistory {
  id: number;
  unitId: number;
  unitName: string;
  from: string;
  to: string | null;
  startReason: string;
  startReasonLabel: string;
  endReason: string | null;
  endReasonLabel: string | null;
  otherOrg: string | null;
  decisionNo: string | null;
  note: string | null;
}

export interface PeriodHistory {
  id: number;
  kind: 'probationary' | 'official' | 'exempted' | 'temporary_out' | 'contact_213';
  unitId: number | null;
  unitName: string | null;
  otherOrg: string | null;
  from: string;
  to: string | null;
  reason: string | null;
  decisionNo: string | null;
  decisionDate: string | null;
}

export type MemberDetail = Member & {
  date: string;
  history: { memberships: MembershipHistory[]; periods: PeriodHistory[] };
  account: { id: number; username: string; active: boolean } | null;
};

export interface MeGrant {
  id: number;
  role: Role;
  roleLabel: string;
  orgUnitId: number;
  orgUnitName: string;
}

export interface Me {
  user: { id: number; username: string; displayName: string };
  member: Member | null;
  grants: MeGrant[];
  homeUnitId: number | null;
  csrfToken: string;
}

export interface UserGrant {
  id: number;
  userId: number;
  role: Role;
  roleLabel: string;
  orgUnitId: number;
  orgUnitName: string;
  /** Assignment period (e.g. a supervising member's term); null = open. */
  validFrom?: string | null;
  validTo?: string | null;
}

export interface UserAccount {
  id: number;
  username: string;
  displayName: string;
  memberId: number | null;
  memberName: string | null;
  active: boolean;
  lastLoginAt: string | null;
  grants: UserGrant[];
  /** false when the account also reaches units outside the caller's management (server-decided). */
  permissions?: { canManage: boolean };
}

/** One labelled change of an audit entry; values are already written the Vietnamese way. */
export interface AuditChange {
  field: string;
  label: string;
  /** null: the entry records no "before" (a creation). */
  before: string | null;
  /** null: the entry records no "after" (a removal). */
  after: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  entityType: string;
  entityId: string | null;
  orgUnitId: number | null;
  orgUnitName: string | null;
  actor: { username: string; displayName: string | null } | null;
  /** Short Vietnamese name of the action ("Thông qua biên bản"). */
  actionLabel: string;
  /** Who did what to which named object, in one Vietnamese sentence. */
  summary: string;
  changes: AuditChange[];
  /** The row as written: administrators only. */
  raw?: { action: string; before: unknown; after: unknown };
}

export interface ReferenceOrg {
  unitKinds: { value: string; label: string }[];
  cellTypes: { value: string; label: string }[];
}

export type ImportStatus = 'validating' | 'ready' | 'invalid' | 'committing' | 'done' | 'failed';

export interface ImportIssue {
  row: number;
  column: string | null;
  columnLetter: string | null;
  field: string | null;
  value: unknown;
  message: string;
}

export interface MemberImport {
  id: number | string;
  unitId: number;
  fileName: string;
  status: ImportStatus;
  totalRows: number;
  processed: number;
  summary: { create: number; update: number; unchanged: number; errors: number; warnings: number };
  errors: ImportIssue[];
  warnings: ImportIssue[];
  preview?: {
    create: { rowNumber: number; fullName: string; cellName: string | null }[];
    update: {
      rowNumber: number;
      id: number;
      fullName: string;
      changes: Record<string, { from: unknown; to: unknown }>;
    }[];
  };
  fileError?: string | null;
}
