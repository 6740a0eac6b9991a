// One lint config for every workspace: typescript-eslint's recommended rules, plus the
// project's own: no explicit `any` without a disable comment saying why.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/build/**', '**/.svelte-kit/**', '**/generated/**', '**/node_modules/**', '**/*.svelte', 'test-results/**']
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  }
);
