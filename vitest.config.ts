import { defineConfig } from 'vitest/config';

// Page tests choose a simulated DOM per file with a `// @vitest-environment happy-dom` docblock.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
