// The rules' open document and the recent files, without a browser: the unsaved-changes mark,
// rule files offered only over unsaved edits, playbooks beside the rules, and the recent list kept
// through a fake store.
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '@segmint/strategy';
import { EngineHost } from '../engine/host.js';
import type { Engine } from '../engine/wasm.js';
import type { DataState } from '../data/dataset.svelte.js';
import { exampleRules } from '../data/example.js';
import { RulesState } from './rules.svelte.js';
import { FilesState, type FilesStorage } from './files.svelte.js';

function rulesState(): RulesState {
  // no engine: the live queries never run (ready() is false)
  return new RulesState(new EngineHost<Engine>(() => new Promise<Engine>(() => {})), {} as DataState);
}

function memoryStorage(initial: Record<string, unknown> = {}, keeping = true): FilesStorage & { values: Map<string, unknown> } {
  const values = new Map(Object.entries(initial));
  return { values, keeping: () => keeping, read: async (k) => values.get(k), write: async (k, v) => void values.set(k, structuredClone(v)) };
}

describe('unsaved changes of the rules', () => {
  it('the example as loaded has none; typing makes them; opening a file clears them', () => {
    const r = rulesState();
    expect(r.dirty).toBe(false);
    r.setRules('segment a when R < 3\n', true);
    expect(r.dirty).toBe(true);
    r.answerOffer(false);
    r.openRuleFile('team.seg', 'segment t when F > 1\n');
    // over unsaved edits the file is offered, nothing replaced
    expect(r.offered?.name).toBe('team.seg');
    expect(r.file.text).toBe('segment a when R < 3\n');
    r.answerOffer(true);
    expect([r.file.text, r.fileName, r.dirty, r.edited]).toEqual(['segment t when F > 1\n', 'team.seg', false, false]);
  });

  it('saved edits are not unsaved: another file then opens without asking', () => {
    const r = rulesState();
    r.openRuleFile('a.seg', 'segment a when R < 3\n');
    r.setRules('segment a when R < 4\n', true);
    expect(r.dirty).toBe(true);
    r.markSaved('rules', 'a.seg', 'segment a when R < 4\n', null);
    expect([r.dirty, r.edited, r.savedText]).toEqual([false, false, 'segment a when R < 4\n']);
    r.openRuleFile('b.seg', 'segment b when R < 5\n');
    expect(r.offered).toBeNull();
    expect(r.fileName).toBe('b.seg');
  });

  it('typing back to the saved text, or a CRLF file shown with LF, is not a change', () => {
    const r = rulesState();
    r.openRuleFile('w.seg', 'segment a when R < 3\r\nsegment b otherwise\r\n');
    r.setRules('segment a when R < 3\nsegment b otherwise\n', true);
    expect(r.dirty).toBe(false);
    r.setRules(exampleRules, true);
    expect(r.dirty).toBe(true);
  });

  it('a playbook YAML goes beside the rules; a model brings its playbooks', () => {
    const r = rulesState();
    r.openRuleFile('team.playbooks.yaml', 'playbooks:\n  a:\n    goal: x\n');
    expect(r.playbook).toEqual({ name: 'team.playbooks.yaml', text: 'playbooks:\n  a:\n    goal: x\n' });
    expect(r.file.text).toBe(exampleRules);
    r.useLibrary('rfm', 'zh');
    const lib = loadLibrary('rfm', 'zh');
    expect(r.playbook).toEqual({ name: lib.playbooksFile, text: lib.playbooks });
    expect([r.dirty, r.fileName, r.suggestedName]).toEqual([false, null, lib.rulesFile]);
  });
});

describe('recent files', () => {
  it('lists what was opened, newest first, and keeps it', async () => {
    const r = rulesState();
    const store = memoryStorage();
    const files = new FilesState(r, store);
    await files.start();
    r.openRuleFile('a.seg', 'A');
    r.openRuleFile('p.yml', 'playbooks: {}');
    r.openRuleFile('b.seg', 'B');
    expect(files.recent.map((e) => [e.kind, e.name, e.text])).toEqual([
      ['rules', 'b.seg', 'B'],
      ['playbook', 'p.yml', 'playbooks: {}'],
      ['rules', 'a.seg', 'A']
    ]);
    expect((store.values.get('recentFiles') as unknown[]).length).toBe(3);
    files.remove(files.recent[1]!.id);
    expect((store.values.get('recentFiles') as { name: string }[]).map((e) => e.name)).toEqual(['b.seg', 'a.seg']);
  });

  it('a new page reads the list and the open file back; reopening uses the copy kept', async () => {
    const first = rulesState();
    const store = memoryStorage();
    const f1 = new FilesState(first, store);
    await f1.start();
    first.openRuleFile('a.seg', 'segment a when R < 3\n');
    await Promise.resolve();

    const r = rulesState();
    const files = new FilesState(r, store);
    await files.start();
    expect(files.recent.map((e) => e.name)).toEqual(['a.seg']);
    expect([r.fileName, r.savedText]).toEqual(['a.seg', 'segment a when R < 3\n']);
    await files.open(files.recent[0]!);
    expect(r.file.text).toBe('segment a when R < 3\n');
    expect(files.status).toMatchObject({ kind: 'opened', from: 'copy', file: 'a.seg' });
  });

  it('a read-only tab writes nothing; "forget all data" empties the list', async () => {
    const store = memoryStorage({}, false);
    const r = rulesState();
    const files = new FilesState(r, store);
    await files.start();
    r.openRuleFile('a.seg', 'A');
    expect(files.recent).toHaveLength(1);
    expect(store.values.size).toBe(0);
    files.forgotten();
    expect(files.recent).toEqual([]);
  });
});

describe('the playbook check', () => {
  it('follows the playbook and the rules beside it', () => {
    const r = rulesState();
    const files = new FilesState(r, memoryStorage());
    expect(files.playbookCheck).toBeNull();
    r.openRuleFile('t.seg', 'segment a when R < 3\nsegment b otherwise\n');
    r.openRuleFile('t.yaml', 'playbooks:\n  a:\n    goal: Keep\n');
    expect(files.playbookCheck?.uncovered).toEqual(['b']);
    r.setRules('segment a when R < 3\n', true);
    expect(files.playbookCheck?.uncovered).toEqual([]);
  });
});
