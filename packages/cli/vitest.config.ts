import { defineConfig } from 'vitest/config';

// The CLI tests run the built command as a process on real files: seconds, not milliseconds.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 }
});
