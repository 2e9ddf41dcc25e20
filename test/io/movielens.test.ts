import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRatings, RatingsImportError } from '../../src/engine/io/movielens';

const HEADER = 'userId,movieId,rating,timestamp';

/** Returns the RatingsImportError that `parseRatings` throws, or fails the test. */
function importError(text: string, fileName: string): RatingsImportError {
  try {
    parseRatings(text, fileName);
  } catch (error) {
    expect(error).toBeInstanceOf(RatingsImportError);
    return error as RatingsImportError;
  }
  throw new Error(`parseRatings accepted ${JSON.stringify(text)}; expected a RatingsImportError`);
}

describe('parseRatings on valid files', () => {
  it('reads ratings.csv with dense ids', () => {
    const text = `${HEADER}\n10,300,4.0,964982703\n10,100,3.5,964981247\n2,300,0.5,964982224\n`;
    const data = parseRatings(text, 'ratings.csv');

    expect(data.format).toBe('ratings.csv');
    expect(data.fileName).toBe('ratings.csv');
    expect(data.userIds).toEqual([10, 2]);
    expect(data.itemIds).toEqual([300, 100]);
    expect(Array.from(data.user)).toEqual([0, 0, 1]);
    expect(Array.from(data.item)).toEqual([0, 1, 0]);
    expect(Array.from(data.rating)).toEqual([4, 3.5, 0.5]);
    expect(Array.from(data.timestamp)).toEqual([964982703, 964981247, 964982224]);
  });

  it('reads u.data by its tabs', () => {
    const text = '196\t242\t3\t881250949\n186\t302\t3\t891717742\n196\t377\t1\t878887116\n';
    const data = parseRatings(text, 'u.data');

    expect(data.format).toBe('u.data');
    expect(data.userIds).toEqual([196, 186]);
    expect(data.itemIds).toEqual([242, 302, 377]);
    expect(Array.from(data.user)).toEqual([0, 1, 0]);
    expect(Array.from(data.item)).toEqual([0, 1, 2]);
    expect(Array.from(data.rating)).toEqual([3, 3, 1]);
  });

  it('detects format from content', () => {
    expect(parseRatings('1\t2\t3\t4\n', 'export.txt').format).toBe('u.data');
    expect(parseRatings(`${HEADER}\n1,2,3,4\n`, 'u.data').format).toBe('ratings.csv');
  });

  it('accepts CRLF, BOM and blank lines', () => {
    const text = `\uFEFF${HEADER}\r\n1, 2 ,5,100\r\n\r\n3,4,1.5,200\r\n\r\n`;
    const data = parseRatings(text, 'ratings.csv');

    expect(data.user.length).toBe(2);
    expect(Array.from(data.rating)).toEqual([5, 1.5]);
    expect(Array.from(data.timestamp)).toEqual([100, 200]);
  });

  it('accepts a missing final newline', () => {
    const data = parseRatings(`${HEADER}\n1,2,3,4`, 'ratings.csv');
    expect(data.user.length).toBe(1);
  });

  it('sizes arrays to the ratings', () => {
    const data = parseRatings(`${HEADER}\n1,2,3,4\n\n\n`, 'ratings.csv');
    expect(data.user.length).toBe(1);
    expect(data.item.length).toBe(1);
    expect(data.rating.length).toBe(1);
    expect(data.timestamp.length).toBe(1);
  });
});

/** Each case: file content, and the line, field, value and message parts the error must carry. */
const brokenFiles: { name: string; text: string; line: number; field: string; value: string; message: RegExp }[] = [
  { name: 'empty file', text: '', line: 1, field: 'file', value: '', message: /the file is empty; expected MovieLens ratings/ },
  { name: 'whitespace only', text: '\n  \n', line: 1, field: 'file', value: '', message: /the file is empty/ },
  { name: 'header only', text: `${HEADER}\n`, line: 2, field: 'file', value: '', message: /no ratings after the header/ },
  {
    name: 'rating not a number',
    text: `${HEADER}\n1,2,3,4\n1,3,five,5\n`,
    line: 3,
    field: 'rating',
    value: 'five',
    message: /^ratings\.csv line 3, field "rating": "five" is not a number; expected a rating from 0\.5 to 5 such as 3\.5$/,
  },
  { name: 'rating above 5', text: `${HEADER}\n1,2,5.5,4\n`, line: 2, field: 'rating', value: '5.5', message: /"5\.5" is out of range/ },
  { name: 'rating of 0', text: `${HEADER}\n1,2,0,4\n`, line: 2, field: 'rating', value: '0', message: /"0" is out of range/ },
  { name: 'negative rating', text: '1\t2\t-1\t4\n', line: 1, field: 'rating', value: '-1', message: /"-1" is out of range/ },
  { name: 'rating NaN', text: `${HEADER}\n1,2,NaN,4\n`, line: 2, field: 'rating', value: 'NaN', message: /"NaN" is not a number/ },
  { name: 'empty rating', text: `${HEADER}\n1,2,,4\n`, line: 2, field: 'rating', value: '', message: /missing value/ },
  { name: 'non-numeric user id', text: `${HEADER}\n1,2,3,4\nabc,2,3,4\n`, line: 3, field: 'userId', value: 'abc', message: /"abc" is not an integer id/ },
  { name: 'fractional movie id', text: `${HEADER}\n1,2.5,3,4\n`, line: 2, field: 'movieId', value: '2.5', message: /"2\.5" is not an integer id/ },
  { name: 'negative item id in u.data', text: '1\t-2\t3\t4\n', line: 1, field: 'item', value: '-2', message: /"-2" is not an integer id/ },
  { name: 'missing timestamp', text: `${HEADER}\n1,2,3\n`, line: 2, field: 'timestamp', value: '', message: /missing; expected 4 fields \(userId, movieId, rating, timestamp\), found 3/ },
  { name: 'empty timestamp', text: `${HEADER}\n1,2,3,\n`, line: 2, field: 'timestamp', value: '', message: /missing value; expected whole seconds/ },
  { name: 'fractional timestamp', text: `${HEADER}\n1,2,3,4.5\n`, line: 2, field: 'timestamp', value: '4.5', message: /"4\.5" is not a timestamp/ },
  { name: 'two fields in u.data', text: '1\t2\t3\t4\n5\t6\n', line: 2, field: 'rating', value: '', message: /found 2/ },
  { name: 'too many fields', text: `${HEADER}\n1,2,3,4,extra\n`, line: 2, field: 'columns', value: '1,2,3,4,extra', message: /too many fields; expected 4 fields/ },
  { name: 'missing header', text: '1,2,3,4\n', line: 1, field: 'header', value: '1,2,3,4', message: /missing header; .* userId,movieId,rating,timestamp/ },
  { name: 'movies.csv header', text: 'movieId,title,genres\n1,Toy Story (1995),Adventure\n', line: 1, field: 'header', value: 'movieId,title,genres', message: /not a ratings header/ },
  { name: 'tags.csv header', text: 'userId,movieId,tag,timestamp\n2,60756,funny,1445714994\n', line: 1, field: 'header', value: 'userId,movieId,tag,timestamp', message: /not a ratings header/ },
  { name: 'header in tab-separated file', text: 'user\titem\trating\ttimestamp\n1\t2\t3\t4\n', line: 1, field: 'header', value: 'user\titem\trating\ttimestamp', message: /u\.data, which has no header/ },
  { name: 'ratings.dat separator', text: '1::1193::5::978300760\n', line: 1, field: 'header', value: '1::1193::5::978300760', message: /ratings\.dat use "::"/ },
  { name: 'duplicate pair', text: `${HEADER}\n1,2,3,4\n1,5,3,4\n1,2,4,9\n`, line: 4, field: 'movieId', value: '2', message: /userId 1 already rated movieId 2 on line 2/ },
  { name: 'header after a blank line is still line 2', text: `\n${HEADER}\n1,x,3,4\n`, line: 3, field: 'movieId', value: 'x', message: /^ratings\.csv line 3/ },
];

describe('parseRatings on broken files', () => {
  it.each(brokenFiles)('rejects $name', ({ text, line, field, value, message }) => {
    const error = importError(text, 'ratings.csv');

    expect(error.fileName).toBe('ratings.csv');
    expect(error.line).toBe(line);
    expect(error.field).toBe(field);
    expect(error.value).toBe(value);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`ratings.csv line ${line}, field "${field}"`);
  });
});

const realRatingsPath = fileURLToPath(new URL('../../../shared/datasets/movielens-latest-small/ratings.csv', import.meta.url));

describe.skipIf(!existsSync(realRatingsPath))('parseRatings on MovieLens latest-small', () => {
  it('matches published counts and mean', () => {
    const data = parseRatings(readFileSync(realRatingsPath, 'utf8'), 'ratings.csv');

    expect(data.format).toBe('ratings.csv');
    expect(data.userIds.length).toBe(610);
    expect(data.itemIds.length).toBe(9_724);
    expect(data.rating.length).toBe(100_836);

    const mean = data.rating.reduce((sum, stars) => sum + stars, 0) / data.rating.length;
    expect(mean).toBeCloseTo(3.5, 2);
    expect(Math.min(...data.rating)).toBe(0.5);
    expect(Math.max(...data.rating)).toBe(5);
  });

  it('maps first line to index 0', () => {
    const data = parseRatings(readFileSync(realRatingsPath, 'utf8'), 'ratings.csv');

    expect(data.userIds[0]).toBe(1);
    expect(data.itemIds[0]).toBe(1);
    expect(data.timestamp[0]).toBe(964982703);
  });
});
