import { describe, expect, it } from 'vitest';
import { parseReadReply } from './read-batch.ts';
import { compareStreamIds } from './stream-ids.ts';

describe('parseReadReply', () => {
  it('reads RESP3 maps, RESP2 arrays, and entries whose fields were deleted', () => {
    expect(
      parseReadReply(
        {
          s: [
            ['1-0', ['event', '{}']],
            ['2-0', null],
          ],
        },
        's',
      ),
    ).toEqual([
      { id: '1-0', fields: { event: '{}' } },
      { id: '2-0', fields: {} },
    ]);
    expect(parseReadReply([['s', [['3-1', ['a', 'b']]]]], 's')).toEqual([{ id: '3-1', fields: { a: 'b' } }]);
    expect(parseReadReply(null, 's')).toEqual([]);
  });
});

describe('compareStreamIds', () => {
  it('compares numerically, not as text', () => {
    expect(compareStreamIds('9-0', '10-0')).toBe(-1);
    expect(compareStreamIds('10-2', '10-10')).toBe(-1);
    expect(compareStreamIds('10-10', '10-10')).toBe(0);
    expect(compareStreamIds('1795961700550-1', '1795961700550-0')).toBe(1);
  });
});
