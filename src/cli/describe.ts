// `activation-lens describe`: not built yet.
import type { CliIo } from '../cli';
import { UsageError } from './args';

export const usage = 'describe <name> [--param k=v ...] [--format markdown|json]';

export function run(_argv: readonly string[], _io: CliIo): number {
  throw new UsageError('describe is not available yet');
}
