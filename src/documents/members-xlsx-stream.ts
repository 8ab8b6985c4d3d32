/**
 * The member list workbook written as a stream (issue 12, ADR 028): the same sheet as
 * renderMembersXlsx (members-xlsx.ts: columns, title block, header, styles), but every row is
 * committed to the zip as soon as it is added, so memory stays bounded whatever the number of
 * members. The caller feeds rows in batches and awaits `drain()` between them, which gives the
 * file (or the response) time to take what was written.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  addHeaderRow,
  addMemberRow,
  addTitleRows,
  type ExportMember,
  MEMBER_COLUMNS,
  type MembersXlsxInput,
  SHEET_NAME,
  SHEET_OPTIONS,
  titleRowsOf,
} from './members-xlsx.js';

export interface MembersXlsxStream {
  /** Adds and commits one member's row (numbered from 1 in the order added). */
  add(m: ExportMember): void;
  /** Rows added so far. */
  readonly count: number;
  /** Resolves once the output has taken what was written (back-pressure between batches). */
  drain(): Promise<void>;
  /** Closes the sheet and the workbook; resolves when the whole file is written. */
  finish(): Promise<void>;
}

export function openMembersXlsxStream(
  target: { filename: string } | { stream: Writable },
  input: Omit<MembersXlsxInput, 'members'>,
): MembersXlsxStream {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...target,
    useStyles: true,
    // Shared strings would keep every distinct text of the province in memory until the end.
    useSharedStrings: false,
  });
  wb.creator = 'Chibo';
  wb.created = new Date(`${input.asOf}T00:00:00Z`);
  const titles = titleRowsOf(input);
  // A streamed sheet takes its views and print titles up front: the header follows the titles.
  const headerRow = titles.length + 1;
  const ws = wb.addWorksheet(SHEET_NAME, {
    ...SHEET_OPTIONS,
    pageSetup: { ...SHEET_OPTIONS.pageSetup, printTitlesRow: `${headerRow}:${headerRow}` },
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
  });
  ws.columns = MEMBER_COLUMNS.map((c) => ({ width: c.width }));
  addTitleRows(ws, titles);
  const header = addHeaderRow(ws);
  if (header.number !== headerRow) throw new Error('members-xlsx-stream: header row moved');
  // Rows above the data are final: committed now so the writer holds nothing but the current row.
  header.commit();

  // The zip stream exceljs writes into (its internal `stream`); when it is over its
  // high-water mark, wait for it to drain before writing the next batch.
  const out = (wb as unknown as { stream?: Writable }).stream;
  let count = 0;
  return {
    add(m) {
      addMemberRow(ws, m, count).commit();
      count++;
    },
    get count() {
      return count;
    },
    async drain() {
      if (out?.writableNeedDrain) await once(out, 'drain');
      else await new Promise<void>((resolve) => setImmediate(resolve));
    },
    async finish() {
      ws.commit();
      await wb.commit();
    },
  };
}
