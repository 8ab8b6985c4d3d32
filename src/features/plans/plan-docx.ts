/** `GET /api/plans/{id}/plan.docx`: the plan in the HD 36 form (src/documents/plan-text.ts). */
import type { Executor } from '../../db/executor.js';
import { committeeName, issuerSymbol } from '../../documents/hd36.js';
import { renderDocx } from '../../documents/meeting-docx.js';
import { planDocument } from '../../documents/plan-text.js';
import type { Actor } from '../../server/access.js';
import { getPlan, loadPlan } from './service.js';

/** The place before the date, from the unit's name: "Đảng bộ phường An Hội" → "Phường An Hội". */
function placeOf(unitName: string): string {
  const rest = unitName.trim().replace(/^(đảng bộ|chi bộ)\s+/iu, '');
  return rest.charAt(0).toLocaleUpperCase('vi') + rest.slice(1);
}

export async function planDocx(
  ex: Executor,
  actor: Actor,
  id: number,
): Promise<{ bytes: Buffer; title: string }> {
  const row = await loadPlan(ex, actor, id);
  const plan = await getPlan(ex, actor, id);
  const [superior] = await ex.query<{ name: string }>(
    'SELECT p.name FROM org_units u JOIN org_units p ON p.id = u.parent_id WHERE u.id = $1',
    [row.unit_id],
  );
  const doc = planDocument({
    superiorName: superior?.name ?? null,
    issuerName: committeeName(row.unit_name, row.unit_kind),
    issuerSymbol: issuerSymbol(row.unit_kind),
    place: placeOf(row.unit_name),
    title: plan.title,
    directive: plan.directive,
    goals: plan.goals,
    periodFrom: plan.periodFrom,
    periodTo: plan.periodTo,
    draft: plan.status === 'draft',
    targets: plan.targets.map((t) => ({
      title: t.title,
      indicatorLabel: t.indicator ? t.indicatorLabel : 'Cấp ủy theo dõi, đánh giá',
      percent: t.indicator !== null,
      comparator: t.comparator,
      threshold: t.threshold,
      deadline: t.deadline,
    })),
    milestones: plan.milestones,
    responsibilities: plan.responsibilities,
  });
  return {
    bytes: await renderDocx(doc),
    title: /^kế hoạch/iu.test(plan.title) ? plan.title : `Kế hoạch ${plan.title}`,
  };
}
