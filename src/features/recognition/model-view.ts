/**
 * The read-only view of a model meeting for other cells (issue 9 item 6, ADR 023): the adopted
 * minutes rebuilt by the one minutes builder (documents/minutes-text.ts) from the record with a
 * name mapping, so no ordinary member is named ("Đảng viên 1", "Đảng viên 2"… the same person the
 * same label everywhere), the chair and secretary shown by their role only, guests by a label,
 * and identity numbers, phones, e-mails and addresses of the cell's members scrubbed from every
 * free text. No attendance list, no check-in data: counts only.
 */
import type { Executor } from '../../db/executor.js';
import type { MeetingRecord } from '../../documents/meeting-record.js';
import type { Block, Para } from '../../documents/meeting-text.js';
import { minutesDocument } from '../../documents/minutes-text.js';

/** Personal data of the people a meeting's record may name: the cell's members and its roster. */
export interface PersonRow {
  id: number;
  full_name: string;
  national_id: string | null;
  card_number: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

export async function peopleOfMeeting(ex: Executor, meetingId: number, cellId: number): Promise<PersonRow[]> {
  return ex.query<PersonRow>(
    `SELECT m.id, m.full_name, m.national_id, m.card_number, m.phone, m.email, m.address FROM members m
      WHERE m.unit_id = $2
         OR m.id IN (SELECT member_id FROM attendance WHERE meeting_id = $1)
         OR m.id IN (SELECT member_id FROM memberships WHERE unit_id = $2)
         OR m.id IN (SELECT chair_member_id FROM meetings WHERE id = $1 UNION SELECT secretary_member_id FROM meetings WHERE id = $1)
      ORDER BY m.id`,
    [meetingId, cellId],
  );
}

export const HIDDEN = '[đã ẩn]';
const CHAIR = 'Chủ trì hội nghị';
const SECRETARY = 'Thư ký hội nghị';

/** Replacements (longest first) of every name and identifier that may appear in the record. */
export function nameMapping(record: MeetingRecord, people: readonly PersonRow[]): [string, string][] {
  const labels = new Map<string, string>();
  const chairLabel = record.chair.title?.trim() || CHAIR;
  if (record.chair.name.trim()) labels.set(record.chair.name.trim(), chairLabel);
  if (record.secretary.name.trim() && !labels.has(record.secretary.name.trim()))
    labels.set(record.secretary.name.trim(), SECRETARY);
  let n = 0;
  for (const p of people) {
    const name = p.full_name.trim();
    if (name && !labels.has(name)) labels.set(name, `Đảng viên ${++n}`);
  }
  let g = 0;
  for (const guest of record.guests) {
    const name = guest.name.trim();
    if (name && !labels.has(name)) labels.set(name, `Khách mời ${++g}`);
  }
  const pairs: [string, string][] = [...labels].map(([k, v]) => [k.normalize('NFC'), v]);
  for (const p of people) {
    for (const v of [p.national_id, p.card_number, p.phone, p.email, p.address]) {
      const s = v?.trim();
      if (s && s.length >= 5) pairs.push([s.normalize('NFC'), HIDDEN]);
    }
  }
  return pairs.sort((a, b) => b[0].length - a[0].length);
}

export function scrub(s: string, pairs: readonly [string, string][]): string {
  let out = s.normalize('NFC');
  for (const [from, to] of pairs) if (out.includes(from)) out = out.split(from).join(to);
  return out;
}

function deepScrub<T>(v: T, pairs: readonly [string, string][]): T {
  if (typeof v === 'string') return scrub(v, pairs) as T;
  if (Array.isArray(v)) return v.map((x) => deepScrub(x, pairs)) as T;
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepScrub(x, pairs)])) as T;
  }
  return v;
}

/** The record with every name replaced by its label; the chair and secretary keep their role only. */
export function anonymiseRecord(record: MeetingRecord, people: readonly PersonRow[]): MeetingRecord {
  const pairs = nameMapping(record, people);
  const out = deepScrub(record, pairs);
  return {
    ...out,
    chair: { name: out.chair.name, title: '' },
    secretary: { name: out.secretary.name },
    // The absent are counted, never named.
    attendance: { ...out.attendance, absent: [] },
    guests: out.guests.map((guest) => ({ name: guest.name, title: guest.title })),
    number: undefined,
  };
}

export interface TextParagraph {
  text: string;
  heading: boolean;
  center: boolean;
}

const paraText = (p: Para) => p.runs.map((r) => r.text).join('');
/** "Đồng chí Đảng viên 3" reads "Đảng viên 3". */
export const tidy = (s: string) => s.replace(/(Đồng chí|đồng chí) (Đảng viên \d+|Khách mời \d+)/g, '$2');

/** The minutes as plain paragraphs, from the same builder as the Word and PDF documents. */
export function minutesParagraphs(record: MeetingRecord): TextParagraph[] {
  const doc = minutesDocument(record);
  const out: TextParagraph[] = [];
  const push = (p: Para) => {
    const text = tidy(paraText(p)).trim();
    if (text) out.push({ text, heading: p.runs.every((r) => r.bold), center: p.align === 'center' });
  };
  for (const b of doc.blocks as Block[]) {
    if (b.kind === 'para') push(b);
    else if (b.kind === 'columns') for (const cell of b.cells) for (const p of cell) push(p);
    else if (b.kind === 'table') {
      for (const row of b.rows) out.push({ text: tidy(row.join(' — ')), heading: false, center: false });
    }
  }
  return out;
}
