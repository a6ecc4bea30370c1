// The editor's heat colours keep code readable in VS Code's four default themes, and still look
// like Cython's yellow. The rule, for every colour a TypeScript token can take in the theme
// (resolved from the theme files VS Code ships): a colour the theme draws at ≥ 4.7:1 on its plain
// background keeps ≥ 4.5:1 on every heat level (≥ 7.2 → ≥ 7 in high contrast); a colour the theme
// itself draws lower loses at most 5 % of its contrast. Hotline's own annotations keep the target.
// (A stricter rule, ≥ 4.5:1 for anything at 4.5 on white, left the hottest light fill at #FFFFE1:
// no visible yellow, the "yellow = slow" of Cython's annotation gone.)
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
/** Above the target by this much on the plain background: must keep the target on every heat level. */
const KEEP_MARGIN = 0.2;
/** Otherwise the most of its contrast a colour may lose on a heat level. */
const MAX_LOSS = 0.05;

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
/** The two heat kinds: time (Cython's yellow) and memory (a cyan-blue, so the two are never mistaken). */
const HEATS = [
  { kind: 'time', prefix: 'hotline.heat', bar: 'hotline.heatBar' },
  { kind: 'memory', prefix: 'hotline.memoryHeat', bar: 'hotline.memoryHeatBar' },
] as const;
const ANNOTATION_IDS = [
  'hotline.heatGutterForeground',
  'hotline.memoryHeatGutterForeground',
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
  const levels = (prefix: string) =>
    Array.from({ length: 10 }, (_, i): [string, Rgb] => [
      `${prefix}${i + 1}`,
      over(hotlineColour(`${prefix}${i + 1}`, t.kind), editorBg),
    ]);
  const backgrounds: [string, Rgb][] = [['editor', editorBg], ...HEATS.flatMap((h) => levels(h.prefix))];
  const tokens = new Map<string, string>([
    ['editor.foreground', foreground],
    ...t.brackets.map((b, i): [string, string] => [`bracket ${i + 1}`, b]),
  ]);
  for (const s of TS_SCOPES) tokens.set(s, tokenColour(theme, s) ?? foreground);

  test(`${t.name}: token colours at ${t.min + KEEP_MARGIN}:1 keep ${t.min}:1 on every heat level (time and memory), lower ones lose ≤ 5 %`, () => {
    const themeOwn: string[] = [];
    const failures: string[] = [];
    for (const [token, colour] of tokens) {
      const onEditor = contrast(over(colour, editorBg), editorBg);
      const floor = onEditor >= t.min + KEEP_MARGIN ? t.min : (1 - MAX_LOSS) * onEditor;
      if (onEditor < t.min + KEEP_MARGIN) themeOwn.push(`${token} ${colour} ${onEditor.toFixed(2)}`);
      for (const [id, bg] of backgrounds) {
        const ratio = contrast(over(colour, bg), bg);
        if (ratio < floor - 1e-9)
          failures.push(`${token} ${colour} on ${id} ${toHex(bg)}: ${ratio.toFixed(2)} < ${floor.toFixed(2)}`);
      }
    }
    assert.deepEqual(failures, [], `the theme's own low colours: ${themeOwn.join(', ') || 'none'}`);
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

  for (const heat of HEATS) {
    test(`${t.name}: the ${heat.kind} heat still shows — hotter levels are further from the editor background, the bar is visible`, () => {
      const fills = levels(heat.prefix).map(([, bg]) => bg);
      const distance = (c: Rgb) => Math.max(...c.map((v, i) => Math.abs(v - editorBg[i])));
      const distances = fills.map(distance);
      for (let i = 1; i < distances.length; i++)
        assert.ok(distances[i] >= distances[i - 1], `level ${i + 1} is not cooler than level ${i}: ${distances}`);
      if (t.min < 7)
        assert.ok(
          distances[9] >= 20,
          `the hottest fill differs from the editor by ${distances[9]} levels of a channel`,
        );
      const [r, g, b] = fills[9];
      const hue = (60 * (g - b)) / Math.max(1, r - b);
      if (heat.kind === 'time') {
        // Cython's yellow at a glance in light themes (blue well under red and green), an amber in dark ones
        if (t.kind === 'light')
          assert.ok(r >= 240 && g >= 240 && b <= 185, `the hottest light fill ${toHex([r, g, b])} is yellow`);
        if (t.kind === 'dark')
          assert.ok(
            r > g && g > b && hue >= 30 && hue <= 50,
            `the hottest dark fill ${toHex([r, g, b])} is amber (hue ${hue.toFixed(0)}°)`,
          );
      } else if (t.min < 7) {
        // memory: blue over red, so it never reads as the time heat
        assert.ok(b > r + 20, `the hottest memory fill ${toHex([r, g, b])} is blue, not yellow`);
      }
      // the left bar is a graphical object: WCAG 1.4.11 asks 3:1 against what surrounds it
      assert.ok(contrast(over(hotlineColour(heat.bar, t.kind), editorBg), editorBg) >= 3, 'heat bar contrast');
    });
  }
}
