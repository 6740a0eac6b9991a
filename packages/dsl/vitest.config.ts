import { defineConfig } from 'vitest/config';

// Property and differential tests run hundreds of cases per test: allow them time on a busy
// CI machine (the whole suite takes about 10 s on an idle 2-core machine).
export default defineConfig({
  test: {
    testTimeout: 60_000
  }
});
