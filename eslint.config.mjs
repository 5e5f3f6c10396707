import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'build',
      'dist',
      'coverage',
      'out',
      'test-results',
      'bin',
      '*.config.js',
      '*.config.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    // The core is pure: the same code runs in the task pane and on the command line,
    // so it may not reach React, Office.js, exceljs or Node.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', '@fluentui/*'],
              message: 'src/core must not import React.',
            },
            {
              group: ['exceljs', 'fflate', 'saxes'],
              message: 'src/core must not import file libraries; use src/xlsx.',
            },
            {
              group: ['@microsoft/office-js', 'office-*'],
              message: 'src/core must not import Office.js; use src/excel.',
            },
            {
              group: [
                'node:*',
                'fs',
                'path',
                'os',
                'crypto',
                'child_process',
                'stream',
                'zlib',
                'util',
                'worker_threads',
              ],
              message: 'src/core must not import Node modules.',
            },
            {
              group: [
                '../xlsx/*',
                '../excel/*',
                '../taskpane/*',
                '../../xlsx/*',
                '../../excel/*',
                '../../taskpane/*',
              ],
              message: 'src/core must not depend on adapters.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Excel', 'Office', 'process', 'require', 'Buffer'],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
