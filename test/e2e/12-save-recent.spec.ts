// Saving the rules (to the same file again through the File System Access API, or as a
// download), the unsaved-changes mark and the question before leaving, the recent files kept
// across a reload, and a playbook YAML opened beside the rules and checked against them.
// Tests cannot click the browser's save dialog: an init script installs a fake
// `showSaveFilePicker` that returns a real file handle in the origin private file system (OPFS),
// so what is written, and written again, is read back for real; another removes the picker to
// take the download path.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, shot, openApp, tempFile } from './fixtures.js';
import { expectAccessible } from './axe.js';
import { loadLibrary } from '@segmint/strategy';

const TEAM = 'segment loyal "Loyal 忠诚" when F >= 8\nsegment rest otherwise\n';

declare global {
  interface Window {
    /** how many times the fake save picker was asked */
    pickerCalls?: number;
  }
}

/** Replaces the browser's save dialog with one that answers at once with an OPFS file named as
 * suggested (a real FileSystemFileHandle: createWritable writes the file). */
async function fakeSavePicker(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.pickerCalls = 0;
    Object.defineProperty(window, 'showSaveFilePicker', {
      configurable: true,
      value: async (o: { suggestedName?: string }) => {
        window.pickerCalls = (window.pickerCalls ?? 0) + 1;
        const root = await navigator.storage.getDirectory();
        return root.getFileHandle(o.suggestedName ?? 'untitled', { create: true });
      }
    });
  });
}

/** A browser without the File System Access API's save dialog. */
async function noSavePicker(page: Page): Promise<void> {
  await page.addInitScript(() => {
    delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    delete (Window.prototype as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
}

/** A file's text in OPFS (null: no such file). */
function opfsText(page: Page, name: string): Promise<string | null> {
  return page.evaluate(async (n) => {
    try {
      const root = await navigator.storage.getDirectory();
      return await (await (await root.getFileHandle(n)).getFile()).text();
    } catch {
      return null;
    }
  }, name);
}

const editor = (page: Page) => page.getByLabel('Rule file', { exact: true });

/** The rule text in the editor (a textarea, or CodeMirror's content element). */
function editorText(page: Page): Promise<string> {
  return editor(page).evaluate((el) => (el instanceof HTMLTextAreaElement ? el.value : [...el.querySelectorAll('.cm-line')].map((l) => l.textContent ?? '').join('\n')));
}

/** Types at the end of the rule text, as a person does (works on a textarea and on CodeMirror). */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

async function openSeg(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel('Choose a .seg file to open in the editor').setInputFiles(tempFile(name, text));
  await expect(page.getByTestId('rule-file-name')).toHaveText(`Rule file: ${name}`);
}

const unsaved = (page: Page) => page.getByTestId('unsaved-mark');
const status = (page: Page) => page.getByTestId('file-status');

test('save writes the file, saving again writes the same file; after a reload the recent file reopens with the saved text', async ({ page }, info) => {
  // two loads of the app (the first and the reload)
  test.setTimeout(240_000);
  await fakeSavePicker(page);
  await openApp(page);
  await openSeg(page, 'team.seg', TEAM);
  await expect(unsaved(page)).toHaveCount(0);

  await typeAtEnd(page, 'tag big when M > 1000\n');
  await expect(unsaved(page)).toHaveText(/Unsaved changes/);
  await shot(page, info, 'unsaved-mark');
  await expectAccessible(page, 'unsaved changes marked');

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(status(page)).toHaveText('Saved to team.seg.');
  await expect(unsaved(page)).toHaveCount(0);
  const first = await editorText(page);
  expect(first).toBe(`${TEAM}tag big when M > 1000\n`);
  expect(await opfsText(page, 'team.seg')).toBe(first);
  expect(await page.evaluate(() => window.pickerCalls)).toBe(1);

  // again, with Ctrl+S while typing: the same file, without asking where
  await typeAtEnd(page, 'tag small when M < 10\n');
  await expect(unsaved(page)).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(unsaved(page)).toHaveCount(0);
  const second = await editorText(page);
  expect(second).toBe(`${first}tag small when M < 10\n`);
  await expect.poll(() => opfsText(page, 'team.seg')).toBe(second);
  expect(await page.evaluate(() => window.pickerCalls)).toBe(1);
  await shot(page, info, 'saved-again');

  // a reload: the file name, the saved state and the recent list are back
  await page.reload();
  await expect(page.getByTestId('dataset-customers')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('rule-file-name')).toHaveText('Rule file: team.seg');
  await expect(unsaved(page)).toHaveCount(0);
  // other text over it (unsaved), then the recent file: offered over the edits, then the saved text
  await editor(page).click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('segment other when R < 5\n');
  await expect(unsaved(page)).toBeVisible();
  await page.getByTestId('recent-files').locator('summary').click();
  const entries = page.getByTestId('recent-file');
  await expect(entries.first()).toContainText('team.seg');
  await expect(entries.first()).toContainText('reopens the file');
  await expectAccessible(page, 'recent files open');
  await shot(page, info, 'recent-files');
  await entries.first().getByRole('button', { name: /^Open team\.seg/ }).click();
  await expect(status(page)).toHaveText('Read team.seg from the file.');
  await page.getByTestId('rule-file-offer').getByRole('button', { name: 'Replace my rules' }).click();
  await expect.poll(() => editorText(page)).toBe(second);
  await expect(unsaved(page)).toHaveCount(0);
  await expect(page.getByTestId('segments')).toContainText('Loyal');
});

test('without the File System Access API, Save downloads <name>.seg in UTF-8 as typed', async ({ page }, info) => {
  await noSavePicker(page);
  await openApp(page);
  expect(await page.evaluate(() => 'showSaveFilePicker' in window)).toBe(false);
  await openSeg(page, 'vip.seg', TEAM);
  await typeAtEnd(page, 'tag 新客 when T < 30 days\n');
  await expect(unsaved(page)).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('vip.seg');
  const bytes = readFileSync((await d.path())!);
  expect(bytes.toString('utf8')).toBe(`${TEAM}tag 新客 when T < 30 days\n`);
  expect(bytes[0]).not.toBe(0xef); // no byte-order mark
  await expect(status(page)).toHaveText('Downloaded vip.seg.');
  await expect(unsaved(page)).toHaveCount(0);
  // a saved page closes without asking
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
  void info;
});

test('a file opened with the browser\'s open dialog is saved back to itself, without asking where', async ({ page }, info) => {
  await fakeSavePicker(page);
  // the open dialog answers with an OPFS file written beforehand (a real handle, as Chrome gives)
  await page.addInitScript((text) => {
    Object.defineProperty(window, 'showOpenFilePicker', {
      configurable: true,
      value: async () => {
        const root = await navigator.storage.getDirectory();
        const h = await root.getFileHandle('mine.seg', { create: true });
        if ((await h.getFile()).size === 0) {
          const w = await h.createWritable();
          await w.write(text);
          await w.close();
        }
        return [h];
      }
    });
  }, TEAM);
  await openApp(page);
  await page.getByText('Open a .seg or .yaml file…').click();
  await expect(page.getByTestId('rule-file-name')).toHaveText('Rule file: mine.seg');
  await expect.poll(() => editorText(page)).toBe(TEAM);
  await typeAtEnd(page, 'tag vip when M > 5000\n');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(status(page)).toHaveText('Saved to mine.seg.');
  expect(await opfsText(page, 'mine.seg')).toBe(`${TEAM}tag vip when M > 5000\n`);
  // the save dialog was never asked
  expect(await page.evaluate(() => window.pickerCalls)).toBe(0);
  await shot(page, info, 'opened-and-saved-back');
});

test('"Download" gives a copy even where the browser can save to a file', async ({ page }) => {
  await fakeSavePicker(page);
  await openApp(page);
  await openSeg(page, 'copy.seg', TEAM);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('copy.seg');
  expect(readFileSync((await d.path())!, 'utf8')).toBe(TEAM);
  expect(await page.evaluate(() => window.pickerCalls)).toBe(0);
});

test('leaving the page with unsaved changes asks first', async ({ page }, info) => {
  await openApp(page);
  await typeAtEnd(page, 'tag late when R > 300\n');
  await expect(unsaved(page)).toBeVisible();
  await shot(page, info, 'before-leaving');
  const dialog = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const d = await dialog;
  expect(d.type()).toBe('beforeunload');
  await d.accept();
});

test('a playbook YAML opens beside the rules: its problems with code and line, and the segments without a playbook, in both languages', async ({ page }, info) => {
  await openApp(page);
  // the example rules: platinum, gold, basic, churn_risk
  const yaml = 'playbooks:\n  platinum:\n    goal: Keep them\n    ownr: CS\n  bronze:\n    goal: Grow\n';
  await page.getByLabel('Choose a .seg file to open in the editor').setInputFiles(tempFile('team.playbooks.yaml', yaml));
  const pb = page.getByTestId('playbook-file');
  await expect(pb).toContainText('Playbook: team.playbooks.yaml');
  await expect(pb).toContainText('playbooks for 1 of 4 segments');
  await expect(pb).toContainText('2 problems');
  await expect(page.getByTestId('playbook-uncovered')).toHaveText('Segments of the rules without a playbook: gold, basic, churn_risk');
  const problems = page.getByTestId('playbook-problems').getByRole('listitem');
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0)).toContainText('line 4');
  await expect(problems.nth(0)).toContainText('unknown-key');
  await expect(problems.nth(0)).toContainText("did you mean 'owner'?");
  await expect(problems.nth(1)).toContainText('line 5');
  await expect(problems.nth(1)).toContainText('unknown-segment');
  // the rules themselves are untouched, and the YAML never went to the data
  await expect(page.getByTestId('segments')).toContainText('Platinum');
  await expect(page.getByTestId('staged-file')).toHaveCount(0);
  await expectAccessible(page, 'a playbook with problems');
  await shot(page, info, 'playbook-checked');

  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(pb).toContainText('策略文件：team.playbooks.yaml');
  await expect(page.getByTestId('playbook-uncovered')).toHaveText('规则中没有策略的细分：gold、basic、churn_risk');
  await expect(problems.nth(0)).toContainText('第 4 行');
  await expect(problems.nth(0)).toContainText('未知的键');
  await shot(page, info, 'playbook-zh');

  // a ready-made model brings its own playbooks, which cover its segments
  await page.getByLabel('语言').selectOption('en');
  await page.locator('#library').selectOption('rfm');
  await page.getByRole('button', { name: 'Use model' }).click();
  await expect(pb).toContainText('Playbook: rfm.playbooks.yaml');
  await expect(page.getByTestId('playbook-uncovered')).toHaveText('Every segment of the rules has a playbook.');
});

test('a ready-made model\'s playbook saves like the rules (to a file, then again without asking)', async ({ page }) => {
  await fakeSavePicker(page);
  await openApp(page);
  await page.locator('#library').selectOption('tiers');
  await page.getByRole('button', { name: 'Use model' }).click();
  const pb = page.getByTestId('playbook-file');
  await expect(pb).toContainText('Playbook: tiers.playbooks.yaml');
  await pb.getByRole('button', { name: 'Save playbook' }).click();
  await expect(status(page)).toHaveText('Saved to tiers.playbooks.yaml.');
  expect(await opfsText(page, 'tiers.playbooks.yaml')).toBe(loadLibrary('tiers', 'en').playbooks);
  // the model's rules save under the model's name
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(status(page)).toHaveText('Saved to tiers.seg.');
  expect(await opfsText(page, 'tiers.seg')).toBe(loadLibrary('tiers', 'en').rules);
  await pb.getByRole('button', { name: 'Save playbook' }).click();
  await expect(status(page)).toHaveText('Saved to tiers.playbooks.yaml.');
  expect(await page.evaluate(() => window.pickerCalls)).toBe(2);
});

test('a dropped playbook opens beside the dropped rule file; a recent entry can be removed', async ({ page }) => {
  await openApp(page);
  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File(['segment loyal when F >= 8\nsegment rest otherwise\n'], 'team.seg'));
    d.items.add(new File(['playbooks:\n  loyal:\n    goal: Keep\n'], 'team.yml'));
    return d;
  });
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent('main', 'drop', { dataTransfer: dt });
  await expect(page.getByTestId('rule-file-name')).toHaveText('Rule file: team.seg');
  await expect(page.getByTestId('playbook-file')).toContainText('Playbook: team.yml');
  await expect(page.getByTestId('playbook-uncovered')).toHaveText('Segments of the rules without a playbook: rest');
  await page.getByTestId('recent-files').locator('summary').click();
  const entries = page.getByTestId('recent-file');
  await expect(entries).toHaveCount(2);
  await page.getByRole('button', { name: 'Remove team.yml from the recent files' }).click();
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('team.seg');
  // "Forget all data" empties the list (and what is stored of it)
  await page.getByRole('button', { name: 'Forget all data' }).click();
  await page.getByRole('dialog', { name: 'Forget all data?' }).getByRole('button', { name: 'Erase' }).click();
  await expect(page.getByTestId('recent-files').locator('summary')).toHaveText('Recent files (0)');
  expect(await page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('segmint');
    req.onsuccess = () => {
      const get = req.result.transaction('settings').objectStore('settings').get('recentFiles');
      get.onsuccess = () => resolve(get.result ?? null);
    };
  }))).toBeNull();
});
