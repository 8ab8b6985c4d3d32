/**
 * The member list workbook written as a stream (issue 12, ADR 028): the same sheet as
 * renderMembersXlsx (members-xlsx.ts: columns, title block, header, page setup), written by the
 * hand-written xlsx-stream-writer.ts instead of exceljs' WorkbookWriter, whose per-cell model cost
 * most of the export's time on the event loop. Every row is XML text as soon as it is added, so
 * memory stays bounded whatever the number of members. The caller feeds rows in slices and awaits
 * `drain()` between them, which gives the file (or the response) time to take what was written.
 */
import type { Writable } from 'node:stream';
import {
  type ExportMember,
  MEMBER_COLUMNS,
  type MembersXlsxInput,
  SHEET_NAME,
  SHEET_OPTIONS,
  type TitleRow,
  titleRowsOf,
  titleSpanOf,
} from './members-xlsx.js';
import { type CellValue, openXlsxStream, XLSX_STYLE, type XlsxStyleName } from './xlsx-stream-writer.js';

export interface MembersXlsxStream {
  /** Adds one member's row (numbered from 1 in the order added). */
  add(m: ExportMember): void;
  /** Rows added so far. */
  readonly count: number;
  /** Resolves once the output has taken what was written (back-pressure between slices). */
  drain(): Promise<void>;
  /** Closes the sheet and the workbook; resolves when the whole file is written. */
  finish(): Promise<void>;
}

/** The writer's style for a title row: font and alignment as addTitleRows sets them. */
function titleStyleOf(t: TitleRow): number {
  const size = t.size && t.size !== 12 ? `-${t.size}` : '';
  const name = `title-${t.align}${t.bold ? '-bold' : ''}${t.italic ? '-italic' : ''}${size}`;
  if (!(name in XLSX_STYLE)) throw new Error(`members-xlsx-stream: no cell style '${name}'`);
  return XLSX_STYLE[name as XlsxStyleName];
}

// As addMemberRow: the STT a centred number, the rest text ('@'), centred where the column is.
const BODY_STYLES = MEMBER_COLUMNS.map((c, k) =>
  k === 0 ? XLSX_STYLE['body-number'] : c.center ? XLSX_STYLE['body-text-center'] : XLSX_STYLE['body-text'],
);

export function openMembersXlsxStream(
  target: { filename: string } | { stream: Writable },
  input: Omit<MembersXlsxInput, 'members'>,
): MembersXlsxStream {
  const titles = titleRowsOf(input);
  // The header follows the titles; it is frozen and repeated on every printed page.
  const headerRow = titles.length + 1;
  const setup = SHEET_OPTIONS.pageSetup ?? {};
  const sheet = openXlsxStream(target, {
    creator: 'Chibo',
    created: new Date(`${input.asOf}T00:00:00Z`),
    sheet: {
      name: SHEET_NAME,
      columns: MEMBER_COLUMNS.map((c) => ({ width: c.width })),
      frozenRows: headerRow,
      printTitleRows: [headerRow, headerRow],
      page: {
        paperSize: setup.paperSize,
        orientation: setup.orientation,
        fitToPage: setup.fitToPage,
        fitToWidth: setup.fitToWidth,
        fitToHeight: setup.fitToHeight,
        margins: setup.margins,
        oddFooter: SHEET_OPTIONS.headerFooter?.oddFooter,
      },
    },
  });
  for (const t of titles) {
    if (!t.text) {
      sheet.addRow([]);
      continue;
    }
    // The merged cells carry the style too, as exceljs writes them.
    const span = titleSpanOf(t);
    const r = sheet.addRow([t.text], new Array(span).fill(titleStyleOf(t)), t.size ? 22 : undefined);
    sheet.merge(r, 1, r, span);
  }
  const header = sheet.addRow(
    MEMBER_COLUMNS.map((c) => c.header),
    XLSX_STYLE.header,
    32,
  );
  if (header !== headerRow) throw new Error('members-xlsx-stream: header row moved');

  const values: CellValue[] = new Array(MEMBER_COLUMNS.length);
  let count = 0;
  return {
    add(m) {
      for (let k = 0; k < MEMBER_COLUMNS.length; k++) values[k] = MEMBER_COLUMNS[k]!.value(m, count);
      sheet.addRow(values, BODY_STYLES);
      count++;
    },
    get count() {
      return count;
    },
    drain: () => sheet.drain(),
    finish: () => sheet.finish(),
  };
}
