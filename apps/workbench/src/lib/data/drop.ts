// Files dropped anywhere on the page: counts nested dragenter/dragleave so the overlay shows
// while files are over the page, and hands the dropped files on (folders read recursively:
// folder.ts). Only drags carrying files count.
import { filesOfDrop } from './folder.js';
import type { Incoming } from './staging.js';

export interface DropHandlers {
  /** files are being dragged over the page (true) or not any more (false) */
  dragging(on: boolean): void;
  /** the dropped files with their paths (the entries of folders are read after the event) */
  dropped(files: Promise<Incoming<File>[]>): void;
}

interface DragLike extends Event {
  dataTransfer: { types: readonly string[] | DOMStringList; files?: FileList | File[]; items?: DataTransferItemList } | null;
}

/** Listen on `target` (the window); returns the function that stops listening. */
export function listenForDrops(target: EventTarget, on: DropHandlers): () => void {
  let depth = 0;
  const hasFiles = (e: Event) => Array.from((e as DragLike).dataTransfer?.types ?? []).includes('Files');
  const enter = (e: Event) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    on.dragging(true);
  };
  const over = (e: Event) => {
    if (hasFiles(e)) e.preventDefault();
  };
  const leave = () => {
    depth = Math.max(0, depth - 1);
    if (!depth) on.dragging(false);
  };
  const drop = (e: Event) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    on.dragging(false);
    const dt = (e as DragLike).dataTransfer;
    // the items must be read now: the browser empties them once the event is over
    on.dropped(filesOfDrop(dt?.items ?? null, dt?.files ?? null));
  };
  const listeners: [string, (e: Event) => void][] = [
    ['dragenter', enter],
    ['dragover', over],
    ['dragleave', leave],
    ['drop', drop]
  ];
  for (const [type, fn] of listeners) target.addEventListener(type, fn);
  return () => {
    for (const [type, fn] of listeners) target.removeEventListener(type, fn);
  };
}
