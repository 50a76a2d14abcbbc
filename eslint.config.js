// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.neo4j/',
      'src/generated/',
      'web/src/gql/',
      'web/dist/',
      'bench/results/',
      'eval/results/',
      '.stryker-tmp/',
      'reports/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // Dependencies point one way: the domain (src/) never imports the GraphQL layer (resolvers/).
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/resolvers/**', '../resolvers/*', '../../resolvers/*'],
              message: 'src/ must not import resolvers/',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/trust/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['neo4j-driver', 'graphql', '@apollo/*', '../../db/*', '../../*'],
              message: 'the trust engine is pure: typed arrays in, numbers out',
            },
          ],
        },
      ],
    },
  },
);
