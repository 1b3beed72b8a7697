import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/dist/**', 'coverage/**', 'test-output/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // DuckDB is reached only through src/engine (ARCHITECTURE: QueryEngine seam).
      'no-restricted-imports': ['error', { patterns: [{ group: ['@duckdb/*'], message: 'Use the QueryEngine in src/engine.' }] }],
    },
  },
  { files: ['src/engine/**'], rules: { 'no-restricted-imports': 'off' } },
);
