import ExcelJS from 'exceljs';
import type { ListQuery } from './list-query.js';
import type { RegisterRecord } from './record-store.js';
import type { ColumnDefinition, Language, RegisterDefinition } from './register-definition.js';

/** Row of the column labels; the rows above it name the agency, the register, the date and filters. */
export const exportHeaderRow = 6;

/** The data of one export. */
export interface RegisterExport {
  agencyName: string;
  records: RegisterRecord[];
  query: ListQuery;
  exportedAt: Date;
  language: Language;
}

// Every agency that eiso serves is in Vietnam (UTC+7 all year), and Excel cells have no time
// zone, so timestamps are written as Vietnam wall-clock time.
const vietnamOffsetMs = 7 * 60 * 60 * 1000;

const defaultWidths: Record<ColumnDefinition['type'], number> = {
  text: 24,
  longText: 48,
  integer: 10,
  number: 12,
  date: 13,
  timestamp: 18,
  boolean: 11,
  enum: 16,
  textList: 40,
  table: 48,
};

const words = {
  vi: {
    number: 'STT',
    exportedAt: 'Ngày xuất',
    filters: 'Bộ lọc',
    none: 'không',
    yes: 'Có',
    no: 'Không',
    clause: 'điều',
  },
  en: {
    number: 'No.',
    exportedAt: 'Exported on',
    filters: 'Filters',
    none: 'none',
    yes: 'Yes',
    no: 'No',
    clause: 'clause',
  },
} as const;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function wallClock(date: Date): string {
  const local = new Date(date.getTime() + vietnamOffsetMs);
  const day = `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
  return `${day} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

function dateCell(value: string): Date {
  const [year, month, day] = value.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

function optionLabel(column: ColumnDefinition, value: unknown, language: Language): string {
  const option = column.options?.find((entry) => entry.value === value);
  return option ? option.label[language] : String(value);
}

/** Converts a value to what its Excel cell shows. */
function cellValue(
  column: ColumnDefinition,
  value: unknown,
  language: Language,
): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'date':
      return dateCell(String(value));
    case 'timestamp':
      return new Date(new Date(String(value)).getTime() + vietnamOffsetMs);
    case 'boolean':
      return value ? words[language].yes : words[language].no;
    case 'enum':
      return optionLabel(column, value, language);
    case 'textList':
      return (value as string[]).join('\n');
    case 'table':
      return (value as Record<string, string>[])
        .map((row) => (column.fields ?? []).map((field) => row[field.key] ?? '').join(': '))
        .join('\n');
    default:
      return value as string | number;
  }
}

function filterSummary(data: RegisterExport, definition: RegisterDefinition): string {
  const { language } = data;
  const parts = definition.filters
    .filter((filter) => data.query.filters[filter.key] !== undefined)
    .map((filter) => {
      const value = data.query.filters[filter.key];
      const column = definition.columns.find((entry) => entry.key === filter.columns[0]);
      const displayed =
        column && filter.kind === 'equals' ? cellValue(column, value, language) : String(value);
      return `${filter.label[language]}: ${String(displayed)}`;
    });
  return `${words[language].filters}: ${parts.length ? parts.join('; ') : words[language].none}`;
}

function sheetName(definition: RegisterDefinition, language: Language): string {
  return definition.title[language].replace(/[[\]*?:/\\]/g, ' ').slice(0, 31);
}

/**
 * Builds the .xlsx file of a register: the agency, the register's title, the export date and the
 * filters at the top, then a header row with the labels in the user's language and one row per
 * record.
 */
export async function buildRegisterWorkbook(
  definition: RegisterDefinition,
  data: RegisterExport,
): Promise<Buffer> {
  const { language } = data;
  const columns = definition.columns.filter((column) => column.inExport ?? true);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'eiso';
  workbook.created = data.exportedAt;
  const sheet = workbook.addWorksheet(sheetName(definition, language), {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: exportHeaderRow }],
  });
  sheet.columns = [
    { width: 6 },
    ...columns.map((column) => ({ width: column.width ?? defaultWidths[column.type] })),
  ];

  const lastColumn = columns.length + 1;
  const title = `${definition.title[language]} (ISO 9001, ${words[language].clause} ${definition.clause})`;
  const top: { text: string; font: Partial<ExcelJS.Font> }[] = [
    { text: data.agencyName, font: { bold: true, size: 14 } },
    { text: title, font: { bold: true, size: 12 } },
    { text: `${words[language].exportedAt}: ${wallClock(data.exportedAt)}`, font: { size: 11 } },
    { text: filterSummary(data, definition), font: { size: 11 } },
  ];
  top.forEach((line, index) => {
    const cell = sheet.getRow(index + 1).getCell(1);
    cell.value = line.text;
    cell.font = line.font;
    sheet.mergeCells(index + 1, 1, index + 1, lastColumn);
  });

  const header = sheet.getRow(exportHeaderRow);
  header.values = [words[language].number, ...columns.map((column) => column.label[language])];
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE9EDF1' } };
    cell.border = { bottom: { style: 'thin' } };
  });

  data.records.forEach((record, index) => {
    const row = sheet.getRow(exportHeaderRow + 1 + index);
    row.values = [
      index + 1,
      ...columns.map((column) => cellValue(column, record.values[column.key], language)),
    ];
    row.alignment = { vertical: 'top', wrapText: true };
    columns.forEach((column, columnIndex) => {
      const cell = row.getCell(columnIndex + 2);
      if (column.type === 'date') cell.numFmt = 'dd/mm/yyyy';
      if (column.type === 'timestamp') cell.numFmt = 'dd/mm/yyyy hh:mm';
    });
  });
  sheet.autoFilter = {
    from: { row: exportHeaderRow, column: 1 },
    to: { row: exportHeaderRow, column: lastColumn },
  };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Returns the file name of an export, such as `context-issues-2026-12-04.xlsx`. */
export function exportFileName(definition: RegisterDefinition, exportedAt: Date): string {
  const local = new Date(exportedAt.getTime() + vietnamOffsetMs);
  return `${definition.name}-${local.toISOString().slice(0, 10)}.xlsx`;
}
