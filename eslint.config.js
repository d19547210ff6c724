// typescript-eslint's recommended rules over every TypeScript source, with the few changes
// this codebase chooses (each says why).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/generated/**', 'packages/backend-wasm/assembly/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // An argument kept for its position (`(_, i) => ...`) is named with a leading underscore.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests and the conformance handlers read fixtures and poke at internals of many shapes;
    // the published code keeps `unknown` and narrows it.
    files: ['**/*.test.ts', '**/testing/**', 'apps/conformance/src/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
