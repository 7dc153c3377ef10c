// Lint rules that enforce the architecture (ARCHITECTURE.md): they fail, never warn.
import tseslint from 'typescript-eslint';

const layers = ['engine', 'cli', 'lessons', 'protocol', 'worker', 'ui', 'node'];

/** Import patterns that reach into the given layers, whatever the relative depth. */
const into = (...names) => names.flatMap((n) => [`**/${n}/**`, `**/${n}`]);

/** What each layer may not import (dependencies point ui → protocol ← worker → lessons → cli → engine). */
const forbidden = {
  engine: into('cli', 'lessons', 'protocol', 'worker', 'ui', 'node'),
  cli: into('lessons', 'protocol', 'worker', 'ui', 'node'),
  lessons: into('protocol', 'worker', 'ui', 'node'),
  protocol: into('cli', 'lessons', 'worker', 'ui', 'node'),
  worker: into('ui', 'node'),
  node: into('protocol', 'worker', 'ui'),
};

const pureLayerRules = {
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'Time is virtual: schedule an event on the simulation queue.' },
    { name: 'setInterval', message: 'Time is virtual: schedule an event on the simulation queue.' },
    { name: 'Date', message: 'Read time from the simulation clock; format it with engine/util/time.' },
    { name: 'document', message: 'The pure layers have no DOM.' },
    { name: 'window', message: 'The pure layers have no DOM.' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the simulation\'s seeded random source.' },
    { object: 'Date', property: 'now', message: 'Read time from the simulation clock.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'public/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  ...layers
    .filter((layer) => forbidden[layer])
    .map((layer) => ({
      files: [`src/${layer}/**/*.ts`, `src/${layer}/**/*.tsx`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: forbidden[layer],
                message: `src/${layer} may not import from this layer (see ARCHITECTURE.md).`,
              },
            ],
          },
        ],
      },
    })),
  {
    // The page may describe engine objects with `import type`, never run engine code.
    files: ['src/ui/**/*.ts', 'src/ui/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: into('engine', 'cli', 'lessons'),
              allowTypeImports: true,
              message: 'The page talks to the Worker through src/protocol; only `import type` from the engine.',
            },
            { group: into('worker', 'node'), message: 'The page reaches the Worker only through src/protocol.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/cli/**/*.ts', 'src/lessons/**/*.ts'],
    // Tests may build fixtures with Date.UTC; time.ts is the one sanctioned formatter.
    ignores: ['src/engine/util/time.ts', '**/*.test.ts', '**/testing.ts', '**/testCluster.ts'],
    rules: pureLayerRules,
  },
);
