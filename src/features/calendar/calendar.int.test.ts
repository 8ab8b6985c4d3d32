/**
 * The holiday calendar through the API: the seeded years, an administrator's decision moving a
 * working-day deadline, every other role refused, and bad dates refused with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { unit, user } from '../../../test/support/factory.js';
import { KNOWN_DECISIONS } from '../../domain/calendar/known-decisions.js';
import { addWorkingDays, defaultWorkingCalendar } from '../../domain/calendar/working-days.js';
import type { Role } from '../../server/access.js';
import { dayOffName, isDayOff, loadWorkingCalendar } from './service.js';

const ROLES: Role[] = [
  'admin',
  'committee_staff',
  'supervisor',
  'cell_secretary',
  'cell_committee',
  'member',
];

describe('holiday decisions', () => {
  let t: TestApp;
  const clients = new Map<Role, Client>();
  const put = (c: Client, year: number | string, payload: object) =>
    c.request({ method: 'PUT', url: `/api/holiday-decisions/${year}`, payload });
  const auditRows = async (year: number) =>
    t.db.query<{ action: string; before: unknown; after: unknown; actor_user_id: number }>(
      "SELECT action, before, after, actor_user_id FROM audit_log WHERE entity_type = 'holiday_decision' AND entity_id = $1 ORDER BY id",
      [String(year)],
    );
  const stored = async (year: number) =>
    (await t.db.query('SELECT year FROM holiday_decisions WHERE year = $1', [year])).length;

  beforeAll(async () => {
    t = await createTestApp();
    const ward = await unit(t.db, { name: 'Đảng bộ phường Lịch' });
    const cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Lịch', cellType: 'khu_dan_cu' });
    for (const role of ROLES) {
      const name = `lich.${role.replace('_', '-')}`;
      await user(t.db, name, [
        { role, unitId: role === 'admin' || role === 'committee_staff' ? ward.id : cell.id },
      ]);
      clients.set(role, await t.login(name));
    }
  });
  afterAll(() => t.close());

  it('the migration seeds 2024–2026 as known, marked to be checked, newest first for every role', async () => {
    for (const role of ROLES) {
      const res = await clients.get(role)!.get('/api/holiday-decisions');
      expect(res.statusCode, role).toBe(200);
      expect(res.json().canEdit, role).toBe(role === 'admin');
    }
    const body = (await clients.get('member')!.get('/api/holiday-decisions')).json();
    expect(body.items.map((d: { year: number }) => d.year)).toEqual([2026, 2025, 2024]);
    for (const known of KNOWN_DECISIONS) {
      const item = body.items.find((d: { year: number }) => d.year === known.year);
      expect(item).toMatchObject({
        year: known.year,
        reference: known.reference,
        extraDaysOff: known.extraDaysOff,
        extraWorkingDays: known.extraWorkingDays,
        nationalDayAdjacent: known.nationalDayAdjacent,
        note: known.note,
        updatedBy: null,
        warnings: [],
      });
    }
    const tet2025 = body.items[1].calendar.periods.find((p: { title: string }) => p.title === 'Tết Âm lịch');
    expect([tet2025.from, tet2025.to, tet2025.days.length]).toEqual(['2025-01-25', '2025-02-02', 9]);
  });

  it('GET /api/holiday-calendar gives a year’s days off with Vietnamese reasons', async () => {
    const res = await clients.get('member')!.get('/api/holiday-calendar?year=2025');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.decision.reference).toBe('Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024');
    expect(body.daysOff.find((d: { date: string }) => d.date === '2025-01-27')).toEqual({
      date: '2025-01-27',
      weekday: 'Thứ Hai',
      reasons: [{ kind: 'extra_day_off', name: 'Nghỉ theo Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024' }],
    });
    expect(body.workingDays).toEqual([
      { date: '2025-02-03', weekday: 'Thứ Hai', insteadOf: 'Nghỉ bù Tết Âm lịch (mùng 4 tháng Giêng)' },
      { date: '2025-04-26', weekday: 'Thứ Bảy', insteadOf: 'Nghỉ hằng tuần (Thứ Bảy)' },
    ]);
    // A year without a decision: the statutory calendar.
    const y2030 = (await clients.get('member')!.get('/api/holiday-calendar?year=2030')).json();
    expect(y2030.decision).toBeNull();
    expect(y2030.periods.some((p: { title: string }) => p.title === 'Tết Âm lịch')).toBe(true);
    const bad = await clients.get('member')!.get('/api/holiday-calendar?year=1800');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('Năm phải từ 1900 đến 2199');
  });

  it('an administrator saves a decision: the calendar reflects it and a deadline through the loader moves', async () => {
    const admin = clients.get('admin')!;
    // Friday 12/03/2027 + 1 working day: Monday 15/03 by the statute.
    expect(addWorkingDays('2027-03-12', 1, await loadWorkingCalendar(t.db))).toBe('2027-03-15');
    const res = await put(admin, 2027, {
      reference: 'Thông báo thử 1/TB-BNV ngày 01/12/2026',
      extraDaysOff: ['2027-03-15'],
      extraWorkingDays: ['2027-03-20'],
      nationalDayAdjacent: 'after',
      note: 'Nhập thử',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      year: 2027,
      created: true,
      warnings: [],
      updatedBy: { displayName: 'lich.admin' },
    });

    const cal = await loadWorkingCalendar(t.db);
    expect(addWorkingDays('2027-03-12', 1, cal)).toBe('2027-03-16');
    expect(addWorkingDays('2027-03-19', 1, cal)).toBe('2027-03-20'); // the Saturday worked in exchange
    expect(isDayOff(cal, '2027-03-15')).toBe(true);
    expect(dayOffName(cal, '2027-03-15')).toBe('Nghỉ theo Thông báo thử 1/TB-BNV ngày 01/12/2026');
    expect(isDayOff(cal, '2027-09-03')).toBe(true); // Quốc khánh with the day after
    expect(isDayOff(cal, '2027-09-01')).toBe(false);

    const view = (await clients.get('member')!.get('/api/holiday-calendar?year=2027')).json();
    expect(view.daysOff.map((d: { date: string }) => d.date)).toContain('2027-03-15');
    expect(view.workingDays.map((d: { date: string }) => d.date)).toEqual(['2027-03-20']);

    // Saving again replaces it (200), with before and after in the audit log.
    const again = await put(admin, 2027, {
      reference: 'Thông báo thử 1/TB-BNV ngày 01/12/2026',
      extraDaysOff: [],
      extraWorkingDays: [],
      nationalDayAdjacent: 'before',
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().created).toBe(false);
    expect(addWorkingDays('2027-03-12', 1, await loadWorkingCalendar(t.db))).toBe('2027-03-15');
    const rows = await auditRows(2027);
    expect(rows.map((r) => r.action)).toEqual(['holiday_decision.save', 'holiday_decision.save']);
    expect(rows[0]!.before).toBeNull();
    expect(rows[1]!.before).toMatchObject({ extraDaysOff: ['2027-03-15'], nationalDayAdjacent: 'after' });
    expect(rows[1]!.after).toMatchObject({ extraDaysOff: [], note: null });
  });

  it('every role but the administrator gets 403 on PUT and DELETE, and nothing is written', async () => {
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const c = clients.get(role)!;
      const res = await put(c, 2028, { reference: 'Thông báo', extraDaysOff: [], extraWorkingDays: [] });
      expect(res.statusCode, role).toBe(403);
      expect(res.json()).toEqual({
        code: 'FORBIDDEN',
        message: 'Bạn không có quyền thực hiện thao tác này.',
      });
      const del = await c.del('/api/holiday-decisions/2025');
      expect(del.statusCode, role).toBe(403);
    }
    expect(await stored(2028)).toBe(0);
    expect(await stored(2025)).toBe(1);
    expect(await auditRows(2028)).toEqual([]);
    const anonymous = await put(t.anonymous, 2028, { reference: 'x' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('bad dates give 400 with Vietnamese messages per field, and nothing is written', async () => {
    const admin = clients.get('admin')!;
    const cases: [object, string, string][] = [
      [{ extraDaysOff: ['2027-12-31'] }, 'extraDaysOff', 'Ngày 31/12/2027 không thuộc năm 2028.'],
      [
        { extraDaysOff: ['2028-03-06'], extraWorkingDays: ['2028-03-06'] },
        'extraWorkingDays',
        'Ngày 06/03/2028 vừa là ngày nghỉ thêm vừa là ngày đi làm.',
      ],
      [
        { extraDaysOff: ['2028-03-04'] },
        'extraDaysOff',
        'Thứ Bảy 04/03/2028 vốn đã là ngày nghỉ (Nghỉ hằng tuần (Thứ Bảy)), không cần ghi là ngày nghỉ thêm.',
      ],
      [{ extraWorkingDays: ['2028-02-30'] }, 'extraWorkingDays', 'Ngày 2028-02-30 không có thật.'],
    ];
    for (const [payload, field, message] of cases) {
      const res = await put(admin, 2028, { reference: 'Thông báo thử', ...payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const body = res.json();
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.message).toBe(`Chưa lưu được lịch nghỉ năm 2028: ${message}`);
      expect(body.details.issues).toEqual([expect.objectContaining({ field, message })]);
    }
    // Shape errors come from the schema, in Vietnamese too.
    const malformed = await put(admin, 2028, { reference: 'Thông báo', extraDaysOff: ['6/3/2028'] });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().details.issues[0]).toEqual({
      field: 'extraDaysOff.0',
      message: 'Ngày phải có dạng YYYY-MM-DD.',
    });
    const noReference = await put(admin, 2028, { reference: '  ' });
    expect(noReference.json().details.issues[0]).toMatchObject({ field: 'reference' });
    expect((await put(admin, 2200, { reference: 'Thông báo' })).statusCode).toBe(400);
    expect(await stored(2028)).toBe(0);
    expect(await auditRows(2028)).toEqual([]);
  });

  it('a legitimate but unusual decision is saved with warnings', async () => {
    const res = await put(clients.get('admin')!, 2029, {
      reference: 'Thông báo thử',
      extraDaysOff: ['2029-12-31'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings).toEqual([
      expect.objectContaining({
        field: 'extraDaysOff',
        message: expect.stringContaining('1 ngày làm việc ít hơn'),
      }),
    ]);
  });

  it('an administrator deletes a decision: the year follows the statute again', async () => {
    const admin = clients.get('admin')!;
    const res = await admin.del('/api/holiday-decisions/2027');
    expect(res.statusCode).toBe(204);
    expect(await stored(2027)).toBe(0);
    const rows = await auditRows(2027);
    expect(rows.at(-1)).toMatchObject({ action: 'holiday_decision.delete', after: null });
    const missing = await admin.del('/api/holiday-decisions/2027');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('Chưa có quyết định nghỉ lễ, Tết của năm 2027.');
  });

  it('the loader is cached while the decisions do not change, works inside a transaction, and sees writes', async () => {
    const a = await loadWorkingCalendar(t.db);
    expect(await loadWorkingCalendar(t.db)).toBe(a);
    await t.db.transaction(async (tx) => {
      expect(await loadWorkingCalendar(tx)).toBe(a);
      // A write that bypasses the service (another process) is seen at once: the key is the content.
      await tx.query("UPDATE holiday_decisions SET extra_days_off = '{2026-12-31}' WHERE year = 2026");
      const b = await loadWorkingCalendar(tx);
      expect(b).not.toBe(a);
      expect(isDayOff(b, '2026-12-31')).toBe(true);
      await tx.query("UPDATE holiday_decisions SET extra_days_off = '{}' WHERE year = 2026");
    });
    expect(isDayOff(await loadWorkingCalendar(t.db), '2026-12-31')).toBe(false);
    // The seeded calendar agrees with the statute where no decision applies.
    expect(addWorkingDays('2030-01-02', 40, await loadWorkingCalendar(t.db))).toBe(
      addWorkingDays('2030-01-02', 40, defaultWorkingCalendar),
    );
  });

  it('the table refuses dates outside the year and a date in both lists (defence in depth)', async () => {
    await expect(
      t.db.query(
        "INSERT INTO holiday_decisions (year, reference, extra_days_off) VALUES (2031, 'x', '{2030-12-31}')",
      ),
    ).rejects.toThrow();
    await expect(
      t.db.query(
        "INSERT INTO holiday_decisions (year, reference, extra_days_off, extra_working_days) VALUES (2031, 'x', '{2031-03-03}', '{2031-03-03}')",
      ),
    ).rejects.toThrow();
    expect(await stored(2031)).toBe(0);
  });
});
