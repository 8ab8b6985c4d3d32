import { describe, expect, it } from 'vitest';
import { GRADING_DEFAULT } from '../rules/hd43-2025.js';
import type { GradingRules } from '../rules/year-types.js';
import {
  applyCap,
  capLevel,
  checkQuotas,
  gradingDistribution,
  gradingSentence,
  levelForScore,
  levelRank,
  type MemberYearFacts,
  quotaAllowed,
} from './grading.js';

const levels = GRADING_DEFAULT.levels;
const clean: MemberYearFacts = {
  disciplined: false,
  duesUnpaidMonths: 0,
  tasksAssigned: 10,
  tasksDone: 10,
  tasksLate: 0,
  tasksUndone: 0,
};

describe('levels', () => {
  it('ranks best first', () => {
    expect(levelRank('xuat_sac')).toBe(0);
    expect(levelRank('tot')).toBe(1);
    expect(levelRank('hoan_thanh')).toBe(2);
    expect(levelRank('khong_hoan_thanh')).toBe(3);
    expect(applyCap('xuat_sac', 'hoan_thanh')).toBe('hoan_thanh');
    expect(applyCap('khong_hoan_thanh', 'hoan_thanh')).toBe('khong_hoan_thanh');
  });

  it.each([
    [100, 'xuat_sac'],
    [90, 'xuat_sac'],
    [89.99, 'tot'],
    [70, 'tot'],
    [69.99, 'hoan_thanh'],
    [50, 'hoan_thanh'],
    [49.99, 'khong_hoan_thanh'],
    [0, 'khong_hoan_thanh'],
  ] as const)('score %d → %s', (score, level) => {
    expect(levelForScore(score, levels)).toBe(level);
  });

  it('does not depend on the order of the levels in the pack', () => {
    expect(levelForScore(70, [...levels].reverse())).toBe('tot');
  });
});

describe('capLevel (hard rules, strictly above)', () => {
  const cap = (f: Partial<MemberYearFacts>, t: 'member' | 'organisation' = 'member') =>
    capLevel({ ...clean, ...f }, GRADING_DEFAULT, t);

  it('leaves a clean year uncapped', () => {
    expect(cap({})).toEqual({ maxLevel: 'xuat_sac', reasons: [] });
  });

  it('caps a disciplined member at hoàn thành, citing the rule', () => {
    const r = cap({ disciplined: true });
    expect(r.maxLevel).toBe('hoan_thanh');
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0]!.citation).toContain('kỷ luật');
    expect(r.reasons[0]!.message).toContain('"Hoàn thành nhiệm vụ"');
  });

  it('applies the discipline rule to organisations, the dues rule only to members', () => {
    expect(cap({ disciplined: true }, 'organisation').maxLevel).toBe('hoan_thanh');
    expect(cap({ duesUnpaidMonths: 5 }, 'organisation').maxLevel).toBe('xuat_sac');
  });

  it('dues: 2 unpaid months do not cap, 3 do', () => {
    expect(cap({ duesUnpaidMonths: 2 }).maxLevel).toBe('xuat_sac');
    const r = cap({ duesUnpaidMonths: 3 });
    expect(r.maxLevel).toBe('khong_hoan_thanh');
    expect(r.reasons[0]!.message).toContain('3 tháng');
  });

  it('tasks late: 0 % none, 20 % caps at hoàn thành, 20,01 % at không hoàn thành', () => {
    expect(cap({ tasksLate: 0 }).maxLevel).toBe('xuat_sac');
    expect(cap({ tasksAssigned: 10, tasksLate: 2 }).maxLevel).toBe('hoan_thanh');
    expect(cap({ tasksAssigned: 10_000, tasksLate: 2000 }).maxLevel).toBe('hoan_thanh');
    const r = cap({ tasksAssigned: 10_000, tasksLate: 2001 });
    expect(r.maxLevel).toBe('khong_hoan_thanh');
    expect(r.reasons).toHaveLength(2);
    expect(r.reasons[1]!.message).toContain('20,01%');
  });

  it('no tasks assigned is 0 % late', () => {
    expect(cap({ tasksAssigned: 0, tasksDone: 0 }).maxLevel).toBe('xuat_sac');
  });

  it('takes the worst of several caps', () => {
    expect(cap({ disciplined: true, duesUnpaidMonths: 3 }).maxLevel).toBe('khong_hoan_thanh');
  });

  it('tasks_undone with above 0', () => {
    const rules: Pick<GradingRules, 'hardRules'> = {
      hardRules: [{ when: 'tasks_undone', above: 0, maxLevel: 'tot', appliesTo: ['member'], citation: 'X' }],
    };
    expect(capLevel({ ...clean, tasksUndone: 0 }, rules, 'member').maxLevel).toBe('xuat_sac');
    expect(capLevel({ ...clean, tasksUndone: 1 }, rules, 'member').maxLevel).toBe('tot');
  });
});

describe('quotas', () => {
  it('rounds in integers: floor, half-up, ceil', () => {
    expect(quotaAllowed(20, 5, 'floor')).toBe(1);
    expect(quotaAllowed(20, 5, 'half_up')).toBe(1);
    expect(quotaAllowed(20, 5, 'ceil')).toBe(1);
    expect(quotaAllowed(20, 12, 'floor')).toBe(2); // 2,4
    expect(quotaAllowed(20, 12, 'half_up')).toBe(2);
    expect(quotaAllowed(20, 12, 'ceil')).toBe(3);
    expect(quotaAllowed(20, 13, 'floor')).toBe(2); // 2,6
    expect(quotaAllowed(20, 13, 'half_up')).toBe(3);
    expect(quotaAllowed(20, 13, 'ceil')).toBe(3);
    expect(quotaAllowed(50, 5, 'half_up')).toBe(3); // 2,5 → 3
    expect(quotaAllowed(50, 5, 'floor')).toBe(2);
    expect(quotaAllowed(20, 0, 'ceil')).toBe(0);
    expect(quotaAllowed(12.5, 4, 'half_up')).toBe(1); // 0,5
    expect(quotaAllowed(12.5, 4, 'floor')).toBe(0);
    expect(quotaAllowed(0.1, 3, 'ceil')).toBe(1);
  });

  const q = GRADING_DEFAULT.quotas;
  const cell = (key: string, n: { xs: number; tot: number; ht?: number }) => [
    ...Array.from({ length: n.xs }, (_, i) => ({
      key: `${key}-xs${i}`,
      groupKey: key,
      level: 'xuat_sac' as const,
    })),
    ...Array.from({ length: n.tot }, (_, i) => ({
      key: `${key}-t${i}`,
      groupKey: key,
      level: 'tot' as const,
    })),
    ...Array.from({ length: n.ht ?? 0 }, (_, i) => ({
      key: `${key}-h${i}`,
      groupKey: key,
      level: 'hoan_thanh' as const,
    })),
  ];

  it('exactly at the limit passes; one above fails, per unit, with a Vietnamese message', () => {
    // 2 of 12 (xuất sắc + tốt) = 16,7 % ≤ 20 % → floor(2,4) = 2 allowed.
    expect(checkQuotas(cell('7', { xs: 2, tot: 10, ht: 5 }), q, 'member')).toEqual([]);
    const v = checkQuotas(cell('7', { xs: 3, tot: 9 }), q, 'member', { groupName: () => 'Chi bộ Khu phố 3' });
    expect(v).toHaveLength(2); // the unit and the total
    expect(v[0]).toMatchObject({
      level: 'xuat_sac',
      scope: 'unit',
      groupKey: '7',
      count: 3,
      base: 12,
      allowed: 2,
    });
    expect(v[0]!.message).toBe(
      `Chi bộ Khu phố 3: 3 đảng viên xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức tối đa 2 (20% của 12 đảng viên xếp loại Hoàn thành xuất sắc nhiệm vụ và Hoàn thành tốt nhiệm vụ) — ${q[0]!.citation}`,
    );
    expect(v[1]).toMatchObject({ scope: 'total', groupKey: null, count: 3, base: 12, allowed: 2 });
    expect(v[1]!.message.startsWith('Toàn bộ: ')).toBe(true);
  });

  it('20 % of 5 is exactly 1', () => {
    expect(checkQuotas(cell('a', { xs: 1, tot: 4 }), q, 'member')).toEqual([]);
    expect(checkQuotas(cell('a', { xs: 2, tot: 3 }), q, 'member')).toHaveLength(2);
  });

  it('a unit can break its quota while the total does not', () => {
    const items = [...cell('a', { xs: 2, tot: 3 }), ...cell('b', { xs: 0, tot: 10 })];
    const v = checkQuotas(items, q, 'organisation');
    expect(v.map((x) => [x.scope, x.groupKey])).toEqual([['unit', 'a']]);
    expect(v[0]!.message).toContain('tổ chức đảng');
  });

  it('ignores quotas of the other subject type and follows `per`', () => {
    const memberOnly = [{ ...q[0]!, appliesTo: ['member' as const], per: ['total' as const] }];
    expect(checkQuotas(cell('a', { xs: 5, tot: 0 }), memberOnly, 'organisation')).toEqual([]);
    const v = checkQuotas(cell('a', { xs: 5, tot: 0 }), memberOnly, 'member');
    expect(v.map((x) => x.scope)).toEqual(['total']);
  });
});

describe('distribution and sentences', () => {
  it('seed 002: 11/56 → 19,64%, 45/56 → 80,36% each on its own', () => {
    const rows = gradingDistribution({ xuat_sac: 11, tot: 45 }, levels);
    expect(rows.map((r) => r.level)).toEqual(['xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh']);
    expect(rows[0]).toEqual({
      level: 'xuat_sac',
      label: 'Hoàn thành xuất sắc nhiệm vụ',
      numerator: 11,
      denominator: 56,
      percent: 19.64,
    });
    expect(rows[1]!.percent).toBe(80.36);
    expect(rows[2]).toMatchObject({ numerator: 0, denominator: 56, percent: 0 });
    expect(gradingSentence(rows[0]!, 'đơn vị', levels)).toBe(
      '11/56 đơn vị hoàn thành xuất sắc nhiệm vụ, chiếm tỷ lệ 19,64%',
    );
    expect(gradingSentence(rows[0]!, 'đơn vị')).toBe(
      '11/56 đơn vị hoàn thành xuất sắc nhiệm vụ, chiếm tỷ lệ 19,64%',
    );
  });

  it('thousands and half-up: 857/5.262 → 16,29%', () => {
    const rows = gradingDistribution({ xuat_sac: 857, tot: 4051, hoan_thanh: 354 }, levels);
    expect(rows[0]!.denominator).toBe(5262);
    expect(gradingSentence(rows[0]!, 'đảng viên', levels)).toBe(
      '857/5.262 đảng viên hoàn thành xuất sắc nhiệm vụ, chiếm tỷ lệ 16,29%',
    );
  });

  it('nothing graded: percent 0', () => {
    const rows = gradingDistribution({}, levels);
    expect(rows.every((r) => r.numerator === 0 && r.denominator === 0 && r.percent === 0)).toBe(true);
    expect(gradingSentence(rows[3]!, 'cán bộ', levels)).toBe(
      '0/0 cán bộ không hoàn thành nhiệm vụ, chiếm tỷ lệ 0,00%',
    );
  });
});
