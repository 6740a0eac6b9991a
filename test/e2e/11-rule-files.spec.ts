// A rule file (.seg) dropped or chosen opens in the rule editor, never as data; over the user's
// own edits it is offered first, and nothing typed is lost without the user saying so.
import { test, expect, shot, openApp, tempFile } from './fixtures.js';
import { expectAccessible } from './axe.js';
import { staged, dropTexts } from './load.js';

const TEAM = 'segment loyal "Loyal" when F >= 8\nsegment rest otherwise\n';

const drop = dropTexts;

test('a dropped .seg opens in the rule editor and is counted; the data file beside it is staged as data', async ({ page }, info) => {
  await openApp(page);
  await drop(page, { 'team.seg': TEAM, 'shop.csv': 'order_id,customer_id,order_date,amount\n1,A,2024-01-01,5\n' });
  await expect(page.getByLabel('Rule file', { exact: true })).toHaveEditorText(TEAM);
  await expect(page.getByTestId('rule-file-name')).toHaveText('Rule file: team.seg');
  await expect(page.getByTestId('segments')).toContainText('Loyal');
  await staged(page);
  await expect(page.getByTestId('staged-file')).toHaveCount(1);
  await expect(page.getByTestId('staged-file')).toContainText('shop.csv');
  await shot(page, info, 'seg-opened');
});

test('over the user\'s edits a rule file is offered: keep them, or replace them', async ({ page }, info) => {
  await openApp(page);
  const editor = page.getByLabel('Rule file', { exact: true });
  const mine = 'segment mine when R < 10\n';
  await editor.fill(mine);
  await drop(page, { 'team.seg': TEAM });
  const offer = page.getByTestId('rule-file-offer');
  await expect(offer).toContainText('team.seg was opened');
  await expect(editor).toHaveEditorText(mine);
  await expectAccessible(page, 'a rule file offered over the user\'s edits');
  await shot(page, info, 'seg-offered');
  await offer.getByRole('button', { name: 'Keep my rules' }).click();
  await expect(offer).toHaveCount(0);
  await expect(editor).toHaveEditorText(mine);
  await drop(page, { 'team.seg': TEAM });
  await page.getByTestId('rule-file-offer').getByRole('button', { name: 'Replace my rules' }).click();
  await expect(editor).toHaveEditorText(TEAM);
  await expect(page.getByTestId('segments')).toContainText('Loyal');
});

test('"Open a .seg file…" opens a rule file chosen with the picker', async ({ page }, info) => {
  await openApp(page);
  await page.getByLabel('Choose a .seg file to open in the editor').setInputFiles(tempFile('picked.seg', TEAM));
  await expect(page.getByLabel('Rule file', { exact: true })).toHaveEditorText(TEAM);
  await expect(page.getByTestId('rule-file-name')).toHaveText('Rule file: picked.seg');
  await expect(page.getByTestId('segments')).toContainText('Loyal');
  await expectAccessible(page, 'a rule file opened with the picker');
  await shot(page, info, 'seg-picked');
});
