import { z } from 'zod';
import { todayIso } from '../../domain/format.js';
import { allPacks } from '../../rules/store.js';
import { rulePackSchema } from '../../rules/types.js';
import { authorize, isAdmin } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import { type App, actorOf, idParams, typed } from '../../server/http.js';
import { repackPlannedMeetings } from '../meetings/repack.js';
import { rulePackForUnit, visibleUnit } from '../org/service.js';

/** Turns zod issues into Vietnamese lines a committee's staff can act on ("scoring.rubric.criteria.0.max: …"). */
function packProblems(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`);
}

export async function rulePackRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['rule-packs'];

  r.get(
    '/api/rule-packs',
    { schema: { tags, summary: 'Các bộ quy định (bộ tiêu chí) có sẵn và đã nạp, mọi phiên bản' } },
    async () => {
      const packs = await allPacks(db);
      return {
        items: packs.map((p) => ({
          id: p.id,
          version: p.version,
          name: p.name,
          effectiveFrom: p.effectiveFrom,
          source: p.source,
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
        body: z.object({ pack: z.unknown() }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      // Packs are shared by every unit that selects them: only administrators load them.
      if (!isAdmin(actor) && !actor.grants.some((g) => g.role === 'committee_staff'))
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
      const [exists] = await db.query('SELECT 1 FROM rule_packs WHERE id = $1 AND version = $2', [
        pack.id,
        pack.version,
      ]);
      if (exists) throw new AppError('CONFLICT', `Đã có phiên bản ${pack.version} của bộ ${pack.id}.`);
      await db.transaction(async (tx) => {
        await tx.query(
          'INSERT INTO rule_packs (id, version, effective_from, name, content, created_by) VALUES ($1, $2, $3, $4, $5, $6)',
          [pack.id, pack.version, pack.effectiveFrom, pack.name, JSON.stringify(pack), actor.userId],
        );
        // Meetings not yet held from its effective date on take the new version.
        await repackPlannedMeetings(tx, { rootPath: '/', from: pack.effectiveFrom });
        await audit(
          tx,
          actor,
          {
            action: 'rule_pack.load',
            entityType: 'rule_pack',
            entityId: `${pack.id}@${pack.version}`,
            after: { name: pack.name, effectiveFrom: pack.effectiveFrom },
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
        if (req.body.packId && !(await allPacks(tx)).some((p) => p.id === req.body.packId)) {
          throw new AppError('VALIDATION_FAILED', `Không có bộ quy định "${req.body.packId}".`, {
            field: 'packId',
          });
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
