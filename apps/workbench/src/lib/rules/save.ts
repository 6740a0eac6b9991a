// Saving the rules and the playbook: the file name a save suggests, and whether the text on screen
// differs from what was last opened, saved or loaded. Pure: the browser's file calls are in
// file-access.ts.

export type FileKind = 'rules' | 'playbook';

const EXT: Record<FileKind, { keep: RegExp; add: string; fallback: string }> = {
  rules: { keep: /\.seg$/i, add: '.seg', fallback: 'rules' },
  playbook: { keep: /\.ya?ml$/i, add: '.yaml', fallback: 'playbooks' }
};

/** The file name to save `kind` under: the last part of `name` (a dropped file's path may have
 * folders), without characters no file system takes, with the kind's extension (`.seg`; `.yaml`
 * unless it is `.yml`): a `.txt` is replaced, any other ending kept before it. */
export function saveName(kind: FileKind, name: string | null | undefined): string {
  const e = EXT[kind];
  let base = (name ?? '').split(/[\\/]/).pop() ?? '';
  base = base.replace(/[\u0000-\u001f\u007f:*?"<>|]/g, '_').trim().replace(/^[.\s]+|[.\s]+$/g, '');
  if (e.keep.test(base)) return base;
  base = base.replace(/\.txt$/i, '');
  return `${base || e.fallback}${e.add}`;
}

/** The text as an editor holds it: line ends as `\n` (a CRLF file opened reads the same once
 * typed in), no byte-order mark. */
export function normalizeText(text: string): string {
  return text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
}

/** Are there unsaved changes: does the text on screen differ from the last opened, saved or
 * loaded one (line ends aside)? */
export function isDirty(text: string, baseline: string): boolean {
  return text !== baseline && normalizeText(text) !== normalizeText(baseline);
}

/** Is this key press the save shortcut (Ctrl+S, or Cmd+S on a Mac)? */
export function isSaveShortcut(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's';
}
