import { describe, expect, it } from 'vitest';
import { listenForDrops } from './drop.js';

function drag(type: string, types: string[], files: { name: string }[] = []): Event {
  const e = new Event(type, { cancelable: true });
  Object.assign(e, { dataTransfer: { types, files } });
  return e;
}

describe('listenForDrops', () => {
  it('shows the overlay while files are over the page (nested enter/leave) and hands on the drop', async () => {
    const target = new EventTarget();
    const seen: boolean[] = [];
    const dropped: Promise<string[]>[] = [];
    const stop = listenForDrops(target, { dragging: (on) => seen.push(on), dropped: (fs) => dropped.push(fs.then((l) => l.map((f) => f.path))) });
    target.dispatchEvent(drag('dragenter', ['Files']));
    target.dispatchEvent(drag('dragenter', ['Files']));
    target.dispatchEvent(drag('dragleave', ['Files']));
    expect(seen).toEqual([true, true]);
    const d = drag('drop', ['Files'], [{ name: 'orders.csv' }]);
    target.dispatchEvent(d);
    expect(d.defaultPrevented).toBe(true);
    expect(seen.at(-1)).toBe(false);
    expect(await Promise.all(dropped)).toEqual([['orders.csv']]);
    stop();
    target.dispatchEvent(drag('drop', ['Files'], [{ name: 'x.csv' }]));
    expect(dropped.length).toBe(1);
  });

  it('ignores drags without files (text, links)', () => {
    const target = new EventTarget();
    const seen: boolean[] = [];
    listenForDrops(target, { dragging: (on) => seen.push(on), dropped: () => seen.push(true) });
    const e = drag('drop', ['text/plain']);
    target.dispatchEvent(drag('dragenter', ['text/plain']));
    target.dispatchEvent(e);
    expect(seen).toEqual([]);
    expect(e.defaultPrevented).toBe(false);
  });
});
