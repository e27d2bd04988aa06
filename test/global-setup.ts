/** Runs once before all tests: screenshots go to test-output/ (git-ignored). */
import { mkdirSync } from 'node:fs';

export default function setup(): void {
  mkdirSync('test-output/screenshots', { recursive: true });
}
