// The Strategy view (issue 12, playbooks): a ready-made model brings its playbooks, shown per
// segment; the edit form writes the playbook YAML (comments kept), which the YAML view shows and
// the download gives; a segment without a playbook is pointed out and "Add a playbook" adds one;
// a rule file alone can start a playbook file; a broken YAML shows its diagnostic with line and
// column; the view in Chinese and at phone width. Each test has its own page.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, shot, openApp } from './fixtures.js';
import { expectAccessible } from './axe.js';
import { dropTexts } from './load.js';
import { loadLibrary, parsePlaybooks, setPlaybookField, setPlaybookKpis } from '@segmint/strategy';

/** Choose a ready-made model in the rules card, then open the Strategy tab. */
async function useModel(page: Page, id: string, tab = 'Strategy', button = 'Use model'): Promise<void> {
  await page.locator('#library').selectOption(id);
  await page.getByRole('button', { name: button }).click();
  await page.getByRole('tab', { name: tab }).click();
}

const cards = (page: Page) => page.getByTestId('playbook-card');
const card = (page: Page, segment: string) => page.locator(`[data-testid="playbook-card"][data-segment="${segment}"]`);
const yamlText = (page: Page) => page.locator('#playbook-yaml');

test('choosing a model shows each of its segments with its playbook from the YAML', async ({ page }, info) => {
  await openApp(page);
  await useModel(page, 'tiers');
  const view = page.getByTestId('strategy-view');
  await expect(view.getByTestId('strategy-file')).toHaveText('Playbook file: tiers.playbooks.yaml');
  await expect(view.getByTestId('strategy-coverage')).toHaveText('playbooks for 4 of 4 segments');
  await expect(cards(page)).toHaveCount(4);
  await expect(cards(page).locator('h3')).toHaveText(['Platinum strategic', 'Gold potential', 'Iron basic', 'Churn risk']);
  const gold = card(page, 'gold');
  await expect(gold.getByTestId('playbook-goal')).toHaveText('Lift annual purchases of gold customers to the platinum level');
  await expect(gold).toContainText('Tiered discount once a purchase volume is reached');
  await expect(gold).toContainText('Sales team 2');
  await expect(gold).toContainText('reviewed at each quarter end');
  await expect(gold.getByTestId('playbook-kpis').getByRole('listitem')).toHaveText(['Customers reaching the target · target >= 30%', 'Average purchase · target +20%', 'Repurchase rate · target >= 60% (repurchase rate)']);
  // the live counts of the rule file beside each segment
  await expect(gold.getByTestId('playbook-card-count')).toContainText('customers');
  await expect(view.getByTestId('strategy-missing')).toHaveText('Every segment of the rules has a playbook.');
  await expectAccessible(page, 'the Strategy view with a model\'s playbooks');
  await shot(page, info, 'model-playbooks');
});

test('editing a goal and a KPI target writes the YAML (comments kept), which the download gives', async ({ page }, info) => {
  await openApp(page);
  await useModel(page, 'tiers');
  const goal = "Lift gold to 900k: the board's # target";
  await page.getByRole('button', { name: 'Edit the playbook of Gold potential' }).click();
  const form = page.getByTestId('playbook-form');
  await expect(form.getByLabel('Goal')).toHaveValue('Lift annual purchases of gold customers to the platinum level');
  await form.getByLabel('Goal').fill('');
  await expect(form).toContainText('A goal is required');
  await form.getByLabel('Goal').fill(goal);
  await form.getByLabel('KPI 1: target').fill('>= 40%');
  await form.getByLabel('KPI 2: metric').selectOption('aov');
  // "+20%" cannot be compared with a metric: said, not refused
  await expect(form).toContainText('The report cannot compare the target of KPI 2 with its metric');
  await expectAccessible(page, 'the playbook form');
  await shot(page, info, 'form');
  await form.getByRole('button', { name: 'Save to YAML' }).click();
  await expect(form).toHaveCount(0);
  await expect(card(page, 'gold').getByTestId('playbook-goal')).toHaveText(goal);
  await expect(card(page, 'gold').getByTestId('playbook-kpis').getByRole('listitem').first()).toHaveText('Customers reaching the target · target >= 40%');

  const before = loadLibrary('tiers', 'en').playbooks;
  const gold = parsePlaybooks(before).file!.playbooks.find((p) => p.segment === 'gold')!;
  const kpis = gold.kpis.map((k, i) => (i === 0 ? { ...k, target: '>= 40%' } : i === 1 ? { ...k, metric: 'aov' as const } : k));
  const expected = setPlaybookKpis(setPlaybookField(before, 'gold', 'goal', goal), 'gold', kpis);
  await page.getByRole('button', { name: 'YAML', exact: true }).click();
  await expect(yamlText(page)).toHaveValue(expected);
  const text = await yamlText(page).inputValue();
  // the file's comments are still there, and only the edited lines changed
  for (const line of before.split('\n').filter((l) => l.startsWith('#'))) expect(text).toContain(line);
  expect(text).toContain('      - { name: Customers reaching the target, target: ">= 40%" }\n      - { name: Average purchase, target: "+20%", metric: aov }\n');
  expect(text.split('\n').filter((l, i) => l !== before.split('\n')[i])).toHaveLength(3);
  await expect(page.getByTestId('playbook-yaml-ok')).toBeVisible();
  await shot(page, info, 'yaml-after-edit');

  const download = page.waitForEvent('download');
  await page.getByTestId('strategy-view').getByRole('button', { name: 'Download playbook' }).click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('tiers.playbooks.yaml');
  expect(readFileSync((await d.path())!, 'utf8')).toBe(expected);
  await expect(page.getByTestId('strategy-status')).toHaveText('Downloaded tiers.playbooks.yaml.');
});

test('a segment without a playbook is pointed out, and "Add a playbook" adds one', async ({ page }, info) => {
  await openApp(page);
  await dropTexts(page, {
    'team.seg': 'segment loyal "Loyal 忠诚" when F >= 8\nsegment sleepy "Sleepy" when R > 200\nsegment rest otherwise\n',
    'team.yml': '# our team\nplaybooks:\n  loyal:\n    goal: Keep them # always\n  rest:\n    goal: Grow\n'
  });
  await expect(page.getByTestId('playbook-file')).toContainText('Playbook: team.yml');
  await page.getByRole('tab', { name: 'Strategy' }).click();
  const view = page.getByTestId('strategy-view');
  await expect(view.getByTestId('strategy-missing')).toHaveText('⚠ Segments without a playbook: Sleepy');
  await expect(card(page, 'sleepy').getByTestId('playbook-missing')).toContainText('This segment has no playbook.');
  await expectAccessible(page, 'a segment without a playbook');
  await shot(page, info, 'missing');
  await page.getByRole('button', { name: 'Add a playbook for Sleepy' }).click();
  const form = page.getByTestId('playbook-form');
  await expect(form.getByLabel('Goal')).toHaveValue('Set the goal for Sleepy');
  await form.getByLabel('Goal').fill('Wake them up');
  await form.getByLabel('Measure 1', { exact: true }).fill('"We miss you" coupon');
  await form.getByLabel('Owner').fill('CRM team');
  await form.getByLabel('KPI 1: name').fill('Back within 30 days');
  await form.getByLabel('KPI 1: target').fill('>= 15%');
  await form.getByLabel('KPI 1: metric').selectOption('share');
  await form.getByRole('button', { name: 'Save to YAML' }).click();
  await expect(card(page, 'sleepy').getByTestId('playbook-goal')).toHaveText('Wake them up');
  await expect(view.getByTestId('strategy-missing')).toHaveText('Every segment of the rules has a playbook.');
  await view.getByRole('button', { name: 'YAML', exact: true }).click();
  await expect(yamlText(page)).toHaveValue(
    `# our team\nplaybooks:\n  loyal:\n    goal: Keep them # always\n  sleepy:\n    goal: Wake them up\n    measures:\n      - '"We miss you" coupon'\n    owner: CRM team\n    kpis:\n      - { name: Back within 30 days, target: ">= 15%", metric: share }\n  rest:\n    goal: Grow\n`
  );
  await shot(page, info, 'added');
});

test('a rule file without playbooks can start a playbook file named after it', async ({ page }, info) => {
  await openApp(page);
  await dropTexts(page, { 'team.seg': 'segment loyal "Loyal" when F >= 8\nsegment rest otherwise\n' });
  await expect(page.getByTestId('rule-file-name')).toHaveText('Rule file: team.seg');
  await page.getByRole('tab', { name: 'Strategy' }).click();
  const start = page.getByTestId('strategy-start');
  await expect(start).toContainText('There is no playbook file beside the rules yet.');
  await expect(start).toContainText('Creates team.playbooks.yaml');
  await expectAccessible(page, 'no playbook file');
  await shot(page, info, 'no-playbook-file');
  await start.getByRole('button', { name: 'Start a playbook file' }).click();
  await expect(page.getByTestId('strategy-file')).toHaveText('Playbook file: team.playbooks.yaml');
  await expect(cards(page).getByTestId('playbook-goal')).toHaveText(['Set the goal for Loyal', 'Set the goal for rest']);
  await page.getByRole('button', { name: 'YAML', exact: true }).click();
  await expect(yamlText(page)).toHaveValue(/^# Playbooks for team\.seg: .*\n# KPI metrics the report computes: .*\nlang: en\nrules: team\.seg\nplaybooks:\n  loyal:\n    goal: Set the goal for Loyal\n  rest:\n    goal: Set the goal for rest\n$/);
  // the rules card's playbook line knows it too (saving there saves this text)
  await page.getByRole('tab', { name: 'Segments' }).click();
  await expect(page.getByTestId('playbook-file')).toContainText('Playbook: team.playbooks.yaml');
});

test('a broken YAML shows its diagnostic with line and column, like the rules\'', async ({ page }, info) => {
  await openApp(page);
  await useModel(page, 'tiers');
  await page.getByRole('button', { name: 'YAML', exact: true }).click();
  await yamlText(page).fill('playbooks:\n  platinum:\n    goal: a\n  platinum:\n    goal: b\n');
  const diags = page.getByTestId('playbook-diagnostics').getByRole('listitem');
  await expect(diags).toHaveCount(1);
  await expect(diags.first().locator('.where')).toHaveText('line 4, column 3');
  await expect(diags.first()).toContainText('a key appears twice in the same mapping');
  await expect(diags.first()).toContainText('each segment may have one playbook; merge the two entries');
  await expect(yamlText(page)).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'a broken playbook YAML');
  await shot(page, info, 'broken-yaml');
  // the cards say why there are none, with the same diagnostic
  await page.getByRole('button', { name: 'Cards', exact: true }).click();
  await expect(page.getByTestId('strategy-broken')).toBeVisible();
  await expect(cards(page)).toHaveCount(0);
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByTestId('playbook-diagnostics').getByRole('listitem').first()).toContainText('第 4 行，第 3 列');
  await expect(page.getByTestId('playbook-diagnostics').getByRole('listitem').first()).toContainText('同一个映射中有重复的键');
  await shot(page, info, 'broken-yaml-zh');
});

test('the Strategy view in Chinese, and at phone width', async ({ page }, info) => {
  await openApp(page);
  await page.getByLabel('Language').selectOption('zh-CN');
  await useModel(page, 'tiers', '策略', '使用模型');
  const view = page.getByTestId('strategy-view');
  await expect(view.getByRole('heading', { level: 2 })).toHaveText('策略');
  await expect(view.getByTestId('strategy-file')).toHaveText('策略文件：tiers.playbooks.yaml');
  await expect(cards(page).locator('h3')).toHaveText(['铂金战略客户', '黄金潜力客户', '铁杆基础客户', '流失风险客户']);
  await expect(card(page, 'gold').getByTestId('playbook-goal')).toHaveText('推动年采购额提升至铂金水平');
  await expect(card(page, 'gold')).toContainText('负责人');
  await expect(card(page, 'gold')).toContainText('目标值 >= 60%');
  await expect(view.getByTestId('strategy-missing')).toHaveText('规则中的每个细分都有策略。');
  await expectAccessible(page, 'the Strategy view in Chinese');
  await shot(page, info, 'zh');
  await page.getByRole('button', { name: '编辑 黄金潜力客户 的策略' }).click();
  await expect(page.getByTestId('playbook-form').getByLabel('KPI 1：目标值')).toHaveValue('>= 30%');
  await shot(page, info, 'zh-form');
  await page.setViewportSize({ width: 390, height: 900 });
  await expectAccessible(page, 'the playbook form at phone width');
  await shot(page, info, 'zh-form-390');
  // the form itself, at the size a phone shows it
  const box = (await page.getByTestId('playbook-form').boundingBox())!;
  const top = box.y + (await page.evaluate(() => window.scrollY));
  await page.screenshot({ path: info.outputPath('zh-form-390-close.png'), fullPage: true, clip: { x: 0, y: Math.max(0, top - 80), width: 390, height: Math.min(box.height + 100, 1400) } });
  await page.getByRole('button', { name: '取消' }).click();
  await shot(page, info, 'zh-390');
});
