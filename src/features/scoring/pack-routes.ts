import { z } from 'zod';
import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import { allPacks, type PackOwnerUnit, packOwner } from '../../rules/store.js';
import { rulePackSchema } from '../../rules/types.js';
import { type Actor, authorize, can, isAdmin, scopePrefixes } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import { type App, actorOf, idParams, typed } from '../../server/http.js';
import { repackPlannedMeetings } from '../meetings/repack.js';
import { findUnit, rulePackForUnit, visibleUnit } from '../org/service.js';

/** Turns zod issues into Vietnamese lines a committee's staff can act on ("scoring.rubric.criteria.0.max: …"). */
function packProblems(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`);
}

/**
 * Who may add a version to a pack: a national pack (built-in, or loaded by administrators) scores
 * cells everywhere, so only administrators; a committee's own pack, whoever manages that committee.
 */
function mayLoadVersion(actor: Actor, owner: PackOwnerUnit | null): boolean {
  return owner === null ? isAdmin(actor) : can(actor, 'unit.manage', owner.path);
}

/** A committee's pack is listed to those above it and those inside its subtree; national packs to all. */
function packVisibleTo(actor: Actor, owner: PackOwnerUnit | null): boolean {
  return (
    owner === null ||
    can(actor, 'unit.read', owner.path) ||
    actor.grants.some((g) => g.path.startsWith(owner.path))
  );
}

export async function rulePackRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['rule-packs'];

  r.get(
    '/api/rule-packs',
    {
      schema: {
        tags,
        summary: 'Các bộ quy định (bộ tiêu chí) có sẵn và đã nạp, mọi phiên bản',
        description:
          'National packs (built-in, or loaded by administrators: `ownerUnitId` null) and the packs of committees ' +
          'above or around the caller. A committee’s pack is selected only within its own subtree.',
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const packs = (await allPacks(db)).filter((p) => packVisibleTo(actor, p.owner));
      return {
        items: packs.map((p) => ({
          id: p.id,
          version: p.version,
          name: p.name,
          effectiveFrom: p.effectiveFrom,
          source: p.source,
          ownerUnitId: p.owner?.id ?? null,
          ownerUnitName: p.owner?.name ?? null,
          permissions: { canLoadVersion: mayLoadVersion(actor, p.owner) },
          criteria: p.scoring.rubric.criteria.map((c) => ({
            key: c.key,
            title: c.title,
            max: c.max,
            items: c.items.map((i) => ({
              key: i.key,
              title: i.title,
              max: i.max,
              measured: Boolean(i.measure),
            })),
          })),
          bands: p.scoring.rubric.bands,
          topBandRequiresFull: p.scoring.rubric.topBandRequiresFull,
          pack: p,
        })),
        total: packs.length,
      };
    },
  );

  r.post(
    '/api/rule-packs',
    {
      schema: {
        tags,
        summary: 'Nạp một bộ quy định mới (JSON, kiểm tra kỹ; có hiệu lực từ một ngày không ở quá khứ)',
        description:
          'A new pack id belongs to `ownerUnitId` (default: national for an administrator, else the caller’s ' +
          'highest unit with unit.manage). A new version of an existing id keeps its owner: national ids (built-in ' +
          'or loaded by administrators) only by administrators, a committee’s pack by those who manage that committee.',
        body: z.object({
          pack: z.unknown(),
          ownerUnitId: z.number().int().positive().max(2_147_483_647).nullish(),
        }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      // Loading needs unit.manage somewhere (administrators and committee staff).
      if (!isAdmin(actor) && scopePrefixes(actor, 'unit.manage').length === 0)
        throw new AppError('FORBIDDEN');
      const parsed = rulePackSchema.safeParse(req.body.pack);
      if (!parsed.success) {
        throw new AppError(
          'VALIDATION_FAILED',
          `Bộ quy định không hợp lệ: ${packProblems(parsed.error).join('; ')}`,
          {
            issues: packProblems(parsed.error),
          },
        );
      }
      const pack = parsed.data;
      const problems: string[] = [];
      for (const c of pack.scoring.rubric.criteria) {
        const sum = c.items.reduce((s, i) => s + i.max, 0);
        if (sum !== c.max)
          problems.push(`Tiêu chí "${c.title}": tổng điểm các mục ${sum} khác điểm tối đa ${c.max}`);
      }
      const total = pack.scoring.rubric.criteria.reduce((s, c) => s + c.max, 0);
      if (total !== 100) problems.push(`Tổng điểm các tiêu chí là ${total}, phải là 100`);
      // A new version never changes how past meetings were scored.
      if (pack.effectiveFrom < todayIso())
        problems.push(
          `Ngày hiệu lực ${pack.effectiveFrom} đã qua: phiên bản mới chỉ áp dụng từ hôm nay trở đi`,
        );
      if (problems.length > 0)
        throw new AppError('VALIDATION_FAILED', `Bộ quy định không hợp lệ: ${problems.join('; ')}`, {
          issues: problems,
        });
      await db.transaction(async (tx) => {
        const owner = await ownerForLoad(tx, actor, pack.id, req.body.ownerUnitId ?? null);
        const [exists] = await tx.query('SELECT 1 FROM rule_packs WHERE id = $1 AND version = $2', [
          pack.id,
          pack.version,
        ]);
        if (exists) throw new AppError('CONFLICT', `Đã có phiên bản ${pack.version} của bộ ${pack.id}.`);
        await tx.query(
          'INSERT INTO rule_packs (id, version, effective_from, name, content, created_by, owner_unit_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [
            pack.id,
            pack.version,
            pack.effectiveFrom,
            pack.name,
            JSON.stringify(pack),
            actor.userId,
            owner?.id ?? null,
          ],
        );
        // Meetings not yet held from its effective date on take the new version: everywhere for a
        // national pack, only in the owner's subtree (the only units that may select it) otherwise.
        await repackPlannedMeetings(tx, { rootPath: owner?.path ?? '/', from: pack.effectiveFrom });
        await audit(
          tx,
          actor,
          {
            action: 'rule_pack.load',
            entityType: 'rule_pack',
            entityId: `${pack.id}@${pack.version}`,
            orgUnitId: owner?.id ?? null,
            after: { name: pack.name, effectiveFrom: pack.effectiveFrom, ownerUnitId: owner?.id ?? null },
          },
          req.ip,
        );
      });
      reply.code(201);
      return { id: pack.id, version: pack.version };
    },
  );

  r.put(
    '/api/org-units/:id/rule-pack',
    {
      schema: {
        tags,
        summary: 'Chọn bộ quy định cho đơn vị và các đơn vị trực thuộc (null: theo cấp trên)',
        params: idParams,
        body: z.object({ packId: z.string().min(1).nullable() }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return db.transaction(async (tx) => {
        const unit = await visibleUnit(tx, actor, req.params.id);
        authorize(actor, 'unit.manage', unit.path);
        if (req.body.packId) {
          const owner = await packOwner(tx, req.body.packId);
          // A committee's pack is for its own subtree; one the caller cannot even see answers as absent.
          if (owner === undefined || (owner !== null && !packVisibleTo(actor, owner))) {
            throw new AppError('VALIDATION_FAILED', `Không có bộ quy định "${req.body.packId}".`, {
              field: 'packId',
            });
          }
          if (owner !== null && !unit.path.startsWith(owner.path)) {
            throw new AppError(
              'FORBIDDEN',
              `Bộ quy định "${req.body.packId}" là của ${owner.name}, chỉ chọn được cho đơn vị đó và các đơn vị trực thuộc.`,
              { field: 'packId' },
            );
          }
        }
        await tx.query('UPDATE org_units SET rule_pack = $2, updated_at = now() WHERE id = $1', [
          unit.id,
          req.body.packId,
        ]);
        const repacked = await repackPlannedMeetings(tx, { rootPath: unit.path });
        await audit(
          tx,
          actor,
          {
            action: 'unit.rule_pack',
            entityType: 'org_unit',
            entityId: unit.id,
            orgUnitId: unit.id,
            before: { packId: unit.rule_pack },
            after: { ...req.body, plannedMeetingsUpdated: repacked },
          },
          req.ip,
        );
        const pack = await rulePackForUnit(tx, unit.path, todayIso());
        return {
          unitId: unit.id,
          selected: req.body.packId,
          inForce: { id: pack.id, version: pack.version, name: pack.name },
          plannedMeetingsUpdated: repacked,
        };
      });
    },
  );
}

/**
 * The owner a new version is loaded under: the id's existing owner (checked against the actor),
 * or for a new id the requested unit, national for an administrator, else the caller's highest
 * unit with unit.manage.
 */
async function ownerForLoad(
  tx: Executor,
  actor: Actor,
  packId: string,
  requested: number | null,
): Promise<PackOwnerUnit | null> {
  const existing = await packOwner(tx, packId);
  if (existing !== undefined) {
    if (requested !== null && requested !== existing?.id) {
      throw new AppError(
        'VALIDATION_FAILED',
        'Bộ quy định đã có đơn vị sở hữu; phiên bản mới giữ nguyên đơn vị đó.',
        {
          field: 'ownerUnitId',
        },
      );
    }
    if (mayLoadVersion(actor, existing)) return existing;
    if (existing === null) {
      throw new AppError(
        'FORBIDDEN',
        `Bộ quy định "${packId}" áp dụng chung cho mọi đơn vị: chỉ quản trị hệ thống nạp phiên bản mới. Hãy nạp thành một bộ riêng với mã khác.`,
        { field: 'pack.id' },
      );
    }
    throw new AppError(
      'FORBIDDEN',
      `Mã "${packId}" đã là bộ quy định của một đơn vị khác; hãy đặt mã khác cho bộ của mình.`,
      { field: 'pack.id' },
    );
  }
  if (requested !== null) {
    const unit = await findUnit(tx, requested);
    if (!unit || !can(actor, 'unit.read', unit.path)) {
      throw new AppError('VALIDATION_FAILED', 'Không tìm thấy đơn vị sở hữu bộ quy định.', {
        field: 'ownerUnitId',
      });
    }
    authorize(actor, 'unit.manage', unit.path);
    return { id: unit.id, path: unit.path, name: unit.name };
  }
  if (isAdmin(actor)) return null;
  // Grants come ordered from the highest unit down (loadGrants).
  const top = actor.grants.find((g) => can(actor, 'unit.manage', g.path));
  if (!top) throw new AppError('FORBIDDEN');
  return { id: top.orgUnitId, path: top.path, name: top.unitName };
}
