// `activation-lens scan`: not built yet.
import type { CliIo } from '../cli';
import { UsageError } from './args';

export const usage = 'scan <file> [--language python|typescript|javascript]';

export function run(_argv: readonly string[], _io: CliIo): number {
  throw new UsageError('scan is not available yet');
}
