// ESLint flat config (npm run lint): JavaScript's and typescript-eslint's recommended rules (the
// syntactic set, without type information, so a lint takes seconds) over src/, test/, scripts/,
// bench/ and bin/. Import cycles are checked by madge (npm run cycles).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node's globals that the scripts and sources use (no browser globals). */
const NODE_GLOBALS = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setImmediate', 'structuredClone', 'TextDecoder', 'TextEncoder', 'SharedArrayBuffer', 'Atomics', 'performance', 'queueMicrotask'].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  // The generated validators (npm run validators) are not written by hand.
  { ignores: ['dist/', 'out/', 'node_modules/', 'src/grammar/*.generated.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: NODE_GLOBALS },
    rules: {
      // `_name` marks a value left out on purpose (a destructured field dropped, an unused parameter).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' }],
      // `cond ? a++ : b++` as a statement is a count, not a forgotten call.
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true, allowShortCircuit: true }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // Tests read generated YAML and JSON as loose trees.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
