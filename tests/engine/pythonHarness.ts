import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Flow } from '../../src/engine/flow/Flow';
import { flowFromSource } from './executionHarness';

const PYTHON_FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/python');

/** A fixture flow of tests/fixtures/python/<name>.yaml. */
export function pythonFixture(name: string): Flow {
  return flowFromSource(readFileSync(resolve(PYTHON_FIXTURES, `${name}.yaml`), 'utf8'));
}
