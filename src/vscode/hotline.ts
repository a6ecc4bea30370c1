// What every command shares, made once at activation: the Output channel, the editor decorations
// (timing hints, hot lines, verdict markers), the session's timings, the run store, the queue that
// runs one child at a time, and the panels' entry points. Commands (commands.ts) take what they need.
import * as vscode from 'vscode';
import { SerialRunQueue } from '../engine/runQueue';
import type { TimingEntry } from '../core/timing/timeitTypes';
import type { AnnotationSource } from './annotateExport';
import { HotlineCodeLensProvider } from './codeLens';
import { FlamePanel, type FlameContent } from './flamePanel';
import { HotLines, MEMORY_HEAT } from './hotLines';
import { HotSpots } from './hotSpots';
import { retimeInterleaved } from './retimeInterleaved';
import { RunStore } from './runStore';
import { readSettings } from './settings';
import { TimingHints } from './timingHints';
import { TimingsPanel, TimingStore } from './timingsPanel';
import { VerdictMarkers } from './verdictMarkers';

export interface Hotline {
  context: vscode.ExtensionContext;
  output: vscode.OutputChannel;
  codeLens: HotlineCodeLensProvider;
  hints: TimingHints;
  hotLines: HotLines;
  /** The same lines by the bytes they allocate (Profile Function's mprun); Switch Heat shows them instead. */
  memoryLines: HotLines;
  /** The last whole run's hottest lines and functions (Profile Run…). */
  hotSpots: HotSpots;
  verdicts: VerdictMarkers;
  /** This session's timed implementations (the Timings panel's table). */
  timings: TimingStore;
  /** Every timing, profile and explain, kept in the workspace's storage. */
  runs: RunStore;
  /** The workspace's storage folder (the global one in a window with no folder): runs, inputs, profiles. */
  storage: vscode.Uri;
  queue: SerialRunQueue;
  /** dist/runner.js: the child that runs user code. */
  runnerPath: string;
  /** The last profile and the last verdicts, for Export Annotated HTML. */
  annotation: AnnotationSource;
  /** The last profile's flame, for Show Flame. */
  lastFlame?: FlameContent;
  /** Adds a timing to the panel, shows it, and returns its verdict lines for the Output channel. */
  publishTiming(entry: TimingEntry): string[];
  showTimings(selectedId?: string): void;
  showFlame(content: FlameContent): void;
}

export function createHotline(context: vscode.ExtensionContext): Hotline {
  const output = vscode.window.createOutputChannel('Hotline');
  const storage = context.storageUri ?? context.globalStorageUri;
  const hotline: Hotline = {
    context,
    output,
    codeLens: new HotlineCodeLensProvider(),
    hints: new TimingHints(),
    hotLines: new HotLines(),
    memoryLines: new HotLines(MEMORY_HEAT, false),
    hotSpots: new HotSpots(),
    verdicts: new VerdictMarkers(),
    timings: new TimingStore(),
    // Profiles' payload files stay where version 1 kept its profile trees, so they migrate in place.
    runs: new RunStore(context.workspaceState, vscode.Uri.joinPath(storage, 'profiles')),
    storage,
    queue: new SerialRunQueue(() => readSettings().concurrency),
    runnerPath: vscode.Uri.joinPath(context.extensionUri, 'dist', 'runner.js').fsPath,
    annotation: {},
    publishTiming: (entry) => {
      hotline.timings.add(entry);
      hotline.showTimings(entry.id);
      return hotline.timings.verdictLines(entry.id);
    },
    showTimings: (selectedId) =>
      TimingsPanel.show(
        context,
        {
          store: hotline.timings,
          runs: hotline.runs,
          output,
          retime: (entries) =>
            retimeInterleaved(
              {
                output,
                queue: hotline.queue,
                runnerPath: hotline.runnerPath,
                runs: hotline.runs,
                publish: hotline.publishTiming,
              },
              entries,
            ),
        },
        selectedId,
      ),
    showFlame: (content) => FlamePanel.show(context, output, content),
  };
  hotline.codeLens.ranInLastRun = (file, start, end) => hotline.hotSpots.ran(file, start, end);
  context.subscriptions.push(
    hotline.hotSpots.onDidShowRun(() => hotline.codeLens.refresh()),
    output,
    hotline.codeLens,
    hotline.hints,
    hotline.hotLines,
    hotline.memoryLines,
    hotline.hotSpots,
    hotline.verdicts,
    hotline.timings,
    hotline.runs,
  );
  return hotline;
}
