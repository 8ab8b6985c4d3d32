/**
 * Member import as a job: upload → validate (in the background, with progress) → preview →
 * commit all-or-nothing in one transaction. Re-importing the same file changes nothing.
 *
 * The job row (`member_imports`) holds the plan and the errors, so any app process can answer
 * the progress poll and any can commit; the file itself is not kept (personal data).
 */
import { createHash } from 'node:crypto';
import type { Db, Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import { vietnameseNameSortKey } from '../../domain/vietnamese.js';
import { type Actor, authorize, can } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { isCellKind } from '../org/labels.js';
import { rulePackForUnit, type UnitRow, visibleUnit } from '../org/service.js';
import { ImportFileError, parseMemberFile } from './import/parse.js';
import { type ExistingMember, type ImportPlan, planImport } from './import/plan.js';
import { shownChanges } from './import/present.js';
import { type MemberRow, type RowIssue, validateRows } from './import/validate.js';

export type ImportStatus = 'validating' | 'ready' | 'invalid' | 'committing' | 'done' | 'failed';

interface ImportRow {
  id: number;
  unit_id: number;
  unit_path: string;
  created_by: number | null;
  file_name: string;
  file_sha256: string;
  status: ImportStatus;
  total_rows: number;
  processed: number;
  summary: Record<string, unknown> | null;
  errors: { errors: RowIssue[]; warnings: RowIssue[]; fileError?: string } | null;
  plan: StoredPlan | null;
  created_at: Date;
  finished_at: Date | null;
}

interface StoredPlan {
  create: MemberRow[];
  update: (ImportPlan['update'][number] & { fullName?: string })[];
  unchanged: ImportPlan['unchanged'];
}

const COLS = `i.id, i.unit_id, u.path AS unit_path, i.created_by, i.file_name, i.file_sha256, i.status, i.total_rows,
  i.processed, i.summary, i.errors, i.plan, i.created_at, i.finished_at`;

async function findImport(ex: Executor, id: number): Promise<ImportRow | undefined> {
  const [row] = await ex.query<ImportRow>(
    `SELECT ${COLS} FROM member_imports i JOIN org_units u ON u.id = i.unit_id WHERE i.id = $1`,
    [id],
  );
  return row;
}

export async function visibleImport(ex: Executor, actor: Actor, id: number): Promise<ImportRow> {
  const row = await findImport(ex, id);
  if (!row || !can(actor, 'unit.read', row.unit_path)) throw notFound('bản nhập');
  authorize(actor, 'member.import', row.unit_path, 'bản nhập');
  return row;
}

/** The cells of a unit's subtree (or the cell itself), which rows may name in "Chi bộ". */
async function cellsOf(ex: Executor, unit: UnitRow) {
  return ex.query<{ id: number; name: string }>(
    `SELECT id, name FROM org_units WHERE path LIKE $1 AND kind IN ('chi_bo', 'chi_bo_co_so') AND archived_at IS NULL`,
    [`${unit.path}%`],
  );
}

/**
 * Members the rows could be: same card number, same CCCD, or same name + birth date, with
 * their cell's name (messages say whom a row collides with) unless the actor may not see them.
 */
async function candidates(
  ex: Executor,
  actor: Actor | null,
  rows: MemberRow[],
): Promise<(ExistingMember & { unitPath: string })[]> {
  const cards = rows.map((r) => r.cardNumber).filter(Boolean);
  const ids = rows.map((r) => r.nationalId).filter(Boolean);
  const names = rows.map((r) => r.fullName);
  const found = await ex.query<{
    id: number;
    full_name: string;
    birth_date: string | null;
    gender: string | null;
    admission_date: string | null;
    official_date: string | null;
    card_number: string | null;
    national_id: string | null;
    phone: string | null;
    ethnicity: string | null;
    hometown: string | null;
    address: string | null;
    email: string | null;
    notes: string | null;
    unit_id: number;
    unit_name: string;
    path: string;
  }>(
    `SELECT m.id, m.full_name, m.birth_date, m.gender, m.admission_date, m.official_date, m.card_number, m.national_id,
            m.phone, m.ethnicity, m.hometown, m.address, m.email, m.notes, m.unit_id, u.name AS unit_name, u.path
       FROM members m JOIN org_units u ON u.id = m.unit_id
      WHERE m.card_number = ANY($1::text[]) OR m.national_id = ANY($2::text[]) OR m.full_name = ANY($3::text[])`,
    [cards, ids, names],
  );
  return found.map((m) => ({
    id: m.id,
    fullName: m.full_name,
    birthDate: m.birth_date,
    gender: m.gender,
    admissionDate: m.admission_date,
    officialDate: m.official_date,
    cardNumber: m.card_number,
    nationalId: m.national_id,
    phone: m.phone,
    ethnicity: m.ethnicity,
    hometown: m.hometown,
    address: m.address,
    email: m.email,
    notes: m.notes,
    cellId: m.unit_id,
    cellName: m.unit_name,
    // The CLI (no actor) is the operator on the server, trusted with the whole database.
    visible: actor ? can(actor, 'member.read', m.path) : true,
    unitPath: m.path,
  }));
}

export interface ValidationOutcome {
  totalRows: number;
  errors: RowIssue[];
  warnings: RowIssue[];
  plan: StoredPlan;
  fileError?: string;
}

/** Parses, validates and plans a file against the database, writing nothing. */
export async function validateImport(
  ex: Executor,
  actor: Actor | null,
  unit: UnitRow,
  bytes: Buffer,
  fileName: string,
  onProgress: (processed: number, total: number) => Promise<void> = async () => {},
  today = todayIso(),
): Promise<ValidationOutcome> {
  const empty: StoredPlan = { create: [], update: [], unchanged: [] };
  let parsed: Awaited<ReturnType<typeof parseMemberFile>>;
  try {
    parsed = await parseMemberFile(bytes, fileName);
  } catch (err) {
    if (err instanceof ImportFileError)
      return { totalRows: 0, errors: [], warnings: [], plan: empty, fileError: err.message };
    throw err;
  }
  const total = parsed.rows.length;
  await onProgress(Math.floor(total / 3), total);
  const cells = await cellsOf(ex, unit);
  const { membership } = await rulePackForUnit(ex, unit.path, today);
  const result = validateRows(parsed, {
    cells,
    defaultCellId: isCellKind(unit.kind) ? unit.id : undefined,
    today,
    rules: {
      minAdmissionAge: membership.minAdmissionAge,
      probationMonths: membership.probationMonths,
      earlyRecognition: membership.earlyRecognition,
    },
  });
  const errors = [...result.errors];
  const warnings = [...result.warnings];
  // A member record needs its admission date: it decides rank and voting rights on every date.
  const rows = result.rows.filter((r) => {
    if (r.admissionDate) return true;
    errors.push({
      row: r.rowNumber,
      column: parsed.columns.find((c) => c.field === 'admissionDate')?.label ?? 'Ngày vào Đảng',
      columnLetter: parsed.columns.find((c) => c.field === 'admissionDate')?.column,
      field: 'admissionDate',
      message: 'Thiếu ngày vào Đảng: cần để xác định đảng viên dự bị hay chính thức.',
    });
    return false;
  });
  await onProgress(Math.floor((2 * total) / 3), total);

  const existing = await candidates(ex, actor, rows);
  const plan = planImport(existing, rows);
  // Cite the column as the file labels it, like validation does, so the user finds the cell.
  for (const c of plan.conflicts) {
    const col = parsed.columns.find((x) => x.field === c.field);
    errors.push(col ? { ...c, column: col.label, columnLetter: col.column } : c);
  }
  const byId = new Map(existing.map((m) => [m.id, m]));
  const update: StoredPlan['update'] = [];
  for (const u of plan.update) {
    const m = byId.get(u.id)!;
    // A person registered outside the importer's subtree is not theirs to change (nor to reveal).
    if (actor ? !can(actor, 'member.manage', m.unitPath) : false) {
      errors.push({
        row: u.rowNumber,
        column: 'Số thẻ đảng viên / Số CCCD',
        field: 'cardNumber',
        message:
          'Đảng viên này đang thuộc một tổ chức đảng khác trong hệ thống; hãy làm thủ tục chuyển sinh hoạt.',
      });
      continue;
    }
    const { cellId, ...changes } = u.changes;
    if (cellId) {
      warnings.push({
        row: u.rowNumber,
        column: 'Chi bộ',
        field: 'cellName',
        message:
          'Đảng viên đang sinh hoạt ở chi bộ khác; nhập tệp không chuyển sinh hoạt (hãy dùng chức năng chuyển sinh hoạt).',
      });
    }
    if (Object.keys(changes).length > 0) update.push({ ...u, changes, fullName: m.fullName });
    else plan.unchanged.push({ id: u.id, rowNumber: u.rowNumber });
  }
  errors.sort((a, b) => a.row - b.row);
  warnings.sort((a, b) => a.row - b.row);
  await onProgress(total, total);
  return {
    totalRows: total,
    errors,
    warnings,
    plan: { create: plan.create, update, unchanged: plan.unchanged },
  };
}

export function summarize(o: Pick<ValidationOutcome, 'plan' | 'errors' | 'warnings'>) {
  return {
    create: o.plan.create.length,
    update: o.plan.update.length,
    unchanged: o.plan.unchanged.length,
    errors: o.errors.length,
    warnings: o.warnings.length,
  };
}

/** Starts an import job and validates it in the background; returns the job id at once. */
export async function startImport(
  db: Db,
  actor: Actor,
  unitId: number,
  file: { bytes: Buffer; fileName: string },
  log: (err: unknown) => void,
): Promise<number> {
  const unit = await visibleUnit(db, actor, unitId);
  authorize(actor, 'member.import', unit.path);
  const sha = createHash('sha256').update(file.bytes).digest('hex');
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO member_imports (unit_id, created_by, file_name, file_sha256, status) VALUES ($1, $2, $3, $4, 'validating') RETURNING id`,
    [unit.id, actor.userId, file.fileName.slice(0, 200), sha],
  );
  const id = row!.id;
  setImmediate(() => {
    runValidation(db, actor, unit, id, file).catch(async (err) => {
      log(err);
      await db
        .query(`UPDATE member_imports SET status = 'failed', finished_at = now() WHERE id = $1`, [id])
        .catch(() => {});
    });
  });
  return id;
}

async function runValidation(
  db: Db,
  actor: Actor,
  unit: UnitRow,
  id: number,
  file: { bytes: Buffer; fileName: string },
) {
  const outcome = await validateImport(db, actor, unit, file.bytes, file.fileName, (processed, total) =>
    db
      .query('UPDATE member_imports SET processed = $2, total_rows = $3 WHERE id = $1', [
        id,
        processed,
        total,
      ])
      .then(() => {}),
  );
  const status: ImportStatus = outcome.fileError || outcome.errors.length > 0 ? 'invalid' : 'ready';
  await db.query(
    `UPDATE member_imports SET status = $2, total_rows = $3, processed = $3, summary = $4, errors = $5, plan = $6, finished_at = now()
      WHERE id = $1`,
    [
      id,
      status,
      outcome.totalRows,
      JSON.stringify(summarize(outcome)),
      JSON.stringify({ errors: outcome.errors, warnings: outcome.warnings, fileError: outcome.fileError }),
      JSON.stringify(outcome.plan),
    ],
  );
}

/** Applies a validated plan in one transaction: every row or none. */
export async function applyPlan(
  tx: Executor,
  actor: Actor | null,
  unitId: number,
  plan: StoredPlan,
  ip?: string,
  today = todayIso(),
): Promise<{ created: number; updated: number }> {
  const COLUMN: Record<string, string> = {
    fullName: 'full_name',
    birthDate: 'birth_date',
    gender: 'gender',
    ethnicity: 'ethnicity',
    hometown: 'hometown',
    address: 'address',
    admissionDate: 'admission_date',
    officialDate: 'official_date',
    cardNumber: 'card_number',
    nationalId: 'national_id',
    phone: 'phone',
    email: 'email',
    notes: 'notes',
  };
  for (const u of plan.update) {
    const entries = Object.entries(u.changes).filter(([f]) => COLUMN[f]);
    if (entries.length === 0) continue;
    const sets = entries.map(([f], i) => `${COLUMN[f]} = $${i + 2}`);
    const values = entries.map(([, c]) => c!.to);
    const name = u.changes.fullName?.to;
    if (typeof name === 'string') {
      sets.push(`sort_key = $${values.length + 2}`);
      values.push(vietnameseNameSortKey(name));
    }
    const [m] = await tx.query<{ unit_id: number }>(
      `UPDATE members SET ${sets.join(', ')}, updated_at = now() WHERE id = $1 RETURNING unit_id`,
      [u.id, ...values],
    );
    await audit(
      tx,
      actor,
      {
        action: 'member.import_update',
        entityType: 'member',
        entityId: u.id,
        orgUnitId: m?.unit_id,
        before: Object.fromEntries(entries.map(([f, c]) => [f, c!.from])),
        after: Object.fromEntries(entries.map(([f, c]) => [f, c!.to])),
      },
      ip,
    );
  }
  // Creates after updates: a card number or CCCD may move off one record before another takes it.
  for (let i = 0; i < plan.create.length; i += CHUNK) {
    await insertCreated(tx, actor, plan.create.slice(i, i + CHUNK), ip, today);
  }
  await audit(
    tx,
    actor,
    {
      action: 'member.import',
      entityType: 'org_unit',
      entityId: unitId,
      orgUnitId: unitId,
      after: { created: plan.create.length, updated: plan.update.length },
    },
    ip,
  );
  return { created: plan.create.length, updated: plan.update.length };
}

const CHUNK = 1000;

/**
 * Inserts new members in bulk (a handful of statements per thousand rows, not five per row):
 * on PGlite a long commit holds the only connection, so it must be short.
 */
async function insertCreated(
  tx: Executor,
  actor: Actor | null,
  rows: MemberRow[],
  ip: string | undefined,
  today: string,
) {
  const ids = (
    await tx.query<{ id: number }>(
      "SELECT nextval('members_id_seq')::int AS id FROM generate_series(1, $1::int)",
      [rows.length],
    )
  ).map((r) => r.id);
  const col = <T>(f: (r: MemberRow) => T) => rows.map(f);
  await tx.query(
    `INSERT INTO members (id, full_name, sort_key, birth_date, gender, ethnicity, hometown, address, admission_date,
       official_date, card_number, national_id, phone, email, notes, unit_id)
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[],
       $9::date[], $10::date[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::int[])`,
    [
      ids,
      col((r) => r.fullName),
      col((r) => vietnameseNameSortKey(r.fullName)),
      col((r) => r.birthDate ?? null),
      col((r) => r.gender ?? null),
      col((r) => r.ethnicity ?? null),
      col((r) => r.hometown ?? null),
      col((r) => r.address ?? null),
      col((r) => r.admissionDate ?? null),
      col((r) => r.officialDate ?? null),
      col((r) => r.cardNumber ?? null),
      col((r) => r.nationalId ?? null),
      col((r) => r.phone ?? null),
      col((r) => r.email ?? null),
      col((r) => r.notes ?? null),
      col((r) => r.cellId),
    ],
  );
  // Counted in the cell from admission: the national export does not say when a member arrived.
  await tx.query(
    `INSERT INTO memberships (member_id, unit_id, valid_from, start_reason)
     SELECT m, u, d, 'import' FROM unnest($1::int[], $2::int[], $3::date[]) AS t(m, u, d)`,
    [ids, col((r) => r.cellId), col((r) => r.admissionDate ?? today)],
  );
  const withAdmission = rows.flatMap((r, i) => (r.admissionDate ? [{ id: ids[i]!, r }] : []));
  await tx.query(
    `INSERT INTO member_status_periods (member_id, kind, valid_from, valid_to)
     SELECT m, 'probationary', f, t FROM unnest($1::int[], $2::date[], $3::date[]) AS x(m, f, t)`,
    [
      withAdmission.map((x) => x.id),
      withAdmission.map((x) => x.r.admissionDate),
      withAdmission.map((x) => x.r.officialDate ?? null),
    ],
  );
  const official = rows.flatMap((r, i) => (r.officialDate ? [{ id: ids[i]!, date: r.officialDate }] : []));
  await tx.query(
    `INSERT INTO member_status_periods (member_id, kind, valid_from) SELECT m, 'official', f FROM unnest($1::int[], $2::date[]) AS x(m, f)`,
    [official.map((x) => x.id), official.map((x) => x.date)],
  );
  await tx.query(
    `INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, org_unit_id, org_path, after, ip)
     SELECT $1::int, 'member.import_create', 'member', e, u, (SELECT path FROM org_units WHERE id = u), a::jsonb, $2::text
       FROM unnest($3::text[], $4::int[], $5::text[]) AS t(e, u, a)`,
    [actor?.userId ?? null, ip ?? null, ids.map(String), col((r) => r.cellId), col((r) => JSON.stringify(r))],
  );
}

/** Commits a ready import. The status check-and-set is atomic, so a double click commits once. */
export async function commitImport(db: Db, actor: Actor, id: number, ip?: string) {
  const job = await visibleImport(db, actor, id);
  if (job.status === 'invalid') throw new AppError('IMPORT_HAS_ERRORS');
  if (job.status !== 'ready') throw new AppError('IMPORT_NOT_READY');
  return db.transaction(async (tx) => {
    const claimed = await tx.query(
      `UPDATE member_imports SET status = 'committing' WHERE id = $1 AND status = 'ready' RETURNING id`,
      [id],
    );
    if (claimed.length === 0) throw new AppError('IMPORT_NOT_READY');
    const result = await applyPlan(tx, actor, job.unit_id, job.plan!, ip);
    await tx.query(`UPDATE member_imports SET status = 'done', finished_at = now() WHERE id = $1`, [id]);
    return result;
  });
}

export function presentImport(row: ImportRow, cellNames: Map<number, string> = new Map()) {
  const plan = row.plan;
  return {
    id: row.id,
    unitId: row.unit_id,
    fileName: row.file_name,
    status: row.status,
    totalRows: row.total_rows,
    processed: row.processed,
    summary: row.summary,
    errors: row.errors?.errors ?? [],
    warnings: row.errors?.warnings ?? [],
    fileError: row.errors?.fileError,
    preview: plan
      ? {
          create: plan.create.slice(0, 500).map((r) => ({
            rowNumber: r.rowNumber,
            fullName: r.fullName,
            cellId: r.cellId,
            cellName: cellNames.get(r.cellId) ?? null,
          })),
          update: plan.update.slice(0, 500).map((u) => ({
            rowNumber: u.rowNumber,
            id: u.id,
            fullName: u.fullName ?? null,
            changes: u.changes,
            /** The same changes as people read them: Vietnamese labels and values. */
            shown: shownChanges(u.changes, cellNames),
          })),
        }
      : null,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

/** The job as the API shows it, with the names of the cells rows go to. */
export async function importView(ex: Executor, row: ImportRow) {
  const ids = [
    ...new Set([
      ...(row.plan?.create ?? []).map((r) => r.cellId),
      ...(row.plan?.update ?? []).flatMap((u) => {
        const c = u.changes.cellId;
        return c ? [Number(c.from), Number(c.to)] : [];
      }),
    ]),
  ];
  const names = ids.length
    ? await ex.query<{ id: number; name: string }>(
        'SELECT id, name FROM org_units WHERE id = ANY($1::int[])',
        [ids],
      )
    : [];
  return presentImport(row, new Map(names.map((n) => [n.id, n.name])));
}

export async function listImports(ex: Executor, unitId: number) {
  const rows = await ex.query<ImportRow>(
    `SELECT ${COLS} FROM member_imports i JOIN org_units u ON u.id = i.unit_id WHERE i.unit_id = $1 ORDER BY i.id DESC LIMIT 20`,
    [unitId],
  );
  return rows.map((r) => ({ ...presentImport(r), preview: null }));
}
