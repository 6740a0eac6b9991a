// Loading files in the workbench like a person: choose files (or a folder, or drop them), see
// each one's guessed role, change roles, press "Load files" and wait for the data set.
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

/** Choose `paths` and load them with their guessed roles. */
export async function loadFiles(page: Page, paths: string | string[], timeout?: number): Promise<void> {
  await stageFiles(page, paths);
  await loadStaged(page, timeout);
}
