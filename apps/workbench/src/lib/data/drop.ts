// Files dropped anywhere on the page: counts nested dragenter/dragleave so the overlay shows
// while files are over the page, and hands the dropped files on. Only drags carrying files count.

export interface DropHandlers {
  /** files are being dragged over the page (true) or not any more (false) */
  dragging(on: boolean): void;
  dropped(files: File[]): void;
}

interface DragLike extends Event {
  dataTransfer: { types: readonly string[] | DOMStringList; files?: FileList | File[] } | null;
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
    on.dropped(Array.from((e as DragLike).dataTransfer?.files ?? []));
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
