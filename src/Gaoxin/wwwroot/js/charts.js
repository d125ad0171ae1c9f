// Renders the charts declared in pages: <div class="chart" data-chart="KIND" data-series='JSON'>.
// Pages stay server-rendered; this only draws what the page already states in its tables.
(function () {
  'use strict';
  const chinese = document.documentElement.lang !== 'en';

  const kinds = {
    // Nominal rank as a point, the 5–95% Monte Carlo interval as a bar; rank 1 at the top.
    'rank-intervals': function (series) {
      const names = series.map(s => s.name);
      const hasIntervals = series.some(s => s.p5 != null);
      return {
        animation: false,
        grid: { left: 110, right: 30, top: 30, bottom: 30 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { data: [chinese ? '排名' : 'rank'].concat(hasIntervals ? [chinese ? '5%–95% 区间' : '5–95% interval'] : []) },
        xAxis: { type: 'value', min: 1, max: Math.max(...series.map(s => s.p95 || s.rank)), minInterval: 1, name: chinese ? '排名' : 'rank' },
        yAxis: { type: 'category', data: names, inverse: true },
        series: [
          hasIntervals ? {
            name: chinese ? '5%–95% 区间' : '5–95% interval', type: 'bar', stack: 'interval', itemStyle: { color: 'transparent' },
            data: series.map(s => (s.p5 || s.rank)), tooltip: { show: false }, silent: true
          } : null,
          hasIntervals ? {
            name: chinese ? '5%–95% 区间' : '5–95% interval', type: 'bar', stack: 'interval', barWidth: 10,
            itemStyle: { color: '#9dbfe6' }, data: series.map(s => Math.max((s.p95 || s.rank) - (s.p5 || s.rank), 0.15))
          } : null,
          { name: chinese ? '排名' : 'rank', type: 'scatter', symbolSize: 12, itemStyle: { color: '#0b5cad' }, data: series.map(s => s.rank) }
        ].filter(Boolean)
      };
    },
    // A zone's dimension scores against the group's best and worst.
    'radar': function (series) {
      return {
        animation: false,
        tooltip: {},
        legend: { bottom: 0, data: series.lines.map(l => l.name) },
        radar: { indicator: series.axes.map(a => ({ name: a, min: 0, max: 100 })) },
        series: [{ type: 'radar', data: series.lines.map(l => ({ name: l.name, value: l.values })) }]
      };
    },
    // Each zone's dimension scores side by side (the bulletin's dimension profile).
    'dimension-bars': function (series) {
      return {
        animation: false,
        grid: { left: 110, right: 20, top: 40, bottom: 30 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0, data: series.dimensions },
        xAxis: { type: 'value', min: 0, max: 100 },
        yAxis: { type: 'category', data: series.zones, inverse: true },
        series: series.dimensions.map((d, k) => ({ name: d, type: 'bar', data: series.values.map(v => v[k]) }))
      };
    },
    // Contributions of each indicator to the composite.
    'bars': function (series) {
      return {
        animation: false,
        grid: { left: 140, right: 30, top: 20, bottom: 30 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', data: series.map(s => s.name), inverse: true },
        series: [{ type: 'bar', data: series.map(s => s.value), itemStyle: { color: '#0b5cad' } }]
      };
    },
    // A target tile's small line: the measured series over the plan's years, the target as a faint dashed line; no axes.
    'sparkline': function (series) {
      const values = series.points.map(p => p[1]).concat(series.target != null ? [series.target] : []);
      const low = Math.min(...values), high = Math.max(...values);
      const pad = (high - low) * 0.15 || Math.abs(high) * 0.1 || 1;
      const color = series.color || '#0b5cad';
      return {
        animation: false,
        grid: { left: 4, right: 4, top: 4, bottom: 4 },
        tooltip: { show: false },
        xAxis: { type: 'value', show: false, min: series.from, max: series.to },
        yAxis: { type: 'value', show: false, min: low - pad, max: high + pad },
        series: [{
          type: 'line', data: series.points, symbol: 'circle', symbolSize: 4, silent: true,
          lineStyle: { color: color, width: 2 }, itemStyle: { color: color }, areaStyle: { color: color, opacity: 0.08 },
          markLine: series.target == null ? undefined : {
            silent: true, symbol: 'none', label: { show: false },
            lineStyle: { color: '#8a96a3', type: 'dashed', width: 1 }, data: [{ yAxis: series.target }]
          }
        }]
      };
    },
    // A target's trajectory: measured (solid), planned path from baseline to target (dashed), least-squares trend (dotted), the target (horizontal).
    'trajectory': function (s) {
      const number = v => (v == null ? '—' : (Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100).toLocaleString());
      const targetLine = [[s.from, s.target], [s.to, s.target]];
      return {
        animation: false,
        grid: { left: 60, right: 90, top: 50, bottom: 40 },
        legend: { top: 0, data: [s.labels.measured, s.labels.path, s.labels.forecast, s.labels.target] },
        tooltip: { trigger: 'axis', valueFormatter: number },
        xAxis: { type: 'value', min: s.from, max: s.to, interval: 1, axisLabel: { formatter: v => String(v) }, splitLine: { show: false } },
        // A trend fitted to figures that cannot be negative is cut at zero rather than stretching the axis below it.
        yAxis: {
          type: 'value', scale: true, name: s.unit, axisLabel: { formatter: v => number(v) },
          min: [s.target].concat(s.measured.map(p => p[1]), (s.path || []).map(p => p[1])).every(v => v >= 0) &&
            (s.forecast || []).some(p => p[1] < 0) ? 0 : undefined
        },
        series: [
          {
            name: s.labels.measured, type: 'line', data: s.measured, z: 4, symbolSize: 8,
            lineStyle: { width: 3, color: '#0b5cad' }, itemStyle: { color: '#0b5cad' },
            label: { show: true, position: 'top', formatter: p => number(p.value[1]), color: '#0b5cad', fontWeight: 'bold' }
          },
          s.path ? {
            name: s.labels.path, type: 'line', data: s.path, symbol: 'circle', symbolSize: 5,
            lineStyle: { type: 'dashed', width: 2, color: '#6b7785' }, itemStyle: { color: '#6b7785' }
          } : null,
          s.forecast ? {
            name: s.labels.forecast, type: 'line', data: s.forecast, symbol: 'none',
            lineStyle: { type: 'dotted', width: 3, color: '#d4731a' }, itemStyle: { color: '#d4731a' }
          } : null,
          {
            name: s.labels.target, type: 'line', data: targetLine, symbol: 'none', z: 1,
            lineStyle: { width: 1.5, color: '#1a7f37' }, itemStyle: { color: '#1a7f37' },
            endLabel: { show: true, formatter: () => s.labels.target + ' ' + number(s.target) + (s.targetMax != null ? '–' + number(s.targetMax) : ''), color: '#1a7f37' },
            markArea: s.targetMax == null ? undefined : { silent: true, itemStyle: { color: 'rgba(26,127,55,0.08)' }, data: [[{ yAxis: s.target }, { yAxis: s.targetMax }]] }
          }
        ].filter(Boolean)
      };
    },
    // Clusters' yearly sales revenue (亿元) as lines, with the plan's 200亿 / 500亿 / 1000亿 lines across.
    'cluster-revenue': function (s) {
      const label = v => (chinese ? v + '亿元' : (v / 10) + ' bn');
      return {
        animation: false,
        grid: { left: 60, right: 90, top: 40, bottom: 40 },
        legend: { type: 'scroll', top: 0 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: s.years.map(String) },
        yAxis: { type: 'value', name: chinese ? '亿元' : '100m yuan', max: v => Math.max(v.max, 1050) },
        series: s.clusters.map((c, i) => ({
          name: c.name, type: 'line', data: c.revenue, symbolSize: 6, connectNulls: false,
          markLine: i > 0 ? undefined : {
            silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#1a7f37' },
            label: { formatter: p => label(p.value), position: 'end' },
            data: s.thresholds.map(t => ({ yAxis: t }))
          }
        }))
      };
    },
    // Each zone's value as a bar (largest first), its zone target as a marker, and the province target as a reference line for ratios.
    'zone-bars': function (s) {
      const number = v => (v == null ? '—' : (Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100).toLocaleString());
      const hasTargets = s.targets.some(t => t != null);
      return {
        animation: false,
        grid: { left: 80, right: 60, top: 30, bottom: 20 },
        legend: { top: 0, data: [s.labels.value].concat(hasTargets ? [s.labels.target] : []) },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: number },
        xAxis: { type: 'value', axisLabel: { formatter: v => number(v) } },
        yAxis: { type: 'category', data: s.names, inverse: true },
        series: [
          {
            name: s.labels.value, type: 'bar', data: s.values, barMaxWidth: 16, itemStyle: { color: '#0b5cad' },
            label: { show: true, position: 'right', formatter: p => number(p.value), fontSize: 11 },
            markLine: s.reference == null ? undefined : {
              silent: true, symbol: 'none', lineStyle: { color: '#1a7f37', type: 'dashed' },
              label: { position: 'start', formatter: s.labels.reference + ' ' + number(s.reference), color: '#1a7f37' }, data: [{ xAxis: s.reference }]
            }
          },
          hasTargets ? {
            name: s.labels.target, type: 'scatter', data: s.targets.map(t => (t == null ? '-' : t)), symbol: 'diamond', symbolSize: 12,
            itemStyle: { color: '#d4731a' }
          } : null
        ].filter(Boolean)
      };
    },
    // The zones on a plain longitude/latitude grid (no map tiles): colour and size by the chosen measure, grey without a figure.
    // Labels are placed beside each point on the side where they hit no other point or label.
    'zone-map': function (s) {
      const number = v => (v == null ? '—' : (Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100).toLocaleString());
      const lons = s.points.map(p => p.lon), lats = s.points.map(p => p.lat);
      const x0 = Math.floor((Math.min(...lons) - 0.3) * 2) / 2, x1 = Math.ceil((Math.max(...lons) + 0.8) * 2) / 2;
      const y0 = Math.floor((Math.min(...lats) - 0.3) * 2) / 2, y1 = Math.ceil((Math.max(...lats) + 0.3) * 2) / 2;
      // Keep distances true: a degree of longitude is cos(latitude) of a degree of latitude.
      const height = s.height || 500, width = Math.round(height * (x1 - x0) * Math.cos((y0 + y1) / 2 * Math.PI / 180) / (y1 - y0));
      const known = s.points.filter(p => p.value != null);
      const values = known.map(p => p.value);
      const low = values.length ? Math.min(...values) : 0, high = values.length ? Math.max(...values) : 1;
      const size = p => (p.value == null ? 10 : 12 + 22 * (high > low ? (p.value - low) / (high - low) : 0.5));

      // Label placement in grid pixels: try right, left, top, bottom; keep the side with the least overlap.
      const fontSize = 12, gap = 5;
      const at = p => [(p.lon - x0) / (x1 - x0) * width, (y1 - p.lat) / (y1 - y0) * height];
      const textWidth = t => Array.from(t).reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? fontSize : fontSize * 0.6), 0);
      const boxes = s.points.map(p => { const [x, y] = at(p), r = size(p) / 2; return [x - r, y - r, x + r, y + r]; });
      s.seas.forEach(p => { const [x, y] = at(p), w = textWidth(p.name); boxes.push([x - w / 2, y - 8, x + w / 2, y + 8]); });
      const overlap = (a, b) => Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0])) * Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
      const outside = b => Math.max(0, -b[0]) + Math.max(0, b[2] - width - 40) + Math.max(0, -b[1]) + Math.max(0, b[3] - height);
      const positions = {};
      s.points.map((p, i) => i).sort((a, b) => size(s.points[b]) - size(s.points[a])).forEach(i => {
        const p = s.points[i], [x, y] = at(p), r = size(p) / 2, w = textWidth(p.label || p.name), h = fontSize + 2;
        const candidates = {
          right: [x + r + gap, y - h / 2, x + r + gap + w, y + h / 2],
          left: [x - r - gap - w, y - h / 2, x - r - gap, y + h / 2],
          top: [x - w / 2, y - r - gap - h, x + w / 2, y - r - gap],
          bottom: [x - w / 2, y + r + gap, x + w / 2, y + r + gap + h]
        };
        let best = 'right', bestCost = Infinity;
        Object.keys(candidates).forEach(side => {
          const box = candidates[side];
          const cost = boxes.reduce((c, b, k) => c + (k === i ? 0 : overlap(box, b)), 0) + 100 * outside(box);
          if (cost < bestCost - 0.5) { best = side; bestCost = cost; }
        });
        positions[p.code] = best;
        boxes.push(candidates[best]);
      });

      const label = { show: true, fontSize: fontSize, color: '#1d2733', textBorderColor: '#fff', textBorderWidth: 3 };
      // Each point's own label side and text (the short name); the tooltip gives the full name.
      const item = (p, value) => ({
        name: p.name, value: value, raw: p.value, url: p.url, symbolSize: size(p),
        label: { position: positions[p.code], formatter: (p.label || p.name).replace(/[{}|]/g, '') }
      });
      const tooltip = q => {
        const d = q.data;
        return '<b>' + d.name + '</b><br/>' + s.title + ':' + (d.raw == null ? s.labels.noData : number(d.raw) + ' ' + s.unit) +
          '<br/><a href="' + d.url + '">' + s.labels.open + '</a>';
      };
      return {
        animation: false,
        grid: { left: 'center', top: 48, width: width, height: height },
        tooltip: { trigger: 'item', enterable: true, triggerOn: 'mousemove|click', formatter: tooltip },
        visualMap: values.length ? {
          type: 'continuous', seriesIndex: 0, dimension: 2, min: low, max: high, calculable: false,
          orient: 'horizontal', left: 'center', top: 4, itemWidth: 12, itemHeight: 180,
          text: [number(high) + ' ' + s.unit, number(low)], inRange: { color: ['#bcd7f0', '#4a8fd1', '#0a3a75'] }
        } : undefined,
        xAxis: {
          type: 'value', min: x0, max: x1, interval: 0.5, name: s.labels.lon, nameGap: 28, nameLocation: 'middle',
          axisLabel: { formatter: v => (Number.isInteger(v) ? v + '°E' : '') }, splitLine: { lineStyle: { color: '#edf0f3' } }
        },
        yAxis: {
          type: 'value', min: y0, max: y1, interval: 0.5, name: s.labels.lat, nameGap: 40, nameLocation: 'middle',
          axisLabel: { formatter: v => (Number.isInteger(v) ? v + '°N' : '') }, splitLine: { lineStyle: { color: '#edf0f3' } }
        },
        series: [
          {
            type: 'scatter', data: known.map(p => item(p, [p.lon, p.lat, p.value])),
            label: label, itemStyle: { borderColor: '#fff', borderWidth: 1, opacity: 0.95 }
          },
          {
            type: 'scatter', data: s.points.filter(p => p.value == null).map(p => item(p, [p.lon, p.lat])),
            itemStyle: { color: '#b8c0c9' }, label: label
          },
          {
            type: 'scatter', silent: true, symbolSize: 0, tooltip: { show: false },
            data: s.seas.map(p => ({ name: p.name, value: [p.lon, p.lat] })),
            label: { show: true, formatter: '{b}', position: 'inside', color: '#7fa7cf', fontSize: 13, fontStyle: 'italic' }
          }
        ]
      };
    }
  };

  // Each chart's figures as a table (a header row, then rows), for charts whose page states them in no table of its own.
  const num = v => (v == null ? '—' : String(Math.round(v * 1000) / 1000));
  const tables = {
    'rank-intervals': series => [[chinese ? '名称' : 'Name', chinese ? '排名' : 'Rank', '5%', '95%']]
      .concat(series.map(s => [s.name, s.rank, num(s.p5), num(s.p95)])),
    'radar': series => [[chinese ? '维度' : 'Dimension'].concat(series.lines.map(l => l.name))]
      .concat(series.axes.map((a, k) => [a].concat(series.lines.map(l => num(l.values[k]))))),
    'bars': series => [[chinese ? '项目' : 'Item', chinese ? '数值' : 'Value']].concat(series.map(s => [s.name, num(s.value)])),
    'dimension-bars': series => [[chinese ? '高新区' : 'Zone'].concat(series.dimensions)]
      .concat(series.zones.map((z, i) => [z].concat(series.values[i].map(num)))),
    'sparkline': series => [[chinese ? '年度' : 'Year', chinese ? '数值' : 'Value']]
      .concat(series.points.map(p => [p[0], num(p[1])]))
      .concat(series.target != null ? [[chinese ? '目标' : 'Target', num(series.target)]] : []),
    'trajectory': s => {
      const years = [...new Set(s.measured.map(p => p[0]).concat((s.path || []).map(p => p[0])))].sort((a, b) => a - b);
      const at = (points, year) => { const p = (points || []).find(q => q[0] === year); return p ? num(p[1]) : '—'; };
      return [[chinese ? '年度' : 'Year', s.labels.measured, s.labels.path]].concat(years.map(y => [y, at(s.measured, y), at(s.path, y)]))
        .concat(s.target != null ? [[s.labels.target, num(s.target), '']] : []);
    }
  };
  let tableCount = 0;

  // A chart is an image named by its section's heading; the table of its figures (the page's own, named by
  // aria-describedby, or one made here under the chart) is its text alternative.
  function describe(element) {
    const heading = element.dataset.label || (function () {
      for (let e = element; e; e = e.previousElementSibling || e.parentElement) {
        if (/^H[1-3]$/.test(e.tagName)) return e.textContent.trim();
      }
      return '';
    })();
    element.setAttribute('role', 'img');
    element.setAttribute('aria-label', (heading ? heading + ' — ' : '') + (chinese ? '图表,数据见表格' : 'chart; its figures are in the table'));
    const make = tables[element.dataset.chart];
    if (element.hasAttribute('aria-describedby') || !make) return;
    let rows;
    try { rows = make(JSON.parse(element.dataset.series)); } catch (e) { return; }
    const details = document.createElement('details');
    details.className = 'chart-data';
    const summary = document.createElement('summary');
    summary.textContent = chinese ? '图表数据' : 'Chart data';
    const wrap = document.createElement('div');
    wrap.className = 'scroll';
    const table = document.createElement('table');
    table.className = 'grid compact';
    table.id = 'chart-data-' + (++tableCount);
    rows.forEach((row, i) => {
      const tr = table.insertRow();
      row.forEach(cell => {
        const c = document.createElement(i === 0 ? 'th' : 'td');
        c.textContent = cell == null ? '—' : String(cell);
        tr.appendChild(c);
      });
    });
    wrap.appendChild(table);
    details.append(summary, wrap);
    element.after(details);
    element.setAttribute('aria-describedby', table.id);
  }

  document.querySelectorAll('.chart[data-chart]').forEach(describe);

  document.querySelectorAll('.chart[data-chart]').forEach(function (element) {
    const build = kinds[element.dataset.chart];
    if (!build || typeof echarts === 'undefined') return;
    const chart = echarts.init(element, null, { renderer: 'svg' });
    chart.setOption(build(JSON.parse(element.dataset.series)));
    element.dataset.rendered = 'true';
    window.addEventListener('resize', () => chart.resize());
  });
})();
