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
      // `new (...args: any[]) => T` is how TypeScript spells "any class of T".
      '@typescript-eslint/no-explicit-any': ['error', { ignoreRestArgs: true }],
      // CONTRIBUTING.md's naming rule: PyTorch's names in camelCase. In-place functions keep
      // PyTorch's trailing underscore (`kaimingUniform_`); values may name classes
      // (`Optim`) or constants (`MAX_PAGES`); keys are free, because files and registries
      // keep PyTorch's own (`param_groups`, `LogSoftmax`); `x.T` is PyTorch's transpose.
      '@typescript-eslint/naming-convention': ['error',
        { selector: 'accessor', filter: { regex: '^T$', match: true }, format: null },
        { selector: ['function', 'classMethod', 'typeMethod', 'accessor'], format: ['camelCase'], trailingUnderscore: 'allow' },
        { selector: 'parameter', format: ['camelCase', 'PascalCase'], leadingUnderscore: 'allow' },
        { selector: 'variable', format: ['camelCase', 'UPPER_CASE', 'PascalCase'], leadingUnderscore: 'allow', trailingUnderscore: 'allow' },
        { selector: 'typeLike', format: ['PascalCase'] },
      ],
    },
  },
  {
    // Tests and the conformance handlers read fixtures and poke at internals of many shapes;
    // the published code keeps `unknown` and narrows it.
    files: ['**/*.test.ts', '**/testing/**', 'apps/conformance/src/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
