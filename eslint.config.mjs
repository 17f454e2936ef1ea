// Boundaries are mechanical: a wrong import fails `npm test`, not a review.
import functional from 'eslint-plugin-functional';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'events', 'url', 'stream'];
const restrict = (patterns, message) =>
  ['error', { patterns: [{ group: patterns, message }] }];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**', 'resources/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': restrict(['electron'], 'Only src/main/index.ts, window.ts, ipc/ and src/preload may import electron.'),
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': restrict(
        [...nodeBuiltins, 'electron', 'react', 'react-dom', 'zustand', '**/hub/**', '**/main/**', '**/renderer/**', '**/preload/**'],
        'src/shared is pure TypeScript: no Node, Electron, React or other layers.',
      ),
    },
  },
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': restrict(
        [...nodeBuiltins, 'electron', '**/hub/**', '**/main/**', '**/preload/**'],
        'The renderer reaches the core only through src/renderer/api.ts and the shared contract.',
      ),
    },
  },
  {
    files: ['src/hub/**'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', 'react', 'react-dom', 'zustand', '**/main/**', '**/renderer/**', '**/preload/**'],
        'The hub is a Node server: it shares only src/shared with the desktop.',
      ),
    },
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/index.ts', 'src/main/window.ts', 'src/main/ipc/**', 'src/main/shell/**', 'src/main/embedded/**'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', 'react', 'react-dom', '**/renderer/**', '**/hub/**'],
        'The desktop core is plain Node: no electron import outside the shell files, no hub internals.',
      ),
    },
  },
  {
    files: ['src/main/index.ts', 'src/main/window.ts', 'src/main/ipc/**', 'src/main/shell/**', 'src/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Routing and the lifecycle are pure decisions over values: no I/O, no store, so they are tested without either.
    files: ['src/hub/routing/**', 'src/hub/lifecycle/**'],
    rules: {
      'no-restricted-imports': restrict(
        [...nodeBuiltins, 'better-sqlite3', 'pg', 'ws', 'fastify', 'electron', 'react', 'react-dom', 'zustand', '**/store/**', '**/services/**', '**/main/**', '**/renderer/**', '**/preload/**'],
        'hub/routing and hub/lifecycle are pure functions: no Node module, no store, no service.',
      ),
    },
  },
  {
    // Routes are the HTTP edge: they call services and readers that app.ts builds, never the database.
    files: ['src/hub/routes/**'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', 'react', 'react-dom', 'zustand', '**/main/**', '**/renderer/**', '**/preload/**', 'better-sqlite3', 'pg', '**/store/database'],
        'A route calls services: no database handle or transaction in src/hub/routes.',
      ),
    },
  },
  {
    // One reader of the transport, so every call goes through the contract's allowlist and result type.
    files: ['src/renderer/**'],
    ignores: ['src/renderer/api.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'warmline', message: 'Only src/renderer/api.ts reads window.warmline; use the api it returns.' },
        { object: 'globalThis', property: 'warmline', message: 'Only src/renderer/api.ts reads window.warmline; use the api it returns.' },
      ],
    },
  },
  {
    // Zustand stores change by replacing state, never in place: selectors and subscribers compare by
    // reference, so a change made in place is one no component sees. Typed, to tell a Map from a record.
    files: ['src/renderer/**/*-store.ts', 'src/renderer/**/live-room.ts'],
    plugins: { functional },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { 'functional/immutable-data': ['error', { ignoreImmediateMutation: true, ignoreClasses: true }] },
  },
  {
    // The hub's store is asynchronous (SQLite and PostgreSQL behind one door): a promise left
    // unawaited is a write that may not have happened when the caller answers 2xx.
    files: ['src/hub/**/*.ts', 'src/main/embedded/**/*.ts', 'test/hub/**/*.ts', 'test/support/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // The embedded hub of demo mode and single-seat installs: the one place the desktop composes the hub.
    files: ['src/main/embedded/**'],
    rules: { 'no-restricted-imports': restrict(['electron', 'react', 'react-dom', '**/renderer/**'], 'Embedded hub composition is plain Node.') },
  },
);
