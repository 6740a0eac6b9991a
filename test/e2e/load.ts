// Loading files in the workbench like a person: choose files (or a folder, or drop them), see
// each one's guessed role, change roles, press "Load files" and wait for the data set.
import { basename } from 'node:path';
import { expect, type Page } from '@playwright/test';

/** Choose files with the file picker ("Choose files…"); they are staged with their roles. */
export async function stageFiles(page: Page, paths: string | string[]): Promise<void> {
  await page.getByLabel('Choose data files').setInputFiles(paths);
  await staged(page);
}

/** Choose a folder with the folder picker ("Choose a folder…"). */
export async function stageFolder(page: Page, dir: string): Promise<void> {
  await page.getByLabel('Choose a folder of data files').setInputFiles(dir);
  await staged(page);
}

/** Waits until every staged file has its guessed role. */
export async function staged(page: Page): Promise<void> {
  await expect(page.getByTestId('staging')).toBeVisible();
  await expect(page.getByText(/^Reading the first rows of/)).toHaveCount(0, { timeout: 60_000 });
}

/** The role select of a staged file (by its path as shown). */
export function roleOf(page: Page, path: string) {
  return page.getByLabel(`Role of ${path}`, { exact: true });
}

/** Press "Load files" and wait until the load is over: loaded (the list is cleared), failed (an
 * alert) or cancelled. */
export async function loadStaged(page: Page, timeout = 60_000): Promise<void> {
  await page.getByRole('button', { name: 'Load files', exact: true }).click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="staging"]') || document.querySelector('.load-error, [data-testid="load-cancelled"]'), null, { timeout });
  await expect(page.getByLabel('Choose data files')).toBeEnabled({ timeout });
}

/** Set every staged file's role, by path (as shown), e.g. { 'a.csv': 'Orders', 'b.csv': 'Customers' }. */
export async function setRoles(page: Page, roles: Record<string, 'Orders' | 'Customers' | 'Ignore'>): Promise<void> {
  for (const [path, role] of Object.entries(roles)) await roleOf(page, path).selectOption({ label: role });
}

/** Choose `path` as the orders file (whatever its guessed role: a broken file is guessed
 * "ignored", and loading it as orders must say why it cannot be loaded) and press "Load files". */
export async function loadOrders(page: Page, path: string, customers?: string): Promise<void> {
  await stageFiles(page, customers ? [path, customers] : path);
  await setRoles(page, { [basename(path)]: 'Orders', ...(customers ? { [basename(customers)]: 'Customers' as const } : {}) });
  await loadStaged(page);
}

/** Drops a file with this text onto the page, as a user drags it from the desktop, then loads it
 * as the orders file. */
export async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, text }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'text/csv' }));
      return dt;
    },
    { name, text }
  );
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await staged(page);
  await setRoles(page, { [name]: 'Orders' });
  await loadStaged(page);
}

/** Drops files (name -> text) onto the page, as from the desktop (nothing else is done). */
export async function dropTexts(page: Page, files: Record<string, string>): Promise<void> {
  const dataTransfer = await page.evaluateHandle((fs) => {
    const d = new DataTransfer();
    for (const [n, text] of Object.entries(fs)) d.items.add(new File([text], n));
    return d;
  }, files);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
}

/** Choose `paths` and load them with their guessed roles. */
export async function loadFiles(page: Page, paths: string | string[], timeout?: number): Promise<void> {
  await stageFiles(page, paths);
  await loadStaged(page, timeout);
}
