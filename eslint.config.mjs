// Layering as DESIGN.md draws it; a wrong import fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'net', 'dgram', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'stream', 'events', 'util', 'crypto', 'url', 'readline', 'worker_threads', 'perf_hooks', 'dns', 'zlib', 'buffer', 'process'];
const electron = ['electron', 'electron/*'];
const react = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', '.netlab-tmp/**', 'docs/**/*.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src-shared/**'],
    languageOptions: { globals: {} },
    rules: restrict(
      [...nodeBuiltins, ...electron, ...react, '**/src-main/**', '**/src-renderer/**', '../src-main/**', '../src-renderer/**'],
      'src-shared imports nothing outside itself: no Node, DOM, electron or React (STYLE.md).',
    ),
  },
  {
    files: ['src-main/engine/**', 'src-main/cli/**', 'src-main/web/**'],
    rules: restrict(
      [...electron, ...react, '**/src-renderer/**', '**/electron/**'],
      'engine, cli and web are plain Node: no electron, React or renderer code (DESIGN.md).',
    ),
  },
  {
    // The engine is under every face: it never reaches up into the bridge or a face.
    files: ['src-main/engine/**'],
    rules: restrict(
      [...electron, ...react, '**/src-renderer/**', '**/electron/**', '**/bridge/**', '**/web/**', '**/cli/**'],
      'the engine is plain Node under every face: no bridge, face, electron, React or renderer code (DESIGN.md).',
    ),
  },
  {
    // The one bridge core: src-shared and the engine below it, the faces (electron, web, cli) above.
    files: ['src-main/bridge/**'],
    rules: restrict(
      [...electron, ...react, '**/src-renderer/**', '**/electron/**', '**/web/**', '**/cli/**'],
      'the bridge core imports src-shared and src-main/engine only: no electron, face, React or renderer code (DESIGN.md).',
    ),
  },
  {
    files: ['src-main/electron/**'],
    rules: restrict([...react, '**/src-renderer/**'], 'the Electron shell talks to the renderer over IPC only.'),
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [...nodeBuiltins, ...electron, 'ws', '**/src-main/**', '../src-main/**'],
        'the renderer runs in a browser: it reaches the engine only through LabApi (DESIGN.md).',
      ),
    },
  },
);
