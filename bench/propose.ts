// How often the first proposal runs, on real libraries: every exported function and public method
// of each library's sources gets `hotline propose` (the editor's proposal), which is run once as
// proposed. Prints, per library, how many ran and where their arguments came from.
//   node --import tsx bench/propose.ts [<library folder> …]
// By default: three libraries this repository installs with their TypeScript sources — a parser
// (htmlparser2), a string codec (@jridgewell/sourcemap-codec) and a data structure
// (@jridgewell/trace-mapping). Any project folder with a src/ can be given instead.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { propose, type ProposalSource } from '../src/engine/propose/index.ts';

const root = path.resolve(import.meta.dirname, '..');
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'ignore' });
const runnerPath = path.join(root, 'dist/runner.js');

const libraries = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['htmlparser2', '@jridgewell/sourcemap-codec', '@jridgewell/trace-mapping'].map((p) =>
      path.join(root, 'node_modules', p),
    );

/** `name` or `Class.method` of every exported function and public method of a source file. */
function exportedFunctions(file: string): string[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const exported = (n: ts.Node) =>
    ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const out: string[] = [];
  for (const s of sf.statements) {
    if (!exported(s)) continue;
    if (ts.isFunctionDeclaration(s) && s.name && s.body) out.push(s.name.text);
    else if (ts.isVariableStatement(s))
      for (const d of s.declarationList.declarations)
        if (
          ts.isIdentifier(d.name) &&
          d.initializer &&
          (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))
        )
          out.push(d.name.text);
    if (ts.isClassDeclaration(s) && s.name)
      for (const m of s.members) {
        if (!ts.isMethodDeclaration(m)) continue;
        const hidden = ts
          .getModifiers(m)
          ?.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword);
        if (m.body && ts.isIdentifier(m.name) && !hidden) out.push(`${s.name.text}.${m.name.text}`);
      }
  }
  return [...new Set(out)];
}

function sources(dir: string): string[] {
  const src = path.join(dir, 'src');
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory() && !/^(__tests__|test|tests)$/.test(e.name)) walk(full);
      else if (/\.[cm]?ts$/.test(e.name) && !/\.d\.[cm]?ts$|\.(test|spec)\.ts$/.test(e.name)) out.push(full);
    }
  };
  walk(fs.existsSync(src) ? src : dir);
  return out.sort();
}

async function main() {
  const rows: string[][] = [];
  for (const lib of libraries) {
    const bySource: Partial<Record<ProposalSource, number>> = {};
    let ran = 0;
    let total = 0;
    const failed: string[] = [];
    for (const file of sources(lib)) {
      for (const name of exportedFunctions(file)) {
        total++;
        const o = await propose({ file, name, runnerPath, timeoutMs: 20_000 });
        if (o.ok && o.proposal.verified) {
          ran++;
          bySource[o.proposal.source] = (bySource[o.proposal.source] ?? 0) + 1;
        } else failed.push(`${path.relative(lib, file)}:${name}`);
      }
    }
    rows.push([
      path.basename(lib),
      `${ran}/${total}`,
      `${total ? ((100 * ran) / total).toFixed(0) : '—'} %`,
      Object.entries(bySource)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    ]);
    if (failed.length) console.error(`${path.basename(lib)}: no runnable proposal for ${failed.join(', ')}`);
  }
  const header = ['library', 'ran as proposed', 'rate', 'arguments from'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

void main();
