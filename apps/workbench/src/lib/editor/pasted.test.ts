import { describe, expect, it } from 'vitest';
import { readPastedSegment } from './pasted.js';
import { insertStatement } from '../customers/add-segment.js';

describe('a segment pasted into the quick rule', () => {
  it('is read as a statement and its condition', () => {
    expect(readPastedSegment('segment vip "贵宾"\n  when R < 30 and\n  M > 1000\n')).toEqual({ id: 'vip', statement: 'segment vip "贵宾" when R < 30 and M > 1000', condition: 'R < 30 and M > 1000' });
  });
  it('is not one when it is a catch-all, two statements, or broken', () => {
    expect(readPastedSegment('segment rest otherwise')).toBeNull();
    expect(readPastedSegment('segment a when R < 1\nsegment b when R > 1')).toBeNull();
    expect(readPastedSegment('segment a when R <')).toBeNull();
  });
  it('goes into the rule file before the catch-all', () => {
    expect(insertStatement('segment a when F > 1\nsegment rest otherwise\n', 'segment vip when R < 3')).toBe('segment a when F > 1\nsegment vip when R < 3\nsegment rest otherwise\n');
  });
});
