import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'build',
      'dist',
      'dist-preview',
      'scripts/**/*.js',
      // Plain CommonJS run by jest and worker threads outside the TypeScript project.
      'test/global-setup.js',
      'test/peer/exceljs-worker.js',
      'coverage',
      'reports',
      '.stryker-tmp',
      'out',
      'test-results',
      'bin',
      '*.config.js',
      '*.config.mjs',
      'stryker.config.mjs',
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
      // `onClick={() => setOpen(true)}` is the React idiom, not a confusion.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // Bureau text is rendered as text, never as markup.
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Render bureau text as text.',
        },
      ],
    },
  },
  {
    // Office.js is reached only through the adapter (style: Office stays behind one module).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/excel/**'],
    rules: { 'no-restricted-globals': ['error', 'Excel'] },
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
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts', 'test/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
