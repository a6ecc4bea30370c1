// `hotline` on the command line: the same engines as the extension, for terminals and CI. The
// commands are the rows of src/cli/commands.ts; this is the entry: help, errors, exit codes.
import { ownArgCount, parseArgs, UsageError } from './cli/args';
import { COMMANDS, USAGE, usageLine } from './cli/commands';

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`hotline: unknown command ${name}\n${USAGE}`);
    return 2;
  }
  // A command line handed on (`hotline run -- node x.js --help`) keeps its own --help.
  const dashes = rest.indexOf('--');
  const own = command.passThrough ? rest.slice(0, ownArgCount(rest)) : dashes >= 0 ? rest.slice(0, dashes) : rest;
  if (own.includes('--help') || own.includes('-h')) {
    console.log(`usage: ${usageLine(name)}`);
    return 0;
  }
  // Ctrl-C cancels the run (each command's own handler); whatever it printed, the exit code says so.
  let interrupted = false;
  process.on('SIGINT', () => (interrupted = true));
  try {
    const code = await command.run(parseArgs(rest, name, command.options, command.passThrough));
    return interrupted ? 130 : code;
  } catch (e) {
    if (interrupted) return 130;
    if (!(e instanceof UsageError)) {
      console.error(`hotline: ${(e as Error).message}`);
      return 1;
    }
    console.error(`hotline: ${e.message}\nusage: ${usageLine(name)}\n(hotline --help describes every command)`);
    return 2;
  }
}

if (require.main === module) {
  // Killed politely (a closed terminal, `kill`, a CI timeout): leave through process.exit so that
  // the run's processes are ended (the runner is in a session of its own and hears nothing itself).
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)
    process.on(signal, () => process.exit(code));
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
