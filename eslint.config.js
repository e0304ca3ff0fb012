import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.output/', '.wxt/', 'dist/', 'data/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
      // Page content must never become markup in an extension page (see scripts/lint-firefox.mjs).
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never render HTML strings.' },
        { selector: "AssignmentExpression[left.property.name=/^(inner|outer)HTML$/]", message: 'Never render HTML strings.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Never render HTML strings.' },
      ],
    },
  },
  {
    // lib/ is shared by the extension, the server and the CLI, so it may import none of them.
    files: ['lib/**/*.ts', 'lib/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/entrypoints/**', '**/components/**', '**/server/**', '**/cli/**'], message: 'lib/ imports nothing from the extension, server or CLI.' }] },
      ],
    },
  },
  {
    // The server and CLI run in Node: no extension or UI code.
    files: ['server/**/*.ts', 'cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/entrypoints/**', '**/components/**', '#imports', 'wxt/*'], message: 'server/ and cli/ never import browser code.' }] },
      ],
    },
  },
  {
    // Vitest reads a fixture's dependencies from its destructuring pattern, so `({}, use)` is required.
    files: ['tests/**/fixtures.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
