/**
 * Every route × every role × inside/outside the role's scope, straight through the API
 * ("the UI may only hide a button"). Outside the scope an object answers 404 exactly as if
 * absent; inside, a role without the capability gets 403; allowed calls pass authorisation
 * (2xx, or a business answer such as 409 that only an authorised caller can reach).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/server/access.js';
import { type Client, createTestApp, type TestApp } from '../support/app.js';
import { meeting, member, unit, user } from '../support/factory.js';

import { CASES, COVERED_ELSEWHERE, type Ids, PUBLIC, ROLES, UNSCOPED } from './matrix-cases.js';
import { matrixOrganisation } from './matrix-cases-cell-body.js';
import { matrixDirective } from './matrix-cases-directives.js';
import { seedInspectionFixtures } from './matrix-cases-inspections.js';
import { seedPlanFixtures } from './matrix-cases-plans.js';

describe('authorisation matrix', () => {
  let t: TestApp;
  const clients = new Map<Role, Client>();
  const inside = new Map<Role, Ids>();
  const outside = new Map<Role, Ids>();

  beforeAll(async () => {
    t = await createTestApp();
    const province = await unit(t.db, { name: 'Đảng bộ tỉnh', kind: 'dang_bo_tinh' });
    const ward = await unit(t.db, { parentId: province.id, name: 'Đảng bộ phường Trong' });
    const cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Trong', cellType: 'khu_dan_cu' });
    const otherWard = await unit(t.db, { parentId: province.id, name: 'Đảng bộ xã Ngoài' });
    const otherCell = await unit(t.db, {
      parentId: otherWard.id,
      name: 'Chi bộ Ngoài',
      cellType: 'nong_thon',
    });
    const m1 = await member(t.db, { unitId: cell.id, fullName: 'Lê Văn Trong' });
    const m2 = await member(t.db, { unitId: otherCell.id, fullName: 'Lê Văn Ngoài' });
    const meetingSet = async (unitId: number, memberId: number) => {
      const planned = await meeting(t.db, { unitId });
      const held = await meeting(t.db, { unitId, status: 'held', scheduledAt: '2026-10-10T19:30:00+07:00' });
      const [task] = await t.db.query<{ id: number }>(
        "INSERT INTO tasks (unit_id, meeting_id, title) VALUES ($1, $2, 'Việc thử') RETURNING id",
        [unitId, held],
      );
      await t.db.query('INSERT INTO task_owners (task_id, member_id) VALUES ($1, $2)', [task!.id, memberId]);
      const [doc] = await t.db.query<{ id: number }>(
        `INSERT INTO meeting_documents (meeting_id, purpose, title, file_name, mime_type, size_bytes, sha256, content)
         VALUES ($1, 'material', 'Tài liệu', 'tai-lieu.pdf', 'application/pdf', 9, 'x', '\\x255044462d312e340a'::bytea) RETURNING id`,
        [held],
      );
      const [item] = await t.db.query<{ id: number }>(
        "INSERT INTO agenda_items (meeting_id, position, section, title) VALUES ($1, 1, 'body', 'Mục thử') RETURNING id",
        [planned],
      );
      const [rec] = await t.db.query<{ id: number }>(
        "INSERT INTO recommendations (unit_id, raised_on, content) VALUES ($1, '2026-11-01', 'Kiến nghị thử') RETURNING id",
        [unitId],
      );
      const [alert] = await t.db.query<{ id: number }>(
        `INSERT INTO alerts (unit_id, kind, subject_key, severity, title) VALUES ($1, 'no_regular_meeting', $2, 'critical', 'Chưa họp')
         RETURNING id`,
        [unitId, `${unitId}:${planned}`],
      );
      return {
        meeting: planned,
        held,
        alert: alert!.id,
        task: task!.id,
        document: doc!.id,
        agendaItem: item!.id,
        recommendation: rec!.id,
      };
    };
    const grantId = async (userId: number, unitId: number) => {
      const [g] = await t.db.query<{ id: number }>(
        "INSERT INTO role_grants (user_id, role, org_unit_id) VALUES ($1, 'cell_committee', $2) RETURNING id",
        [userId, unitId],
      );
      return g!.id;
    };
    // One review campaign per actor and đảng bộ (a year of its own, far from the years tested).
    const campaignId = async (unitId: number, year: number) => {
      const [c] = await t.db.query<{ id: number }>(
        `INSERT INTO grading_campaigns (unit_id, year, title, self_review_due, cell_session_due, decision_due)
         VALUES ($1, $2, 'Đợt thử', $3, $3, $3) RETURNING id`,
        [unitId, year, `${year}-12-20`],
      );
      return c!.id;
    };
    for (const [i, role] of ROLES.entries()) {
      // Admins and staff hold the ward; everyone else holds the cell. The other ward is outside all.
      const username = `u.${role.replace('_', '-')}`;
      await user(t.db, username, [
        { role, unitId: role === 'admin' || role === 'committee_staff' ? ward.id : cell.id },
      ]);
      clients.set(role, await t.login(username));
      // Each actor gets its own target accounts (one inside, one outside) with a grant to revoke.
      const tin = await user(t.db, `dich.trong.${i}`, [{ role: 'member', unitId: cell.id }]);
      const tout = await user(t.db, `dich.ngoai.${i}`, [{ role: 'member', unitId: otherCell.id }]);
      inside.set(role, {
        unit: cell.id,
        parent: ward.id,
        member: m1,
        user: tin,
        grant: await grantId(tin, cell.id),
        campaign: await campaignId(ward.id, 2100 - i),
        ...(await matrixDirective(t.db, ward.id)),
        ...(await matrixOrganisation(t.db, cell.id)),
        ...(await meetingSet(cell.id, m1)),
      });
      outside.set(role, {
        unit: otherCell.id,
        parent: otherWard.id,
        member: m2,
        user: tout,
        grant: await grantId(tout, otherCell.id),
        campaign: await campaignId(otherWard.id, 2100 - i),
        ...(await matrixDirective(t.db, otherWard.id)),
        ...(await matrixOrganisation(t.db, otherCell.id)),
        ...(await meetingSet(otherCell.id, m2)),
      });
      for (const ids of [inside.get(role)!, outside.get(role)!]) await seedInspectionFixtures(t.db, ids);
      for (const ids of [inside.get(role)!, outside.get(role)!]) await seedPlanFixtures(t.db, ids);
    }
  });
  afterAll(() => t.close());

  it('covers every route in the OpenAPI document', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const known = new Set([
      ...CASES.map((c) => `${c.method} ${c.route}`),
      ...UNSCOPED,
      ...PUBLIC,
      ...COVERED_ELSEWHERE,
    ]);
    expect(documented.filter((r) => !known.has(r))).toEqual([]);
    expect(documented.length).toBeGreaterThan(20);
  });

  it('refuses every non-public route to an anonymous caller with 401', async () => {
    for (const c of CASES) {
      const ids = inside.get('admin')!;
      const res = await t.anonymous.request({ method: c.method, url: c.url(ids), payload: c.body?.(ids, 0) });
      expect(res.statusCode, `${c.method} ${c.route}`).toBe(401);
    }
  });

  let n = 0;
  for (const c of CASES) {
    for (const role of ROLES) {
      it(`${c.method} ${c.route} as ${role}: inside → ${c.inside[role]}, outside → 404`, async () => {
        const client = clients.get(role)!;
        for (const [where, ids, expected] of [
          ['in', inside.get(role)!, c.inside[role]],
          ['out', outside.get(role)!, 404],
        ] as const) {
          const res = await client.request({
            method: c.method,
            url: c.url(ids),
            payload: c.body?.(ids, ++n),
          });
          const label = `${role} ${where} ${c.method} ${c.url(ids)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
          if (expected === 'ok') {
            expect([401, 403, 404], label).not.toContain(res.statusCode);
            expect(res.statusCode, label).toBeLessThan(500);
          } else if (expected === 'any') {
            expect([401, 404], label).not.toContain(res.statusCode);
            expect(res.statusCode, label).toBeLessThan(500);
          } else {
            expect(res.statusCode, label).toBe(expected);
            if (expected === 404) expect(res.json().code, label).toBe('NOT_FOUND');
          }
        }
      });
    }
  }

  it('lets every role read its own profile and its scope roots, and nothing of another ward', async () => {
    for (const role of ROLES) {
      const c = clients.get(role)!;
      expect((await c.get('/api/me')).json().grants[0].role).toBe(role);
      const roots = (await c.get('/api/org-units')).json().items.map((u: { name: string }) => u.name);
      expect(roots).toHaveLength(1);
      expect(roots[0]).not.toMatch(/Ngoài/);
    }
  });
});
