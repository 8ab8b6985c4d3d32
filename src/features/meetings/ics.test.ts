import { describe, expect, it } from 'vitest';
import { buildIcs, icsText } from './ics.js';

/** The unfolded content lines of a calendar (RFC 5545 §3.1: CRLF + one space continues a line). */
const contentLines = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');

describe('iCalendar text values (RFC 5545 §3.3.11)', () => {
  it('escapes backslash, semicolon and comma, and turns CRLF, a lone LF and a lone CR into \\n', () => {
    expect(icsText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
    expect(icsText('một\r\nhai\nba\rbốn')).toBe('một\\nhai\\nba\\nbốn');
  });

  it('drops control characters, which TEXT does not allow, and keeps tabs and Vietnamese letters', () => {
    expect(icsText('Họp\u0000 chi\u0007 bộ\u007f\tkhu phố 5\u001b')).toBe('Họp chi bộ\tkhu phố 5');
  });

  it('a place or title with a bare CR cannot inject a property of its own', () => {
    const ics = buildIcs(
      [
        {
          uid: 'meeting-1@chibo',
          start: new Date('2026-12-10T12:30:00Z'),
          minutes: 90,
          summary: 'Sinh hoạt\rATTENDEE:mailto:x@example.com',
          location: 'Hội trường\r\nBEGIN:VALARM',
          description: 'Nội dung\rEND:VEVENT',
        },
      ],
      '2026-12-01',
      new Date('2026-12-01T00:00:00Z'),
    );
    // No CR anywhere except in the CRLF line ends.
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/\r/);
    const lines = contentLines(ics);
    expect(lines.filter((l) => l.startsWith('ATTENDEE') || l.startsWith('BEGIN:VALARM'))).toEqual([]);
    expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(1);
    expect(lines).toContain('SUMMARY:Sinh hoạt\\nATTENDEE:mailto:x@example.com');
    expect(lines).toContain('LOCATION:Hội trường\\nBEGIN:VALARM');
  });
});
