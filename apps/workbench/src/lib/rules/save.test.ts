import { describe, expect, it } from 'vitest';
import { isDirty, isSaveShortcut, normalizeText, saveName } from './save.js';

describe('the file name a save suggests', () => {
  it('keeps a rule file\'s name, and gives other names the .seg ending', () => {
    expect(saveName('rules', 'tiers.seg')).toBe('tiers.seg');
    expect(saveName('rules', 'TIERS.SEG')).toBe('TIERS.SEG');
    expect(saveName('rules', 'notes.txt')).toBe('notes.seg');
    expect(saveName('rules', 'v1.2')).toBe('v1.2.seg');
    expect(saveName('rules', '客户分层')).toBe('客户分层.seg');
  });
  it('drops folders, characters no file system takes, and falls back on a default', () => {
    expect(saveName('rules', 'team/base/tiers.seg')).toBe('tiers.seg');
    expect(saveName('rules', 'C:\\rules\\a.seg')).toBe('a.seg');
    expect(saveName('rules', 'a:b*c?.seg')).toBe('a_b_c_.seg');
    expect(saveName('rules', null)).toBe('rules.seg');
    expect(saveName('rules', '  ')).toBe('rules.seg');
    expect(saveName('rules', '...')).toBe('rules.seg');
  });
  it('gives a playbook .yaml unless it is .yml already', () => {
    expect(saveName('playbook', 'tiers.playbooks.yaml')).toBe('tiers.playbooks.yaml');
    expect(saveName('playbook', 'p.yml')).toBe('p.yml');
    expect(saveName('playbook', 'p')).toBe('p.yaml');
    expect(saveName('playbook', undefined)).toBe('playbooks.yaml');
  });
});

describe('unsaved changes', () => {
  it('are a text that differs from the last opened or saved one', () => {
    expect(isDirty('segment a when R < 3\n', 'segment a when R < 3\n')).toBe(false);
    expect(isDirty('segment a when R < 4\n', 'segment a when R < 3\n')).toBe(true);
    expect(isDirty('', 'x')).toBe(true);
    // a trailing newline is a change (the file's bytes differ)
    expect(isDirty('a\n', 'a')).toBe(true);
  });
  it('do not count line ends or a byte-order mark (an editor shows a CRLF file with LF)', () => {
    expect(isDirty('a\nb\n', 'a\r\nb\r\n')).toBe(false);
    expect(isDirty('a\nb', '\ufeffa\rb')).toBe(false);
    expect(normalizeText('\ufeffx\r\ny\rz')).toBe('x\ny\nz');
  });
});

describe('the save shortcut', () => {
  const key = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
  it('is Ctrl+S or Cmd+S (either case: Caps Lock), nothing else', () => {
    expect(isSaveShortcut(key('s', { ctrlKey: true }))).toBe(true);
    expect(isSaveShortcut(key('S', { metaKey: true }))).toBe(true);
    expect(isSaveShortcut(key('s'))).toBe(false);
    expect(isSaveShortcut(key('s', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isSaveShortcut(key('s', { ctrlKey: true, altKey: true }))).toBe(false);
    expect(isSaveShortcut(key('d', { ctrlKey: true }))).toBe(false);
  });
});
