// Reading CSV uploads (cohorts, knowledge-base organisations): UTF-8 only, a header row whose names are
// unique (a repeated column would silently overwrite the first), rows as records keyed by the header.
import { parse } from 'csv-parse/sync';

export class CsvUnreadable extends Error {}

/** Bytes as UTF-8 text; throws CsvUnreadable for anything else (a spreadsheet's "CSV" in another charset). */
export function utf8Text(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CsvUnreadable('the CSV is not UTF-8 text: save it as "CSV UTF-8" and upload again');
  }
}

/** Rows keyed by the header; throws CsvUnreadable naming a repeated column or the parser's complaint. */
export function csvRecords(text: string): Record<string, string>[] {
  const uniqueHeader = (header: string[]) => {
    const repeated = [...new Set(header.filter((name, i) => header.indexOf(name) !== i))];
    if (repeated.length) throw new CsvUnreadable(`the header repeats the column(s) ${repeated.join(', ')}`);
    return header;
  };
  try {
    return parse(text, { columns: uniqueHeader, skip_empty_lines: true, trim: true, bom: true });
  } catch (e) {
    if (e instanceof CsvUnreadable) throw e;
    throw new CsvUnreadable(`the CSV cannot be read: ${(e as Error).message}`);
  }
}
