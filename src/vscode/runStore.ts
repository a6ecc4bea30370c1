// The run store in this workspace's storage: the records in workspace state (small), each profile's
// payload (statement tree, line snapshot) in a file under the extension's storage folder, both
// bounded by the one retention rule of src/core/store/runRecords.ts. `hotline.history.enabled:
// false` keeps runs for this session only (in memory), written nowhere.
import * as vscode from 'vscode';
import { qualifiedName } from '../core/source/functionSymbols';
import { contentHash, functionCodeHash } from '../core/store/codeHash';
import {
  migrateState,
  newRunId,
  readPayload,
  retain,
  RUN_STORE_VERSION,
  type RunPayload,
  type RunRecord,
  type RunStoreState,
} from '../core/store/runRecords';
import type { TimingEntry } from '../core/timing/timeitTypes';
import { functionsIn } from './functionLocator';

const STATE_KEY = 'hotline.runs';
/** Version 1's three stores, migrated once into this one and removed. */
const LEGACY_HISTORY = 'hotline.history.v1';
const LEGACY_PROFILES = 'hotline.profiles';
const LEGACY_LAST_PROFILE = 'hotline.lastProfile:';
const isLegacyKey = (key: string) =>
  key === LEGACY_HISTORY || key === LEGACY_PROFILES || key.startsWith(LEGACY_LAST_PROFILE);

/** The code hash of the function a timing entry names, read from its file now (the file's hash when it is not found). */
export async function entryCodeHash(entry: Pick<TimingEntry, 'file' | 'label'>): Promise<string> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(entry.file));
  const fn = (await functionsIn(document, 2000)).find((f) => qualifiedName(f) === entry.label);
  return fn ? functionCodeHash(document.getText(), fn) : contentHash(document.getText());
}

export class RunStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** Runs of this session while the setting is off. */
  private readonly session: { records: RunRecord[]; payloads: Map<string, RunPayload> } = {
    records: [],
    payloads: new Map(),
  };
  private migration: Promise<void> | undefined;

  constructor(
    private readonly state: vscode.Memento,
    private readonly dir: vscode.Uri,
  ) {}

  get enabled(): boolean {
    return vscode.workspace.getConfiguration('hotline').get<boolean>('history.enabled', true);
  }

  get records(): RunRecord[] {
    if (!this.enabled) return this.session.records;
    // Read through the migration until it is written (the first add), so nothing kept before is lost.
    return migrateState(this.state.get(STATE_KEY), this.legacy()).state.records;
  }

  /** Keeps `record` (and a profile's payload); resolves with it once stored. */
  async add(fields: Omit<RunRecord, 'id' | 'hasPayload'>, payload?: Omit<RunPayload, 'version'>): Promise<RunRecord> {
    await this.migrate();
    const record: RunRecord = { ...fields, id: newRunId(fields.when), ...(payload ? { hasPayload: true } : {}) };
    const full: RunPayload | undefined = payload && { ...payload, version: RUN_STORE_VERSION };
    const { kept, dropped } = retain(this.records, record);
    if (!this.enabled) {
      this.session.records = kept;
      if (full) this.session.payloads.set(record.id, full);
      for (const r of dropped) this.session.payloads.delete(r.id);
    } else {
      if (full) {
        await vscode.workspace.fs.createDirectory(this.dir);
        await vscode.workspace.fs.writeFile(this.fileOf(record.id), new TextEncoder().encode(JSON.stringify(full)));
      }
      await this.state.update(STATE_KEY, { version: RUN_STORE_VERSION, records: kept } satisfies RunStoreState);
      for (const r of dropped) if (r.hasPayload) await this.deleteFile(r.id);
    }
    this.changed.fire();
    return record;
  }

  /** A profile's tree and line snapshot, or undefined when it kept none (or its file is gone). */
  async payload(record: RunRecord): Promise<RunPayload | undefined> {
    if (!record.hasPayload) return undefined;
    if (!this.enabled) return this.session.payloads.get(record.id);
    try {
      const bytes = await vscode.workspace.fs.readFile(this.fileOf(record.id));
      return readPayload(JSON.parse(new TextDecoder().decode(bytes)));
    } catch {
      return undefined;
    }
  }

  async clear(): Promise<void> {
    for (const r of this.records) if (r.hasPayload) await this.deleteFile(r.id);
    this.session.records = [];
    this.session.payloads.clear();
    await this.state.update(STATE_KEY, { version: RUN_STORE_VERSION, records: [] } satisfies RunStoreState);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  /** Once per session: writes a migrated state and removes version 1's keys (their profile files become payloads). */
  private migrate(): Promise<void> {
    this.migration ??= (async () => {
      const { state, migrated } = migrateState(this.state.get(STATE_KEY), this.legacy());
      if (!migrated && !this.state.keys().some(isLegacyKey)) return;
      await this.state.update(STATE_KEY, state);
      for (const key of this.state.keys().filter(isLegacyKey)) await this.state.update(key, undefined);
    })();
    return this.migration;
  }

  private legacy(): { history?: unknown; profiles?: unknown } {
    return { history: this.state.get(LEGACY_HISTORY), profiles: this.state.get(LEGACY_PROFILES) };
  }

  private deleteFile(id: string): Thenable<void> {
    return vscode.workspace.fs.delete(this.fileOf(id)).then(undefined, () => undefined);
  }

  private fileOf(id: string): vscode.Uri {
    return vscode.Uri.joinPath(this.dir, `${id.replace(/[^\w-]/g, '')}.json`);
  }
}
