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

/** A test's name as a pattern every runner reads as a regular expression matching just that text. */
const namePattern = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The test runner's command for one file (and one test of it, by name), by what the project
 * depends on: each runner through its own CLI and its own filter.
 */
export function testCommand(pkg: PackageJson, file: string, testName?: string): string[] {
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  const pattern = testName === undefined ? undefined : namePattern(testName);
  const filter = (flag: string) => (pattern === undefined ? [] : [flag, pattern]);
  if (deps.vitest) return ['npx', 'vitest', 'run', file, ...filter('-t')];
  if (deps.jest) return ['npx', 'jest', '--runTestsByPath', file, ...filter('-t')];
  if (deps.mocha) return ['npx', 'mocha', file, ...filter('--grep')];
  return ['node', '--test', ...(pattern === undefined ? [] : [`--test-name-pattern=${pattern}`]), file];
}

const TEST_CALL = /\b(?:test|it)(?:\.(?:only|skip|todo|concurrent))?\s*\(\s*(['"`])((?:\\.|(?!\1).)*)\1/;

/** The name of the test whose call is nearest above `line` (0-based), if the file has one there. */
export function testNameAt(lines: readonly string[], line: number): string | undefined {
  for (let i = Math.min(line, lines.length - 1); i >= 0; i--) {
    const m = TEST_CALL.exec(lines[i]);
    if (m) return m[2].replace(/\\(.)/g, '$1');
  }
  return undefined;
}

/**
 * `file`: the current editor's file relative to the project folder, if any; `testName`: the test
 * under the cursor in it.
 */
export function runChoices(pkg: PackageJson, file: string | undefined, testName?: string): RunChoice[] {
  const choices: RunChoice[] = [];
  if (file && testName !== undefined && TEST_FILE.test(file)) {
    const command = testCommand(pkg, file, testName);
    choices.push({ label: `Test "${testName}"`, detail: command.join(' '), command });
  }
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
