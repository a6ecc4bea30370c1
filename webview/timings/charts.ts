// The Timings panel's charts, drawn in CSS pixels at the width they get (no viewBox scaling, so
// text stays at the editor's font size however narrow the panel) and redrawn when it changes.
import { formatTime } from '../../src/core/timing/format';
import type { ComparisonGroup } from '../../src/core/timing/comparisonGroups';
import { histogram, logScaleBars, logTicks, niceTicks } from '../../src/core/timing/timingsReport';
import { svg } from '../shared/vscodeApi';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function canvas(id: string, width: number, height: number, label: string): SVGElement {
  return svg('svg', { id, width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label });
}

/** Histogram of the per-loop times of all runs, with ticks and labels on both axes. */
export function drawHistogram(values: readonly number[], precision: number, width: number): SVGElement {
  const bins = histogram(values);
  const height = 190,
    left = 44,
    bottom = 44,
    top = 10,
    right = 16;
  const plotW = Math.max(80, width - left - right),
    plotH = height - top - bottom;
  const chart = canvas('histogram', left + plotW + right, height, `Histogram of ${plural(values.length, 'run')}`);
  const maxCount = Math.max(...bins.map((b) => b.count));
  const min = bins[0].from,
    max = bins[bins.length - 1].to;
  const span = max - min || Math.abs(min) || 1;
  const xOf = (v: number) => left + (bins.length === 1 ? plotW / 2 : ((v - min) / span) * plotW);
  const yOf = (c: number) => top + plotH - (c / maxCount) * plotH;
  for (const c of niceTicks(0, maxCount, Math.min(4, maxCount)).filter(Number.isInteger)) {
    chart.append(svg('line', { class: 'grid', x1: left, y1: yOf(c), x2: left + plotW, y2: yOf(c) }));
    chart.append(svg('text', { x: left - 6, y: yOf(c) + 4, 'text-anchor': 'end' }, String(c)));
  }
  const barW = bins.length === 1 ? Math.min(40, plotW) : plotW / bins.length;
  bins.forEach((b, i) => {
    const barH = (b.count / maxCount) * plotH;
    const x = bins.length === 1 ? left + plotW / 2 - barW / 2 : left + i * barW;
    const rect = svg('rect', { x: x + 1, y: top + plotH - barH, width: Math.max(1, barW - 2), height: barH });
    rect.append(
      svg('title', {}, `${formatTime(b.from, precision)} – ${formatTime(b.to, precision)}: ${plural(b.count, 'run')}`),
    );
    chart.append(rect);
  });
  chart.append(svg('line', { class: 'axis', x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH }));
  chart.append(svg('line', { class: 'axis', x1: left, y1: top, x2: left, y2: top + plotH }));
  const xTicks = bins.length === 1 ? [min] : niceTicks(min, max, Math.max(2, Math.floor(plotW / 90)));
  for (const t of xTicks) {
    chart.append(svg('line', { class: 'axis', x1: xOf(t), y1: top + plotH, x2: xOf(t), y2: top + plotH + 4 }));
    chart.append(svg('text', { x: xOf(t), y: top + plotH + 17, 'text-anchor': 'middle' }, formatTime(t, precision)));
  }
  chart.append(
    svg('text', { x: left + plotW / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis-label' }, 'time per loop'),
  );
  chart.append(
    svg(
      'text',
      {
        x: 12,
        y: top + plotH / 2,
        'text-anchor': 'middle',
        class: 'axis-label',
        transform: `rotate(-90 12 ${top + plotH / 2})`,
      },
      'runs',
    ),
  );
  return chart;
}

/** Mean time per loop of every compared entry on a log axis, with the 95 % interval of each mean as an error bar. */
export function drawBars(groups: readonly ComparisonGroup[], selected: string | undefined, width: number): SVGElement {
  const rows = groups.flatMap((g) => g.rows);
  const labelW = Math.min(150, Math.max(70, width * 0.25)),
    valueW = 70,
    rowH = 24,
    groupH = 20,
    top = 4,
    axisH = 30;
  const plotW = Math.max(100, width - labelW - valueW);
  const height = top + rows.length * rowH + groups.length * groupH + axisH;
  const chart = canvas(
    'bar-chart',
    labelW + plotW + valueW,
    height,
    'Mean time per loop, log scale, with 95 % intervals',
  );
  const { decadeFrom, decadeTo } = logScaleBars(rows.flatMap((r) => [r.meanLow, r.meanHigh, r.average]));
  const xOf = (v: number) => labelW + ((Math.log10(v) - decadeFrom) / (decadeTo - decadeFrom)) * plotW;
  const plotBottom = height - axisH;
  for (const t of logTicks(decadeFrom, decadeTo, plotW / (decadeTo - decadeFrom))) {
    chart.append(
      svg('line', {
        class: t.major ? 'grid' : 'grid minor',
        x1: xOf(t.value),
        y1: top,
        x2: xOf(t.value),
        y2: plotBottom + (t.major ? 4 : 2),
      }),
    );
    if (t.labelled)
      chart.append(
        svg(
          'text',
          { x: xOf(t.value), y: plotBottom + 16, 'text-anchor': 'middle', class: t.major ? '' : 'muted' },
          formatTime(t.value),
        ),
      );
  }
  chart.append(
    svg(
      'text',
      { x: labelW + plotW / 2, y: height - 2, 'text-anchor': 'middle', class: 'axis-label' },
      'mean time per loop (log scale) · whiskers: 95 % interval',
    ),
  );
  let y = top;
  for (const g of groups) {
    const title = g.baselineId ? g.title : 'not compared';
    const fits = Math.floor((labelW + plotW + valueW - 8) / 6.5); // characters at 11 px, roughly
    const groupLabel = svg(
      'text',
      { x: 4, y: y + 14, class: 'group-label' },
      title.length > fits ? `${title.slice(0, fits - 1)}…` : title,
    );
    groupLabel.append(svg('title', {}, title));
    chart.append(groupLabel);
    y += groupH;
    g.rows.forEach((r, i) => {
      const fastest = g.baselineId !== undefined && i === 0;
      const label = svg('text', { x: labelW - 8, y: y + rowH / 2 + 4, 'text-anchor': 'end' }, r.label);
      label.append(svg('title', {}, r.stmt));
      chart.append(label);
      const barEnd = Math.max(labelW + 2, xOf(r.average));
      const rect = svg('rect', {
        x: labelW,
        y: y + 5,
        width: barEnd - labelW,
        height: rowH - 10,
        rx: 2,
        class: `${fastest ? 'fastest' : ''}${r.isBaseline ? ' baseline' : ''}${r.id === selected ? ' selected' : ''}`,
      });
      const meanInterval = `95 % interval of the mean ${formatTime(r.meanLow)} – ${formatTime(r.meanHigh)}`;
      const versus = r.ratio ? `; ${r.speed} (${r.interval})` : '';
      rect.append(svg('title', {}, `${r.label}: ${r.mean} ± ${r.stdev}; ${meanInterval}${versus}`));
      chart.append(rect);
      const [lo, hi, mid] = [xOf(r.meanLow), xOf(r.meanHigh), y + rowH / 2];
      chart.append(
        svg('path', {
          class: 'error-bar',
          d: `M${lo},${mid}H${hi}M${lo},${mid - 5}V${mid + 5}M${hi},${mid - 5}V${mid + 5}`,
        }),
      );
      chart.append(svg('text', { x: Math.max(barEnd, hi) + 6, y: mid + 4 }, r.mean));
      y += rowH;
    });
  }
  return chart;
}
