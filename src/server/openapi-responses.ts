/**
 * Hand-written success schemas of the main integration reads (ADR 038), keyed by
 * "METHOD /openapi/path". They win over the recorded file (openapi-responses.generated.json);
 * test/integration/openapi.int.test.ts checks real responses against both.
 */
import { z } from 'zod';

export interface HandWrittenResponse {
  status: 200 | 201 | 204;
  description: string;
  /** Absent for 204. */
  jsonSchema?: () => Record<string, unknown>;
}

function entry(description: string, schema: z.ZodType, status: 200 | 201 = 200): HandWrittenResponse {
  return {
    status,
    description,
    jsonSchema: () =>
      z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output' }) as Record<string, unknown>,
  };
}

const day = z.string().describe('Ngày, dạng YYYY-MM-DD.');
const instant = z.string().describe('Thời điểm ISO 8601 có múi giờ.');
const id = z.number().int();

const health = z.object({
  status: z.literal('ok').describe('Máy chủ và cơ sở dữ liệu đang phục vụ.'),
  db: z.enum(['pglite', 'postgres']).describe('Loại cơ sở dữ liệu.'),
});

const memberStatus = z
  .object({
    rank: z.enum(['official', 'probationary']).nullable().describe('Chính thức hay dự bị.'),
    exempted: z
      .object({
        from: day,
        reason: z.string().nullable(),
        decisionNo: z.string().nullable(),
        decisionDate: day.nullable(),
      })
      .nullable()
      .describe('Miễn sinh hoạt, nếu có.'),
    temporaryOut: z
      .object({ hostUnitId: id.nullable(), hostName: z.string().nullable(), from: day, to: day.nullable() })
      .nullable()
      .describe('Đang sinh hoạt tạm thời nơi khác, nếu có.'),
    contact213: z
      .object({
        unitId: id.nullable(),
        unitName: z.string().nullable(),
        otherOrg: z.string().nullable(),
        from: day,
      })
      .nullable()
      .describe('Sinh hoạt theo Quy định 213, nếu có.'),
    ended: z
      .object({ reason: z.string(), reasonLabel: z.string(), date: day, otherOrg: z.string().nullable() })
      .nullable()
      .describe('Đã thôi sinh hoạt tại chi bộ (chuyển đi, từ trần…), nếu có.'),
    labels: z.array(z.string()).describe('Nhãn tình trạng tiếng Việt để hiển thị.'),
  })
  .describe('Tình trạng của đảng viên vào ngày `date`.');

/** One member as lists and the detail present it (members/service.ts presentMember). */
const memberFields = {
  id,
  fullName: z.string(),
  gender: z.string().nullable(),
  birthDate: day.nullable(),
  ethnicity: z.string().nullable(),
  hometown: z.string().nullable(),
  admissionDate: day.nullable(),
  officialDate: day.nullable(),
  unitId: id,
  unitName: z.string(),
  standing: z.string().describe('Tình trạng hồ sơ (ví dụ active).'),
  cardNumber: z.string().nullable().optional().describe('Chỉ có khi người gọi được xem thông tin định danh.'),
  nationalId: z.string().nullable().optional().describe('Chỉ có khi người gọi được xem thông tin định danh.'),
  phone: z.string().nullable().optional().describe('Chỉ có khi người gọi được xem thông tin liên hệ.'),
  email: z.string().nullable().optional().describe('Chỉ có khi người gọi được xem thông tin liên hệ.'),
  address: z.string().nullable().optional().describe('Chỉ có khi người gọi được xem thông tin liên hệ.'),
  notes: z.string().nullable().optional().describe('Chỉ có khi người gọi quản lý đảng viên.'),
  status: memberStatus,
  permissions: z.object({ canManage: z.boolean(), canSeeContact: z.boolean(), canSeeIdentity: z.boolean() }),
};
const member = z.object(memberFields);

const unitPermissions = z
  .record(z.string(), z.boolean())
  .describe('Quyền của người gọi trên đơn vị (canManage…).');
const unitFields = {
  id,
  name: z.string(),
  code: z.string().nullable(),
  kind: z.string().describe('Loại đơn vị (chi_bo, dang_bo_xa…).'),
  kindLabel: z.string(),
  cellType: z.string().nullable(),
  cellTypeLabel: z.string().nullable(),
  parentId: id.nullable(),
  depth: z.number().int(),
  archived: z.boolean(),
  permissions: unitPermissions,
};

const me = z.object({
  user: z.object({ id, username: z.string(), displayName: z.string() }),
  csrfToken: z.string().describe('Gửi lại trong tiêu đề X-CSRF-Token ở mọi yêu cầu thay đổi dữ liệu.'),
  grants: z
    .array(z.object({ id, orgUnitId: id, orgUnitName: z.string(), role: z.string(), roleLabel: z.string() }))
    .describe('Các vai trò của người dùng, mỗi vai trò gắn với một đơn vị.'),
  homeUnitId: id.nullable().describe('Đơn vị mở đầu tiên trong giao diện.'),
  member: z
    .object({ ...memberFields, unitName: z.string() })
    .nullable()
    .describe('Hồ sơ đảng viên gắn với tài khoản, nếu có.'),
});

const orgUnits = z.object({ items: z.array(z.object(unitFields)), total: z.number().int() });

const orgUnit = z.looseObject({
  ...unitFields,
  ancestors: z.array(z.object({ id, name: z.string() })).describe('Các đơn vị cấp trên, từ gốc xuống.'),
  counts: z
    .record(z.string(), z.number().int())
    .describe('Số đảng viên theo tình trạng vào ngày countsDate.'),
  countsDate: day,
  warnings: z.array(z.string()),
});

const members = z.object({
  items: z.array(member.extend({ relation: z.enum(['member', 'temporary_in', 'contact_213']) })),
  total: z.number().int(),
  totalCapped: z.boolean().describe('true khi tổng số vượt giới hạn đếm.'),
  nextCursor: z.string().nullable().describe('Con trỏ của trang sau; null ở trang cuối.'),
  date: day,
});

const memberDetail = member.extend({
  date: day.describe('Ngày áp dụng cho tình trạng và lịch sử.'),
  account: z.object({ id, username: z.string(), active: z.boolean() }).nullable(),
  history: z.looseObject({
    memberships: z.array(
      z.looseObject({ id, unitId: id, unitName: z.string(), from: day, to: day.nullable() }),
    ),
    periods: z.array(z.looseObject({ id, kind: z.string(), from: day, to: day.nullable() })),
  }),
});

const meetings = z.looseObject({
  items: z.array(
    z.looseObject({
      id,
      orgUnitId: id,
      orgUnitName: z.string(),
      title: z.string(),
      kind: z.string(),
      kindLabel: z.string(),
      status: z.string().describe('planned, in_progress, held, cancelled…'),
      statusLabel: z.string(),
      scheduledAt: instant,
      startedAt: instant.nullable(),
      endedAt: instant.nullable(),
      place: z.string().nullable(),
      thematicTopic: z.string().nullable(),
    }),
  ),
  total: z.number().int(),
  nextCursor: z.string().nullable().optional(),
});

const ok = z.object({ ok: z.literal(true) });

export const handWrittenResponses: Record<string, HandWrittenResponse> = {
  // Small answers no recording reached (read from their handlers).
  'POST /api/auth/logout': entry('Đã đăng xuất (cookie phiên bị xóa).', ok),
  'POST /api/me/password': entry('Đã đổi mật khẩu.', ok),
  'POST /api/me/notifications/{id}/read': entry('Đã đánh dấu thông báo là đã đọc.', ok),
  'DELETE /api/directives/{id}/files/{fileId}': entry('Đã gỡ tệp đính kèm.', ok),
  'DELETE /api/users/{id}/api-tokens/{tokenId}': { status: 204, description: 'Đã thu hồi mã truy cập.' },
  'GET /api/health': entry('Máy chủ đang chạy và truy vấn được cơ sở dữ liệu.', health),
  'GET /api/me': entry('Người dùng hiện tại, vai trò, hồ sơ đảng viên và mã chống giả mạo.', me),
  'GET /api/org-units': entry('Các đơn vị người gọi được xem.', orgUnits),
  'GET /api/org-units/{id}': entry(
    'Một đơn vị: cấp trên, số đảng viên, bộ tiêu chí, quyền của người gọi.',
    orgUnit,
  ),
  'GET /api/org-units/{id}/members': entry('Một trang danh sách đảng viên của đơn vị.', members),
  'GET /api/members/{id}': entry('Hồ sơ một đảng viên và lịch sử sinh hoạt.', memberDetail),
  'GET /api/org-units/{id}/meetings': entry('Các buổi sinh hoạt của đơn vị.', meetings),
};
