/**
 * A pack change reaches meetings not yet held: a planned meeting takes the pack in force for its
 * cell on its date (and that pack's minimum length for its kind); held and scored meetings keep
 * theirs. Run when a unit selects a pack and when a new pack version is loaded; starting a meeting
 * re-reads the pack of its day as well (start.ts).
 */
import type { Executor } from '../../db/executor.js';
import { toIsoDate } from '../../domain/format.js';
import { rulePackForUnit } from '../org/service.js';
import type { MeetingKindKey } from './labels.js';

export async function repackPlannedMeetings(
  tx: Executor,
  opts: { rootPath: string; from?: string },
): Promise<number> {
  // Planned meetings are few (a cell plans a few months ahead), so this stays bounded.
  const rows = await tx.query<{
    id: number;
    kind: MeetingKindKey;
    path: string;
    scheduled_at: Date;
    rule_pack: string;
    rule_pack_version: string;
    min_duration_minutes: number;
  }>(
    `SELECT mt.id, mt.kind, u.path, mt.scheduled_at, mt.rule_pack, mt.rule_pack_version, mt.min_duration_minutes
       FROM meetings mt JOIN org_units u ON u.id = mt.unit_id
      WHERE mt.status = 'planned' AND u.path LIKE $1
        AND mt.scheduled_at >= coalesce(($2::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh', now() - interval '1 day')`,
    [`${opts.rootPath}%`, opts.from ?? null],
  );
  const changes: { id: number; pack: string; version: string; minutes: number }[] = [];
  for (const r of rows) {
    const pack = await rulePackForUnit(tx, r.path, toIsoDate(new Date(r.scheduled_at)));
    const minutes = pack.meetings.minDurationMinutes[r.kind] ?? r.min_duration_minutes;
    if (pack.id !== r.rule_pack || pack.version !== r.rule_pack_version || minutes !== r.min_duration_minutes)
      changes.push({ id: r.id, pack: pack.id, version: pack.version, minutes });
  }
  if (changes.length > 0) {
    await tx.query(
      `UPDATE meetings mt SET rule_pack = x.p, rule_pack_version = x.v, min_duration_minutes = x.m, updated_at = now()
         FROM unnest($1::int[], $2::text[], $3::text[], $4::int[]) AS x(id, p, v, m) WHERE mt.id = x.id`,
      [
        changes.map((c) => c.id),
        changes.map((c) => c.pack),
        changes.map((c) => c.version),
        changes.map((c) => c.minutes),
      ],
    );
  }
  return changes.length;
}
