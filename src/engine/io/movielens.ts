import Papa from 'papaparse';

/**
 * MovieLens ratings importer for the two text formats GroupLens publishes:
 *
 * - `u.data` (MovieLens 100K): `user item rating timestamp`, tab-separated, no header.
 * - `ratings.csv` (MovieLens latest, 25M, 32M): header `userId,movieId,rating,timestamp`,
 *   comma-separated.
 *
 * The format is detected from the content, not the file name: a first line with a
 * tab is `u.data`, a first line with a comma is `ratings.csv` and must be its header.
 *
 * Rules every data line must follow (otherwise {@link RatingsImportError}):
 * - exactly 4 fields; blank lines are skipped, a UTF-8 byte-order mark and `\r\n`
 *   line endings are accepted, spaces around a field are trimmed;
 * - user and item ids are non-negative integers;
 * - the rating is a number from 0.5 to 5 (MovieLens uses half stars; u.data has 1-5);
 * - the timestamp is a non-negative integer, seconds since 1970-01-01 UTC;
 * - each (user, item) pair appears once. A repeated pair is rejected, not merged,
 *   because keeping either rating would silently drop data the user gave us.
 */

export type RatingsFormat = 'u.data' | 'ratings.csv';

/**
 * Ratings in columnar form. Original ids are mapped to dense indices
 * (0, 1, 2, ...) in order of first appearance in the file, separately for
 * users and items, so `userIds[user[r]]` is the original user id of rating r.
 */
export interface RatingsData {
  format: RatingsFormat;
  fileName: string;
  /** Original id of dense user index u, [users]. */
  userIds: number[];
  /** Original id of dense item index i, [items]. */
  itemIds: number[];
  /** Dense user index of each rating, [ratings]. */
  user: Uint32Array;
  /** Dense item index of each rating, [ratings]. */
  item: Uint32Array;
  /** Rating in stars, [ratings], in [0.5, 5]. */
  rating: Float32Array;
  /** Seconds since 1970-01-01 UTC, [ratings]. */
  timestamp: Float64Array;
}

/**
 * A ratings file that cannot be imported. The message names the file, the
 * 1-based line, the field, the bad value and what was expected.
 */
export class RatingsImportError extends Error {
  readonly fileName: string;
  /** 1-based line number in the file. */
  readonly line: number;
  /** Column name (`userId`, `rating`, ...), or `header`, `columns` or `file` for problems with the line or file as a whole. */
  readonly field: string;
  /** The offending text as read from the file ('' when it is missing). */
  readonly value: string;

  constructor(fileName: string, line: number, field: string, value: string, problem: string) {
    super(`${fileName} line ${line}, field "${field}": ${problem}`);
    this.name = 'RatingsImportError';
    this.fileName = fileName;
    this.line = line;
    this.field = field;
    this.value = value;
  }
}

/** Column names of each format, in file order. */
const COLUMNS: Record<RatingsFormat, readonly string[]> = {
  'u.data': ['user', 'item', 'rating', 'timestamp'],
  'ratings.csv': ['userId', 'movieId', 'rating', 'timestamp'],
};

const RATINGS_CSV_HEADER = COLUMNS['ratings.csv'].join(',');
const MIN_RATING = 0.5;
const MAX_RATING = 5;
const INTEGER = /^\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const EXPECTED_FORMATS =
  'expected MovieLens ratings: u.data (user, item, rating, timestamp separated by tabs, no header) ' +
  `or ratings.csv (header ${RATINGS_CSV_HEADER})`;

/**
 * Parses a MovieLens `u.data` or `ratings.csv` file.
 *
 * @param text Whole file content.
 * @param fileName Shown in error messages and kept in the result.
 * @throws RatingsImportError on the first invalid line, an empty file, a file
 *   with a header but no ratings, or a repeated (user, item) pair.
 */
export function parseRatings(text: string, fileName: string): RatingsData {
  const content = text.startsWith('\uFEFF') ? text.slice(1) : text;

  const firstLine = content.split(/\r?\n/).find((line) => line.trim() !== '');
  if (firstLine === undefined) {
    throw new RatingsImportError(fileName, 1, 'file', '', `the file is empty; ${EXPECTED_FORMATS}`);
  }
  const delimiter = firstLine.includes('\t') ? '\t' : ',';

  const lines = splitLines(content, delimiter, fileName);
  const first = lines.findIndex((fields) => !isBlank(fields));
  const { format, dataStart } = detectFormat(lines[first], first + 1, delimiter, fileName);
  return readRatings(lines, dataStart, format, fileName);
}

/**
 * Splits the file into lines of raw fields with papaparse. Entry i of the
 * result is line i + 1 of the file, because MovieLens fields are never quoted
 * and so never span lines.
 */
function splitLines(content: string, delimiter: string, fileName: string): string[][] {
  const parsed = Papa.parse<string[]>(content, { delimiter, header: false, skipEmptyLines: false });
  const error = parsed.errors[0];
  if (error) {
    const line = (error.row ?? 0) + 1;
    throw new RatingsImportError(fileName, line, 'columns', '', `cannot split the line into fields (${error.message}); ${EXPECTED_FORMATS}`);
  }
  return parsed.data;
}

function isBlank(fields: string[]): boolean {
  return fields.every((field) => field.trim() === '');
}

/**
 * Decides the format from the first non-blank line and returns the index of
 * the first data line: a tab-separated first line must be a u.data rating, a
 * comma-separated one must be the ratings.csv header.
 */
function detectFormat(
  rawFields: string[],
  lineNumber: number,
  delimiter: string,
  fileName: string,
): { format: RatingsFormat; dataStart: number } {
  const fields = rawFields.map((field) => field.trim());
  const looksLikeData = INTEGER.test(fields[0]);
  const index = lineNumber - 1;

  if (fields.length === 1) {
    const hint = fields[0].includes('::') ? ' (MovieLens 1M and 10M ratings.dat use "::"; convert the file to ratings.csv)' : '';
    throw new RatingsImportError(fileName, lineNumber, 'header', fields[0], `no tab or comma separator found${hint}; ${EXPECTED_FORMATS}`);
  }

  if (delimiter === '\t') {
    if (!looksLikeData) {
      throw new RatingsImportError(
        fileName,
        lineNumber,
        'header',
        fields.join('\t'),
        'tab-separated files are read as u.data, which has no header; expected the first line to be a rating such as "196<tab>242<tab>3<tab>881250949"',
      );
    }
    return { format: 'u.data', dataStart: index };
  }

  const header = fields.join(',');
  if (header !== RATINGS_CSV_HEADER) {
    const problem = looksLikeData
      ? `missing header; comma-separated files are read as ratings.csv, which starts with the header ${RATINGS_CSV_HEADER}`
      : `not a ratings header; expected ${RATINGS_CSV_HEADER} (MovieLens movies.csv, tags.csv and links.csv hold no ratings)`;
    throw new RatingsImportError(fileName, lineNumber, 'header', header, problem);
  }
  return { format: 'ratings.csv', dataStart: index + 1 };
}

/** Validates and stores every data line from `dataStart` on. */
function readRatings(lines: string[][], dataStart: number, format: RatingsFormat, fileName: string): RatingsData {
  const columns = COLUMNS[format];
  const capacity = lines.length - dataStart;
  const user = new Uint32Array(capacity);
  const item = new Uint32Array(capacity);
  const rating = new Float32Array(capacity);
  const timestamp = new Float64Array(capacity);

  const userIndex = new Map<number, number>();
  const itemIndex = new Map<number, number>();
  const userIds: number[] = [];
  const itemIds: number[] = [];

  // Line of the first rating of each (user, item) pair, keyed by
  // denseUser * capacity + denseItem. Both indices are below `capacity`, so the
  // key is exact while capacity² < 2^53, i.e. for files under 94 million lines.
  const pairLine = new Map<number, number>();

  let count = 0;
  for (let index = dataStart; index < lines.length; index++) {
    const raw = lines[index];
    if (isBlank(raw)) {
      continue;
    }
    const lineNumber = index + 1;
    const fields = raw.map((field) => field.trim());
    checkColumnCount(fields, columns, lineNumber, format, fileName);

    const userId = parseId(fields[0], columns[0], lineNumber, fileName);
    const itemId = parseId(fields[1], columns[1], lineNumber, fileName);
    const stars = parseRating(fields[2], columns[2], lineNumber, fileName);
    const seconds = parseTimestamp(fields[3], columns[3], lineNumber, fileName);

    const u = denseIndex(userIndex, userIds, userId);
    const i = denseIndex(itemIndex, itemIds, itemId);
    const pair = u * capacity + i;
    const earlierLine = pairLine.get(pair);
    if (earlierLine !== undefined) {
      throw new RatingsImportError(
        fileName,
        lineNumber,
        columns[1],
        fields[1],
        `${columns[0]} ${userId} already rated ${columns[1]} ${itemId} on line ${earlierLine}; expected one rating per (${columns[0]}, ${columns[1]}) pair`,
      );
    }
    pairLine.set(pair, lineNumber);

    user[count] = u;
    item[count] = i;
    rating[count] = stars;
    timestamp[count] = seconds;
    count++;
  }

  if (count === 0) {
    const example = format === 'ratings.csv' ? '1,31,2.5,1260759144' : '196<tab>242<tab>3<tab>881250949';
    throw new RatingsImportError(fileName, dataStart + 1, 'file', '', `no ratings after the header; expected lines such as "${example}"`);
  }

  return {
    format,
    fileName,
    userIds,
    itemIds,
    user: user.slice(0, count),
    item: item.slice(0, count),
    rating: rating.slice(0, count),
    timestamp: timestamp.slice(0, count),
  };
}

function checkColumnCount(fields: string[], columns: readonly string[], lineNumber: number, format: RatingsFormat, fileName: string): void {
  if (fields.length === columns.length) {
    return;
  }
  const expected = `expected ${columns.length} fields (${columns.join(', ')}), found ${fields.length}`;
  if (fields.length < columns.length) {
    const missing = columns[fields.length];
    throw new RatingsImportError(fileName, lineNumber, missing, '', `missing; ${expected}`);
  }
  const separator = format === 'u.data' ? '\t' : ',';
  throw new RatingsImportError(fileName, lineNumber, 'columns', fields.join(separator), `too many fields; ${expected}`);
}

const EXPECTED_ID = 'expected a non-negative integer id such as 42';
const EXPECTED_RATING = `expected a rating from ${MIN_RATING} to ${MAX_RATING} such as 3.5`;
const EXPECTED_TIMESTAMP = 'expected whole seconds since 1970-01-01 UTC such as 964982703';

function parseId(text: string, field: string, lineNumber: number, fileName: string): number {
  requireValue(text, field, lineNumber, fileName, EXPECTED_ID);
  const id = Number(text);
  if (!INTEGER.test(text) || !Number.isSafeInteger(id)) {
    throw new RatingsImportError(fileName, lineNumber, field, text, `${quote(text)} is not an integer id; ${EXPECTED_ID}`);
  }
  return id;
}

function parseRating(text: string, field: string, lineNumber: number, fileName: string): number {
  requireValue(text, field, lineNumber, fileName, EXPECTED_RATING);
  if (!DECIMAL.test(text)) {
    throw new RatingsImportError(fileName, lineNumber, field, text, `${quote(text)} is not a number; ${EXPECTED_RATING}`);
  }
  const stars = Number(text);
  if (stars < MIN_RATING || stars > MAX_RATING) {
    throw new RatingsImportError(fileName, lineNumber, field, text, `${quote(text)} is out of range; ${EXPECTED_RATING}`);
  }
  return stars;
}

function parseTimestamp(text: string, field: string, lineNumber: number, fileName: string): number {
  requireValue(text, field, lineNumber, fileName, EXPECTED_TIMESTAMP);
  const seconds = Number(text);
  if (!INTEGER.test(text) || !Number.isSafeInteger(seconds)) {
    throw new RatingsImportError(fileName, lineNumber, field, text, `${quote(text)} is not a timestamp; ${EXPECTED_TIMESTAMP}`);
  }
  return seconds;
}

function requireValue(text: string, field: string, lineNumber: number, fileName: string, expected: string): void {
  if (text === '') {
    throw new RatingsImportError(fileName, lineNumber, field, text, `missing value; ${expected}`);
  }
}

/** Returns the dense index of `id`, assigning the next one on first sight. */
function denseIndex(index: Map<number, number>, ids: number[], id: number): number {
  let dense = index.get(id);
  if (dense === undefined) {
    dense = ids.length;
    index.set(id, dense);
    ids.push(id);
  }
  return dense;
}

function quote(text: string): string {
  return JSON.stringify(text);
}
