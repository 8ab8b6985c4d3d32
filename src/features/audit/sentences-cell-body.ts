/** Audit sentences of the chi ủy as a body and the locality's organisations (issue 11 part E). */
import type { SentenceContext } from './context.js';

interface Spec {
  label: string;
  sentence: (c: SentenceContext) => string;
}

const term = (c: SentenceContext) => c.text('termLabel') ?? c.text('term_label') ?? '…';
const seats = (c: SentenceContext) => (Array.isArray(c.a.members) ? c.a.members.length : 0);
const orgName = (c: SentenceContext) => c.text('name') ?? c.text('name', 'b') ?? '…';

export const CELL_BODY_ACTIONS: Record<string, Spec> = {
  'cell_committee.create': {
    label: 'Ghi chi ủy nhiệm kỳ',
    sentence: (c) =>
      `${c.who} ghi chi ủy nhiệm kỳ ${term(c)} của ${c.unit}, bầu ngày ${c.date(c.a.electedOn) ?? '…'}: ${c.num(seats(c))} đồng chí`,
  },
  'cell_committee.update': {
    label: 'Sửa chi ủy nhiệm kỳ',
    sentence: (c) => `${c.who} sửa chi ủy nhiệm kỳ ${term(c)} của ${c.unit}: ${c.num(seats(c))} đồng chí`,
  },
  'organisation.create': {
    label: 'Thêm tổ chức ở địa bàn',
    sentence: (c) => `${c.who} thêm tổ chức "${orgName(c)}" ở địa bàn ${c.unit}`,
  },
  'organisation.update': {
    label: 'Sửa tổ chức ở địa bàn',
    sentence: (c) => `${c.who} sửa thông tin tổ chức "${orgName(c)}" ở địa bàn ${c.unit}`,
  },
  'organisation.deactivate': {
    label: 'Ngừng theo dõi tổ chức ở địa bàn',
    sentence: (c) => `${c.who} ngừng theo dõi tổ chức "${orgName(c)}" ở địa bàn ${c.unit}`,
  },
};
