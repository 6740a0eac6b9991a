// The rule editors (CodeMirror) used like an author would: completion from Ctrl+Space and while
// typing (a data column, a text column's values), hover docs with the data's numbers, format,
// comment toggle, undo across a model replacement, and a whole segment pasted into the quick rule.
import { test, expect, shot, openApp, settled, editorText } from './fixtures.js';
import { expectAccessible } from './axe.js';

const completions = (page: import('@playwright/test').Page) => page.locator('.cm-tooltip-autocomplete');

test('Ctrl+Space completes a data column, then its values; the count follows', async ({ page }, info) => {
  await openApp(page);
  const quick = page.getByLabel('Rule expression');
  await quick.fill('F > 5 and ind');
  await quick.press('End');
  await quick.press('Control+Space');
  const list = completions(page);
  await expect(list).toBeVisible();
  // the column with its type and a few of its values
  const option = list.getByRole('option', { name: /industry/ });
  await expect(option).toContainText('text');
  await shot(page, info, 'completion-column');
  await option.click();
  await expect(quick).toHaveEditorText('F > 5 and industry');
  await quick.press('End');
  await page.keyboard.type(' = ');
  await expect(list).toBeVisible();
  await expect(list.getByRole('option').first()).toContainText("'Healthcare'");
  await list.getByRole('option', { name: /餐饮/ }).click();
  await expect(quick).toHaveEditorText("F > 5 and industry = '餐饮'");
  await settled(page);
  await expect(page.getByTestId('quick-count')).not.toHaveAttribute('data-value', '0');
  await shot(page, info, 'completion-value');
  await expectAccessible(page, 'the quick rule after completing a value');
});

test('hovering a field shows its meaning and the data\'s min, median and max', async ({ page }, info) => {
  await openApp(page);
  const quick = page.getByLabel('Rule expression');
  await quick.fill('M > 1000');
  await quick.click(); // the numbers are computed when an editor gets the focus
  await quick.locator('span', { hasText: /^M$/ }).hover();
  const tip = page.locator('.cm-segmint-hover');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('M · number');
  await expect(tip).toContainText(/min .* median .* max /);
  await shot(page, info, 'hover-field');
});

test('Shift+Alt+F formats the rule file, Ctrl+/ comments a line, Ctrl+Z undoes both', async ({ page }, info) => {
  await openApp(page);
  const file = page.getByLabel('Rule file', { exact: true });
  await file.fill('SEGMENT  vip WHEN R<30 AND   F>5\nsegment rest otherwise');
  await file.press('Shift+Alt+F');
  await expect(file).toHaveEditorText('segment vip when R < 30 and F > 5\nsegment rest otherwise\n');
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+/');
  await expect(file).toHaveEditorText(/^# segment vip when R < 30 and F > 5\n/);
  await shot(page, info, 'formatted-commented');
  await page.keyboard.press('Control+z');
  await expect(file).toHaveEditorText('segment vip when R < 30 and F > 5\nsegment rest otherwise\n');
  await page.keyboard.press('Control+z');
  await expect(file).toHaveEditorText('SEGMENT  vip WHEN R<30 AND   F>5\nsegment rest otherwise');
});

test('undo brings back the rules a ready-made model replaced', async ({ page }, info) => {
  await openApp(page);
  const file = page.getByLabel('Rule file', { exact: true });
  const before = await editorText(file);
  await page.getByLabel('Ready-made model').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Use model' }).click();
  await expect(file).not.toHaveEditorText(before);
  await settled(page);
  await file.click();
  await page.keyboard.press('Control+z');
  await expect(file).toHaveEditorText(before);
  await expect(page.getByTestId('segments')).toContainText('Gold');
  await shot(page, info, 'model-undone');
});

test('a whole segment pasted into the quick rule is offered to the rule file', async ({ page }, info) => {
  await openApp(page);
  const quick = page.getByLabel('Rule expression');
  await quick.click();
  await page.keyboard.press('Control+a');
  // a paste event with the text, as from the clipboard
  await quick.evaluate((el) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', 'segment big_spenders "Big spenders" when M > 5000');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  const offer = page.getByTestId('pasted-segment');
  await expect(offer).toBeVisible();
  await shot(page, info, 'pasted-offer');
  await offer.getByRole('button', { name: 'Add to the rule file' }).click();
  const file = page.getByLabel('Rule file', { exact: true });
  // before the catch-all segment of the example's rule file
  await expect(file).toHaveEditorText(/segment big_spenders "Big spenders" when M > 5000\nsegment \S+ .*otherwise/);
  await expect(page.getByTestId('segments')).toContainText('Big spenders');
});

test('a typo is underlined where it is typed; the quick fix corrects it and the count follows', async ({ page }, info) => {
  await openApp(page);
  const quick = page.getByLabel('Rule expression');
  await quick.fill("F > 5 and industy = 'IT'");
  const squiggle = quick.locator('.cm-lintRange-error');
  await expect(squiggle).toHaveText('industy');
  await expect(page.getByTestId('quick-stale')).toBeVisible();
  await squiggle.hover();
  const tip = page.locator('.cm-tooltip-lint');
  await expect(tip).toContainText('unknown field `industy`');
  await shot(page, info, 'typo-squiggle');
  await tip.locator('.cm-diagnosticAction').first().click();
  await expect(quick).toHaveEditorText("F > 5 and industry = 'IT'");
  await expect(quick.locator('.cm-lintRange-error')).toHaveCount(0);
  await settled(page);
  await expect(page.getByTestId('quick-stale')).toHaveCount(0);
  await expect(page.getByTestId('quick-count')).not.toHaveAttribute('data-value', '0');
  // in the rule file too, with its line number in the gutter marked
  const file = page.getByLabel('Rule file', { exact: true });
  await file.fill('segment loyal when F >= 8 and M_scor > 3\nsegment rest otherwise\n');
  await expect(file.locator('.cm-lintRange-error')).toHaveText('M_scor');
  await expect(page.locator('.cm-gutter-lint .cm-lint-marker-error')).toHaveCount(1);
  await shot(page, info, 'typo-rule-file');
});

test('in Chinese the squiggle\'s message, its fix and the hover docs are Chinese', async ({ page }, info) => {
  await openApp(page);
  await page.getByLabel('Language').selectOption('zh-CN');
  const quick = page.getByLabel('规则表达式');
  await quick.fill('F > 5 and Rx < 3');
  await quick.locator('.cm-lintRange-error').hover();
  const tip = page.locator('.cm-tooltip-lint');
  await expect(tip).toContainText('未知字段');
  await expect(tip.locator('.cm-diagnosticAction').first()).toContainText('替换');
  await shot(page, info, 'zh-squiggle');
  await quick.fill('F > 5');
  await quick.click();
  await quick.locator('span', { hasText: /^F$/ }).hover();
  await expect(page.locator('.cm-segmint-hover')).toContainText('最小');
});
