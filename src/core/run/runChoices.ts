// What Profile Run… offers: the package.json scripts, the current file run as a script, and the
// current test file through its own runner's CLI (vitest, jest, mocha, else node --test).
export interface RunChoice {
  label: string;
  detail: string;
  /** The command line, run in the project folder. */
  command: string[];
}

const TEST_FILE = /(\.|_|\/)(test|spec)\.[cm]?[jt]sx?$|(^|\/)(test|tests|__tests__)\/.+\.[cm]?[jt]sx?$/;
const SCRIPT_FILE = /\.[cm]?[jt]sx?$/;

interface PackageJson {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export function parsePackageJson(text: string | undefined): PackageJson {
  if (!text) return {};
  try {
    const v = JSON.parse(text) as PackageJson;
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}

/** The test runner's command for one file, by what the project depends on. */
export function testCommand(pkg: PackageJson, file: string): string[] {
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  if (deps.vitest) return ['npx', 'vitest', 'run', file];
  if (deps.jest) return ['npx', 'jest', '--runTestsByPath', file];
  if (deps.mocha) return ['npx', 'mocha', file];
  return ['node', '--test', file];
}

/** `file`: the current editor's file relative to the project folder, if any. */
export function runChoices(pkg: PackageJson, file: string | undefined): RunChoice[] {
  const choices: RunChoice[] = [];
  if (file && TEST_FILE.test(file)) {
    const command = testCommand(pkg, file);
    choices.push({ label: `Test file ${file}`, detail: command.join(' '), command });
  }
  if (file && SCRIPT_FILE.test(file)) {
    const deps = { ...pkg.dependencies, ...pkg.devDependencies };
    const ts = /\.[cm]?tsx?$/.test(file);
    const command = ts && deps.tsx ? ['npx', 'tsx', file] : ['node', file];
    choices.push({ label: `Script ${file}`, detail: command.join(' '), command });
  }
  for (const [name, body] of Object.entries(pkg.scripts ?? {}))
    choices.push({ label: `npm run ${name}`, detail: body, command: ['npm', 'run', name] });
  return choices;
}

/** A command line typed by the user, split like a shell would for plain words and quotes. */
export function splitCommandLine(text: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of text.matchAll(re)) words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]));
  return words;
}
