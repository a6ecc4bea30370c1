// "Hotline: Compare Profiles": two profiles side by side as one diff — before/after the last edit
// of a profiled function, two runs from this workspace's history, or two .cpuprofile files — in
// the flame panel's diff mode and as a summary in the Output channel.
import * as vscode from 'vscode';
import { diffReport, diffTree, functionDeltas, type DiffScale } from '../core/lines/profileDiff';
import type { FlatProfile } from '../core/flame/profileTypes';
import type { DiffContent } from '../core/flame/diffContent';
import { readCpuProfile } from './flamePanel';
import { comparableProfiles, lastEditPair, type RunRecord } from '../core/store/runRecords';
import type { RunStore } from './runStore';

interface Side {
  label: string;
  profile: FlatProfile;
  executions?: number;
}

export interface CompareDeps {
  store: RunStore;
  output: vscode.OutputChannel;
  /** Where dist/profileWorker.js is: .cpuprofile files are read off the main thread. */
  extensionUri: vscode.Uri;
  show: (content: DiffContent) => void;
}

/** A record's label is the qualified name (`Ledger.total`); the flame and the picks say the function's own, as its profile did. */
const functionName = (label: string) => label.slice(label.lastIndexOf('.') + 1);

const ago = (when: number) => {
  const minutes = Math.round((Date.now() - when) / 60000);
  return minutes < 1 ? 'just now' : minutes < 60 ? `${minutes} min ago` : new Date(when).toLocaleString();
};

async function pickFromHistory(store: RunStore): Promise<[RunRecord, RunRecord] | undefined> {
  const items = comparableProfiles(store.records).map((p) => ({
    label: p.label,
    description: p.stmt,
    detail: `${vscode.workspace.asRelativePath(p.file)} · ${ago(p.when)}`,
    entry: p,
  }));
  if (items.length < 2) {
    void vscode.window.showInformationMessage(
      'Hotline: the history has fewer than two profiles. Profile a function (again) first.',
    );
    return undefined;
  }
  const before = await vscode.window.showQuickPick(items, {
    title: 'Hotline: Compare Profiles (1/2) — the baseline (before)',
    matchOnDescription: true,
  });
  if (!before) return undefined;
  const after = await vscode.window.showQuickPick(
    items.filter((i) => i.entry.id !== before.entry.id),
    { title: 'Hotline: Compare Profiles (2/2) — compare with (after)', matchOnDescription: true },
  );
  return after ? [before.entry, after.entry] : undefined;
}

async function fromFiles(uris: readonly vscode.Uri[], extensionUri: vscode.Uri): Promise<[Side, Side] | undefined> {
  let files = [...uris];
  while (files.length < 2) {
    const picked = await vscode.window.showOpenDialog({
      filters: { 'CPU profile': ['cpuprofile'] },
      canSelectMany: true,
      title: files.length ? 'The profile to compare with (after)' : 'Two .cpuprofile files: before and after',
    });
    if (!picked?.length) return undefined;
    files = [...files, ...picked];
  }
  const sides: Side[] = [];
  for (const uri of files.slice(0, 2)) {
    const content = await readCpuProfile(uri, extensionUri);
    if (!content?.profile) {
      void vscode.window.showErrorMessage(
        `Hotline: cannot compare ${content?.title ?? uri.path}: ${content?.error ?? 'it could not be read'}`,
      );
      return undefined;
    }
    sides.push({ label: content.title, profile: content.profile });
  }
  return [sides[0], sides[1]];
}

async function fromStore(
  store: RunStore,
  pair: [RunRecord, RunRecord],
  edit: boolean,
): Promise<[Side, Side] | undefined> {
  const side = async (p: RunRecord, role: string): Promise<Side | undefined> => {
    const tree = (await store.payload(p))?.tree;
    return tree && { label: `${functionName(p.label)} (${role})`, profile: tree, executions: p.executions };
  };
  const [before, after] = [
    await side(pair[0], edit ? 'before your edit' : ago(pair[0].when)),
    await side(pair[1], edit ? 'after' : ago(pair[1].when)),
  ];
  if (!before || !after) {
    void vscode.window.showErrorMessage(
      'Hotline: a profile kept in this workspace could not be read (its file is gone). Profile the function again.',
    );
    return undefined;
  }
  return [before, after];
}

export async function compareProfiles(deps: CompareDeps, uri?: unknown, uris?: unknown): Promise<void> {
  const selected = Array.isArray(uris)
    ? uris.filter((u): u is vscode.Uri => u instanceof vscode.Uri)
    : uri instanceof vscode.Uri
      ? [uri]
      : [];
  let sides: [Side, Side] | undefined;
  if (selected.length) sides = await fromFiles(selected, deps.extensionUri);
  else {
    const edit = lastEditPair(deps.store.records);
    const choices = [
      ...(edit
        ? [
            {
              label: `$(diff) Before and after your last edit of ${functionName(edit[1].label)}`,
              description: edit[1].stmt,
              id: 'edit',
            },
          ]
        : []),
      {
        label: "$(history) Two profiles from this workspace's history…",
        description: `${comparableProfiles(deps.store.records).length} kept`,
        id: 'history',
      },
      { label: '$(file) Two .cpuprofile files…', description: '', id: 'files' },
    ];
    const choice = await vscode.window.showQuickPick(choices, { title: 'Hotline: Compare Profiles' });
    if (!choice) return;
    if (choice.id === 'files') sides = await fromFiles([], deps.extensionUri);
    else {
      const pair = choice.id === 'edit' ? edit : await pickFromHistory(deps.store);
      if (pair) sides = await fromStore(deps.store, pair, choice.id === 'edit');
    }
  }
  if (!sides) return;
  const [before, after] = sides;
  // Runs of the statement compare per execution; plain .cpuprofile files as recorded.
  const perExecution = before.executions !== undefined && after.executions !== undefined;
  const scale: DiffScale = perExecution
    ? { before: before.executions!, after: after.executions! }
    : { before: 1, after: 1 };
  const unit = perExecution ? 'per execution' : 'as recorded';
  const deltas = functionDeltas(before.profile, after.profile, scale);
  const tree = diffTree(before.profile, after.profile, scale);
  deps.output.appendLine(`[${new Date().toLocaleTimeString()}] ⇄ ${before.label} → ${after.label}`);
  for (const line of diffReport(
    deltas,
    { before: before.profile.total[0] / scale.before, after: after.profile.total[0] / scale.after },
    unit,
  ))
    deps.output.appendLine(`  ${line}`);
  deps.output.appendLine('');
  deps.show({
    title: `${before.label} → ${after.label}`,
    beforeLabel: before.label,
    afterLabel: after.label,
    unit,
    tree,
    deltas,
  });
}
