// `activation-lens` command line: the same pure layers as the extension, for terminals and tests.
function main(argv: readonly string[]): number {
  const [command] = argv;
  process.stderr.write(`error: unknown command '${command ?? ''}'; expected one of: eval, scan, describe, run\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
