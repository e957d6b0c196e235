// `activation-lens run`: not built yet.
import type { CliIo } from '../cli';
import { UsageError } from './args';

export const usage = 'run <file> [--json]';

export function run(_argv: readonly string[], _io: CliIo): number {
  throw new UsageError('run is not available yet');
}
