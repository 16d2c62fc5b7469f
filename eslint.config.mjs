// The configuration `yo code` generates (typescript-eslint, naming of imports,
// curly, eqeqeq, no-throw-literal, semi) plus typescript-eslint's recommended
// rules, and no eslint-disable comment without a reason after `--`. One
// deliberate difference: curly is 'multi-line' (yo code: 'all'), so that a
// one-line guard (`if (!node) return;`) stays one line, while a body that
// spans lines needs braces.
import comments from '@eslint-community/eslint-plugin-eslint-comments';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.test-runs/**', 'test/fixtures/**', 'test/simulator/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    plugins: { '@eslint-community/eslint-comments': comments },
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
      '@typescript-eslint/naming-convention': ['warn', { selector: 'import', format: ['camelCase', 'PascalCase'] }],
      curly: ['warn', 'multi-line'],
      eqeqeq: 'warn',
      'no-throw-literal': 'warn',
      semi: 'warn',
      // Plain-JS helpers shared with the scripts (scripts/lib) and the bundles
      // loaded on first use (dist/http.js, dist/lint.js, dist/databaseTokens.js, dist/managementTokenCommands.js) are required on purpose.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['/scripts/lib/', '^\\./(http|lint|databaseTokens|managementTokenCommands|configFileCommands|quickInputs|foundTokens|usingTokens)\\.js$'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
