// `activation-lens eval`: not built yet.
import type { CliIo } from '../cli';
import { UsageError } from './args';

export const usage = 'eval <name> <values> [--param k=v ...] [--keras 2|3] [--json]';

export function run(_argv: readonly string[], _io: CliIo): number {
  throw new UsageError('eval is not available yet');
}
