// Share links: the rules (and playbook) travel in the URL fragment, never any data. A link opens
// read-only with the check's diagnostics; "Use these rules" puts them in the editor (over the
// user's own edits it asks first); a broken or hostile link says why and changes nothing.
import { deflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { test, expect, shot, openApp, APP_URL, editorText } from './fixtures.js';
import { expectAccessible } from './axe.js';

// valid rules with a warning: `b` can never match (every F >= 10 is already F >= 8)
const TEAM = 'segment loyal "Loyal" when F >= 8\nsegment b "Shadowed" when F >= 10\nsegment rest "Everyone else" otherwise\n';
const MINE = 'segment mine "Mine" when R < 10\n';

/** A link made here with Node's own zlib and base64url (not the app's code): the app must read it. */
function linkOf(json: unknown, version = 'v1'): string {
  return `${APP_URL}#share=${version}.${deflateRawSync(Buffer.from(JSON.stringify(json))).toString('base64url')}`;
}

const editor = (page: Page) => page.getByLabel('Rule file', { exact: true });
const view = (page: Page) => page.getByTestId('shared-rules');

/** The page's text of the shared rules exactly (not whitespace-normalised). */
const sharedText = (page: Page) => page.getByTestId('shared-text').evaluate((el) => el.textContent);

/** The page is hidden: the persistence writes what is pending (the edits reach IndexedDB). */
async function flush(page: Page): Promise<void> {
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false })));
  await expect(page.getByTestId('persist-status')).toHaveAttribute('data-state', 'saved');
}

test('edited rules -> share link -> a new page shows them read-only with the check -> "Use these rules" -> editor and counts', async ({ page, context }, info) => {
  // three loads of the app (sender, receiver, the receiver's reload)
  test.setTimeout(240_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await editor(page).fill(TEAM);
  await expect(page.getByTestId('segments')).toContainText('Loyal');
  await page.getByRole('button', { name: 'Share link' }).click();
  const made = page.getByTestId('share-made');
  await expect(made).toContainText('Link copied to the clipboard.');
  const url = await page.getByLabel('Link to these rules').inputValue();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?automation=1#share=v1\.[A-Za-z0-9_-]+$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await expect(page.getByTestId('share-size')).toHaveText(/^Link size: \d+ B$/);
  expect(Number(await page.getByTestId('share-size').getAttribute('data-chars'))).toBe(url.length);
  await expectAccessible(page, 'a share link made');
  await shot(page, info, 'link-made');
  // the sender goes on editing (and it is stored): the receiver's tab opens with these edits
  await editor(page).fill(MINE);
  await expect(made).toHaveCount(0);
  await flush(page);

  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByTestId('dataset-customers')).toBeVisible({ timeout: 60_000 });
  await expect(view(other)).toContainText('Shared rules');
  await expect(view(other)).toContainText('Read-only');
  expect(await sharedText(other)).toBe(TEAM);
  await expect(other.getByTestId('shared-check')).toContainText('(errors: 0, warnings: 1)');
  await expect(other.locator('#shared-diagnostics li')).toHaveCount(1);
  await expect(other.locator('#shared-diagnostics')).toContainText('line 2');
  // nothing changed yet: the editor holds the receiver's own (restored) rules
  await expect(editor(other)).toHaveEditorText(MINE);
  await expect(other.getByTestId('segments')).toContainText('Mine');
  await expectAccessible(other, 'shared rules shown read-only');
  await shot(other, info, 'shared-view');

  await view(other).getByRole('button', { name: 'Use these rules' }).click();
  // the receiver's own edits are not lost silently: asked first
  const offer = other.getByTestId('rule-file-offer');
  await expect(offer).toContainText('shared.seg was opened');
  await expect(view(other)).toHaveCount(0);
  await offer.getByRole('button', { name: 'Replace my rules' }).click();
  await expect(editor(other)).toHaveEditorText(TEAM);
  await expect(other.getByTestId('segments')).toContainText('Loyal');
  await expect(other.getByTestId('segments')).toContainText('Everyone else');
  await expect(other.getByTestId('rule-file-name')).toHaveText('Rule file: shared.seg');
  // the fragment is gone: a reload does not ask again
  expect(new URL(other.url()).hash).toBe('');
  await shot(other, info, 'shared-used');
  await other.reload();
  await expect(other.getByTestId('dataset-customers')).toBeVisible({ timeout: 60_000 });
  await expect(view(other)).toHaveCount(0);
});

test('a link with a name and a playbook, opened on unedited rules, goes straight into the editor', async ({ page }, info) => {
  const rules = 'segment big "Big spenders" when M > 500\nsegment rest otherwise\n';
  // opened on a phone's width: the data panel comes first, the shared rules are brought into view
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(linkOf({ rules, name: 'team.seg', playbook: { name: 'team.playbooks.yaml', text: 'big:\n  goal: keep them\n' } }));
  await expect(page.getByTestId('dataset-customers')).toBeAttached({ timeout: 60_000 });
  await expect(view(page).getByRole('heading', { name: 'Shared rules' })).toBeFocused();
  await expect(view(page).getByRole('heading', { name: 'Shared rules' })).toBeInViewport();
  await expectAccessible(page, 'shared rules at 390 px');
  await shot(page, info, 'shared-390px');
  await page.setViewportSize({ width: 1440, height: 1000 });
  await expect(view(page)).toContainText('Someone shared the rule file team.seg with you, with the playbook team.playbooks.yaml.');
  await expect(page.getByTestId('shared-check')).toContainText('The check found no problems.');
  await view(page).getByText('The shared playbook: team.playbooks.yaml').click();
  await expect(page.getByTestId('shared-playbook')).toHaveText('big:\n  goal: keep them\n');
  await expectAccessible(page, 'shared rules with a playbook');
  await shot(page, info, 'shared-with-playbook');
  // in Chinese, then back
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(view(page)).toContainText('有人与您分享了规则文件 team.seg，附带策略手册 team.playbooks.yaml。');
  await expect(view(page).getByRole('button', { name: '使用这些规则' })).toBeVisible();
  await expectAccessible(page, 'shared rules in Chinese');
  await shot(page, info, 'shared-zh');
  await page.getByLabel('语言').selectOption('en');
  await view(page).getByRole('button', { name: 'Use these rules' }).click();
  await expect(page.getByTestId('rule-file-offer')).toHaveCount(0);
  await expect(editor(page)).toHaveEditorText(rules);
  await expect(page.getByTestId('segments')).toContainText('Big spenders');
  await expect(page.getByTestId('rule-file-name')).toHaveText('Rule file: team.seg');
});

test('hostile links: a clear message, nothing else changes; markup and hidden characters stay text', async ({ page }, info) => {
  await page.goto(`${APP_URL}#share=v1.not*base64`);
  await expect(page.getByTestId('dataset-customers')).toBeVisible({ timeout: 60_000 });
  const before = await editorText(editor(page));
  const error = page.getByTestId('share-error');
  await expect(error).toHaveAttribute('data-code', 'malformed');
  await expect(error).toContainText('This share link cannot be opened');
  await expect(error).toContainText('damaged or incomplete');
  await expect(error).toContainText('Nothing was changed.');
  await expectAccessible(page, 'a broken share link');
  await shot(page, info, 'broken-link');
  await view(page).getByRole('button', { name: 'Dismiss' }).click();
  await expect(view(page)).toHaveCount(0);
  expect(new URL(page.url()).hash).toBe('');

  // typed into the address bar of the open app (hashchange): each failure by its code
  const open = async (href: string) => page.evaluate((h) => (location.hash = h), new URL(href, 'http://x/').hash);
  await open(linkOf({ rules: 'segment a otherwise\n' }, 'v2'));
  await expect(error).toHaveAttribute('data-code', 'version');
  await expect(error).toContainText('another version of Segmint');
  // a decompression bomb: 32 MB of spaces in a ~32 KB link
  await open(`${APP_URL}#share=v1.${deflateRawSync(Buffer.alloc(32 * 1024 * 1024, 0x20)).toString('base64url')}`);
  await expect(error).toHaveAttribute('data-code', 'too-large');
  await open(`${APP_URL}#share=v1.${deflateRawSync(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])).toString('base64url')}`);
  await expect(error).toHaveAttribute('data-code', 'not-text');
  await open(linkOf({ rules: 1, sql: 'DROP TABLE customers' }));
  await expect(error).toHaveAttribute('data-code', 'shape');
  // in Chinese
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(error).toContainText('链接中包含文本，但不是 Segmint 分享的规则。');
  await page.getByLabel('语言').selectOption('en');
  await expect(editor(page)).toHaveEditorText(before);

  // markup, SQL-looking text, a bidi override and a control character: shown as text
  const evil = "segment x \"</script><img src=x onerror=\"window.pwned=1\">\" when R < 1\n-- '; DROP TABLE customers; --\nsegment y \"a\u202Eb\u0007\" otherwise\n";
  await open(linkOf({ rules: evil, name: '<img src=x onerror=window.pwned=2>.seg' }));
  await expect(view(page)).toContainText('Someone shared the rule file <img src=x onerror=window.pwned=2>.seg with you.');
  await expect(page.getByTestId('shared-hidden')).toContainText('2 invisible or direction-changing characters');
  expect(await sharedText(page)).toBe(evil.replace('\u202E', '⟨U+202E⟩').replace('\u0007', '⟨U+0007⟩'));
  await expect(view(page).locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await expect(editor(page)).toHaveEditorText(before);
  await expectAccessible(page, 'shared rules with markup and hidden characters');
  await shot(page, info, 'hostile-text');

  // huge: 900 KB on one line (a 1.2 KB link) is shown in part, checked off the page's thread
  await open(linkOf({ rules: 'x'.repeat(900_000) }));
  await expect(page.getByTestId('shared-cut')).toContainText('Only part of these rules is shown here');
  expect((await sharedText(page))?.length).toBe(501);
  await expect(page.getByTestId('shared-check')).toContainText('(errors: 1, warnings: 0)');
  await expect(editor(page)).toHaveEditorText(before);
});

test('a long link is made with a warning to share the file instead', async ({ page, context }, info) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  // rules that hardly compress: notes of pseudo-random digits (comments: nothing to evaluate)
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const notes = Array.from({ length: 600 }, () => `# ${next().toString(36)}${next().toString(36)}${next().toString(36)}`).join('\n');
  const long = `${notes}\nsegment loyal "Loyal" when F >= 8\nsegment rest otherwise\n`;
  await editor(page).fill(long);
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByTestId('share-size')).toContainText('Consider sharing the .seg file instead.');
  expect(Number(await page.getByTestId('share-size').getAttribute('data-chars'))).toBeGreaterThan(8 * 1024);
  await expectAccessible(page, 'a long share link');
  await shot(page, info, 'long-link');
});
