/** A minimal RFC 5545 calendar (VEVENTs in UTC), enough for phone and desktop calendars. */
export interface IcsEvent {
  uid: string;
  start: Date;
  minutes: number;
  summary: string;
  description?: string;
  location?: string;
  cancelled?: boolean;
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
/**
 * Escapes text values (RFC 5545 §3.3.11): backslash, `;` and `,` are escaped, and every line
 * break (CRLF, a lone CR or a lone LF) becomes the two characters `\n`. A bare CR left in would
 * end the content line early in many readers and let the rest pose as a property of its own.
 * Other control characters are not allowed in TEXT (§3.3.11, CONTROL) and are dropped.
 */
export const icsText = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
    .replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, '');

/** Folds lines longer than 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  for (const ch of line) {
    if (Buffer.byteLength(current + ch) > 74) {
      out.push(current);
      current = ` ${ch}`;
    } else current += ch;
  }
  out.push(current);
  return out.join('\r\n');
}

export function buildIcs(events: IcsEvent[], _today: string, now = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//chibo//Sinh hoat chi bo//VI',
    'CALSCALE:GREGORIAN',
    'X-WR-CALNAME:Sinh hoạt chi bộ',
    'X-WR-TIMEZONE:Asia/Ho_Chi_Minh',
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp(now)}`,
      `DTSTART:${stamp(e.start)}`,
      `DTEND:${stamp(new Date(e.start.getTime() + e.minutes * 60_000))}`,
      `SUMMARY:${icsText(e.summary)}`,
      ...(e.description ? [`DESCRIPTION:${icsText(e.description)}`] : []),
      ...(e.location ? [`LOCATION:${icsText(e.location)}`] : []),
      `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
