/**
 * Routes of the committee overview (ADR 021): the table, its trend and its .xlsx. Thin: zod
 * validates, the service (overview.ts) authorises and reads, the route presents.
 */
import { renderOverviewXlsx } from '../../documents/overview-xlsx.js';
import { todayIso } from '../../domain/format.js';
import { safeFileName } from '../../domain/vietnamese.js';
import { audit } from '../../server/audit.js';
import { type App, actorOf, idParams, sendFile, typed } from '../../server/http.js';
import { readDb } from '../../server/read-db.js';
import { UNIT_KINDS } from '../org/labels.js';
import { overview, overviewTable, overviewTrend } from './overview.js';
import {
  exportQuery,
  MAX_EXPORT_ROWS,
  MAX_LIMIT,
  MAX_PERIOD_MONTHS,
  MAX_TREND_MONTHS,
  overviewQuery,
  overviewResponse,
  periodQuery,
  trendResponse,
} from './overview-schema.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function overviewRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['oversight'];

  r.get(
    '/api/org-units/:id/overview',
    {
      schema: {
        tags,
        summary: 'Tổng quan của cấp ủy: chỉ tiêu của đơn vị và từng đơn vị trực thuộc trong một kỳ',
        description:
          `Mỗi dòng là một đơn vị trực thuộc trực tiếp, cộng dồn cả cây dưới nó; gọi lại với mã đơn vị con để xem sâu hơn. ` +
          `Kỳ tối đa ${MAX_PERIOD_MONTHS} tháng; limit tối đa ${MAX_LIMIT}. Bí thư chi bộ và cấp ủy viên phụ trách chỉ thấy ` +
          'tổng của đơn vị và các dòng dẫn tới đơn vị mình (limited: true). Định nghĩa chỉ tiêu: docs/decisions/021-committee-oversight.md.',
        params: idParams,
        querystring: overviewQuery,
        response: { 200: overviewResponse },
      },
    },
    async (req) => overview(readDb(req), actorOf(req), req.params.id, req.query),
  );

  r.get(
    '/api/org-units/:id/overview/trend',
    {
      schema: {
        tags,
        summary: `Diễn biến chỉ tiêu của đơn vị theo từng tháng (tối đa ${MAX_TREND_MONTHS} tháng)`,
        params: idParams,
        querystring: periodQuery,
        response: { 200: trendResponse },
      },
    },
    async (req) => overviewTrend(readDb(req), actorOf(req), req.params.id, req.query),
  );

  r.get(
    '/api/org-units/:id/overview.xlsx',
    {
      schema: {
        tags,
        summary: 'Xuất bảng tổng quan (đủ các dòng theo bộ lọc, không phân trang) ra Excel',
        description: `Tối đa ${MAX_EXPORT_ROWS.toLocaleString('vi')} dòng; nhiều hơn trả lỗi 400, hãy lọc bớt.`,
        params: idParams,
        querystring: exportQuery,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const today = todayIso();
      const t = await overviewTable(readDb(req), actor, req.params.id, req.query, { today });
      const bandLabel = new Map(t.pack.scoring.rubric.bands.map((b) => [b.key, b.label]));
      const present = (
        name: string,
        kind: keyof typeof UNIT_KINDS,
        rating: { band: string | null; averageScore: number | null },
        indicators: (typeof t.rows)[number]['indicators'],
      ) => ({
        name,
        kindLabel: UNIT_KINDS[kind] ?? kind,
        ratingLabel: rating.band ? (bandLabel.get(rating.band) ?? rating.band) : null,
        averageScore: rating.averageScore,
        indicators,
      });
      const bytes = await renderOverviewXlsx({
        unitName: t.unit.name,
        from: t.period.from,
        to: t.period.to,
        asOf: today,
        limited: t.limited,
        rows: t.rows.map((x) => present(x.unit.name, x.unit.kind, x.rating, x.indicators)),
        totals: present(`Toàn ${t.unit.name}`, t.unit.kind, t.totalsRating, t.totals),
      });
      const fileName = safeFileName(`Tong quan - ${t.unit.name} - ${t.period.from} den ${t.period.to}.xlsx`);
      await audit(
        db,
        actor,
        {
          action: 'overview.export',
          entityType: 'org_unit',
          entityId: t.unit.id,
          orgUnitId: t.unit.id,
          after: { from: t.period.from, to: t.period.to, rows: t.rows.length, fileName },
        },
        req.ip,
      );
      return sendFile(reply, bytes, fileName, XLSX);
    },
  );
}
