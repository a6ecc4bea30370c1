// Every profile run's statement tree, kept on disk in the extension's workspace storage (bounded:
// the newest PROFILE_LIMIT), with an index in workspace state: what "Hotline: Compare Profiles"
// picks from. Statement trees are small (the profiled statement only, not the whole program).
import * as vscode from 'vscode';
import type { FlatProfile } from '../core/flame/profileTypes';

export interface StoredProfile {
  id: string;
  /** e.g. `blur` */
  label: string;
  /** The profiled file and a hash of its text when it ran: "before/after an edit" is a change of hash. */
  file: string;
  textHash: string;
  stmt: string;
  when: number;
  /** Executions of the statement in the sampling run: times are compared per execution. */
  executions: number;
}

const INDEX_KEY = 'hotline.profiles';
export const PROFILE_LIMIT = 30;

export class ProfileStore {
  constructor(
    private readonly dir: vscode.Uri,
    private readonly state: vscode.Memento,
  ) {}

  list(): StoredProfile[] {
    return this.state.get<StoredProfile[]>(INDEX_KEY, []);
  }

  async add(meta: Omit<StoredProfile, 'id'>, profile: FlatProfile): Promise<StoredProfile> {
    const entry = { ...meta, id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}` };
    await vscode.workspace.fs.createDirectory(this.dir);
    await vscode.workspace.fs.writeFile(this.fileOf(entry.id), new TextEncoder().encode(JSON.stringify(profile)));
    const all = [entry, ...this.list()];
    for (const old of all.slice(PROFILE_LIMIT))
      await vscode.workspace.fs.delete(this.fileOf(old.id)).then(undefined, () => undefined);
    await this.state.update(INDEX_KEY, all.slice(0, PROFILE_LIMIT));
    return entry;
  }

  async read(id: string): Promise<FlatProfile> {
    return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(this.fileOf(id)))) as FlatProfile;
  }

  /** The newest two profiles of the same function and statement whose file text differs: before and after an edit. */
  lastEdit(): [StoredProfile, StoredProfile] | undefined {
    const [after, ...older] = this.list();
    const before =
      after && older.find((p) => p.file === after.file && p.label === after.label && p.textHash !== after.textHash);
    return after && before ? [before, after] : undefined;
  }

  async clear(): Promise<void> {
    for (const p of this.list()) await vscode.workspace.fs.delete(this.fileOf(p.id)).then(undefined, () => undefined);
    await this.state.update(INDEX_KEY, []);
  }

  private fileOf(id: string): vscode.Uri {
    return vscode.Uri.joinPath(this.dir, `${id.replace(/[^\w-]/g, '')}.json`);
  }
}
