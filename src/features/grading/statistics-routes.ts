/**
 * The year's grading statistics of a unit (issue 10, ADR 024): the JSON the statistics page and
 * the committee overview read, and the report as Word (HD 36 form) and Excel. Aggregates only;
 * `unit.read` on the unit, outside the scope 404 as if absent. Each download is audited.
 */
import { z } from 'zod';
import { renderGradingDocx } from '../../documents/grading-docx.js';
import { renderGradingXlsx } from '../../documents/grading-xlsx.js';
import { todayIso } from '../../domain/format.js';
import { safeFileName } from '../../domain/vietnamese.js';
import { type App, actorOf, idText, intText, sendFile, typed } from '../../server/http.js';
import { auditGradingExport, gradingReportData, gradingStatistics } from './statistics.js';

const params = z.object({ id: idText, year: intText(2000, 2100, 'Năm') });

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export async function gradingStatisticsRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['grading'];

  r.get(
    '/api/org-units/:id/grading/:year',
    {
      schema: {
        tags,
        summary:
          'Kết quả xếp loại của năm trong đơn vị: số tổ chức đảng, đảng viên, cán bộ ở mỗi mức (theo quyết định đã ban hành, còn hiệu lực) và số chưa xếp loại',
        params,
      },
    },
    async (req) => (await gradingStatistics(db, actorOf(req), req.params.id, req.params.year)).statistics,
  );

  const renderers = { docx: renderGradingDocx, xlsx: renderGradingXlsx } as const;
  const labels = { docx: 'Word (thể thức HD 36)', xlsx: 'Excel (các bảng, mỗi đơn vị trực thuộc một trang)' };
  for (const format of ['docx', 'xlsx'] as const) {
    r.get(
      `/api/org-units/:id/grading/:year/report.${format}`,
      {
        schema: {
          tags,
          summary: `Tải báo cáo kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên của năm — ${labels[format]}`,
          params,
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const data = await gradingReportData(db, actor, req.params.id, req.params.year, todayIso());
        const bytes = await renderers[format](data);
        await auditGradingExport(db, actor, data, format, req.ip);
        const name = safeFileName(`Bao-cao-xep-loai-${req.params.year} - ${data.unit.name}.${format}`);
        return sendFile(reply, bytes, name, MIME[format]);
      },
    );
  }
}
