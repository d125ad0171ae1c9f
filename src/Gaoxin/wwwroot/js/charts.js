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
    }
  };

  // The province's cities from the boundary file the server serves (registered as 'province' before drawing), each zone a
  // point at its location: coloured by the indicator's value (grey without a figure; by level when the map shows no
  // indicator), a circle for a national zone and a diamond for a provincial one. A click on a point opens the zone.
  kinds['geo-map'] = function (s) {
    const number = v => (v == null ? '—' : (Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100).toLocaleString());
    const known = s.points.filter(p => p.value != null);
    const values = known.map(p => p.value);
    const low = values.length ? Math.min(...values) : 0, high = values.length ? Math.max(...values) : 1;
    const item = (p, value) => ({
      name: p.name, value: value, raw: p.value, url: p.url, code: p.code,
      symbol: p.national ? 'circle' : 'diamond', symbolSize: p.national ? 14 : 15,
      label: { formatter: (p.label || p.name).replace(/[{}|]/g, '') }
    });
    const label = { show: true, position: 'right', fontSize: 11, color: '#1d2733', textBorderColor: '#fff', textBorderWidth: 3 };
    const tooltip = q => {
      const d = q.data;
      if (!d || !d.url) return q.name;
      return '<b>' + d.name + '</b>' + (s.indicator ? '<br/>' + s.indicator + ':' + (d.raw == null ? s.labels.noData : number(d.raw) + ' ' + (s.unit || '')) : '') +
        '<br/><a href="' + d.url + '">' + s.labels.open + '</a>';
    };
    return {
      animation: false,
      tooltip: { trigger: 'item', enterable: true, triggerOn: 'mousemove|click', formatter: tooltip },
      geo: {
        map: 'province', roam: false, nameMap: s.nameMap || undefined, layoutCenter: ['50%', '50%'], layoutSize: '96%',
        // The zones' names are written beside their points; a city's name shows when the pointer is on it.
        label: { show: false, fontSize: 11, color: '#5b6673' },
        itemStyle: { areaColor: '#ffffff', borderColor: '#7d8a99', borderWidth: 0.8 },
        emphasis: { label: { show: true, color: '#1d2733' }, itemStyle: { areaColor: '#e3ecf6' } },
        select: { disabled: true }, tooltip: { show: false }
      },
      visualMap: values.length ? {
        type: 'continuous', seriesIndex: 0, dimension: 2, min: low, max: high, calculable: false,
        orient: 'vertical', left: 8, bottom: 8, itemWidth: 12, itemHeight: 110, textStyle: { fontSize: 11 },
        text: [number(high) + ' ' + (s.unit || ''), number(low)], inRange: { color: ['#bcd7f0', '#4a8fd1', '#0a3a75'] }
      } : undefined,
      series: [
        {
          name: s.indicator || s.title, type: 'scatter', coordinateSystem: 'geo', z: 3,
          data: (values.length ? known : s.points).map(p => item(p, [p.lon, p.lat, p.value])),
          itemStyle: values.length ? { borderColor: '#fff', borderWidth: 1 } : { color: '#0b5cad', borderColor: '#fff', borderWidth: 1 },
          label: label, labelLayout: { hideOverlap: true }
        },
        {
          name: s.labels.noData, type: 'scatter', coordinateSystem: 'geo', z: 2,
          data: values.length ? s.points.filter(p => p.value == null).map(p => item(p, [p.lon, p.lat])) : [],
          itemStyle: { color: '#b8c0c9', borderColor: '#fff', borderWidth: 1 }, label: label, labelLayout: { hideOverlap: true }
        }
      ]
    };
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

  // The ECharts-compressed files of the echarts-map package write a city's islands as further rings of one polygon, which
  // ECharts now reads as holes: each such ring becomes a polygon of its own. Plain GeoJSON (an office's own file) is left as it is.
  function islands(json) {
    if (!json.UTF8Encoding) return json;
    json.features.forEach(f => {
      const g = f.geometry;
      if (!g || g.type !== 'MultiPolygon' || !g.encodeOffsets) return;
      g.coordinates = [].concat(...g.coordinates.map(p => p.map(r => [r])));
      g.encodeOffsets = [].concat(...g.encodeOffsets.map(p => p.map(o => [o])));
    });
    return json;
  }

  // Each map file is fetched once (from this server) and registered under the name the options use.
  const maps = {};
  function mapReady(url) {
    if (!maps[url]) maps[url] = fetch(url, { credentials: 'same-origin' }).then(r => {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return r.json();
    }).then(json => { echarts.registerMap('province', islands(json)); });
    return maps[url];
  }

  const charts = [];

  // Saving a chart as a PNG: the chart is drawn again on a canvas of the same size off screen (the pages draw SVG), and the
  // image is offered as a download named after the chart.
  function savePng(chart, element) {
    const holder = document.createElement('div');
    holder.style.cssText = 'position:absolute;left:-10000px;top:0;width:' + element.clientWidth + 'px;height:' + element.clientHeight + 'px';
    document.body.appendChild(holder);
    const copy = echarts.init(holder, null, { renderer: 'canvas', width: element.clientWidth, height: element.clientHeight });
    try {
      copy.setOption(chart.getOption());
      const url = copy.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
      const bytes = atob(url.split(',')[1]);
      const data = new Uint8Array(bytes.length);
      for (let i = 0; i < bytes.length; i++) data[i] = bytes.charCodeAt(i);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([data], { type: 'image/png' }));
      link.download = (element.id || element.dataset.chart) + '.png';
      document.body.appendChild(link);
      link.click();
      setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    } finally {
      copy.dispose();
      holder.remove();
    }
  }

  function saveButton(chart, element) {
    if (element.dataset.chart === 'sparkline') return; // a tile's small line: the target's own page has the chart to save
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'chart-save';
    button.textContent = chinese ? '保存为图片' : 'Save as PNG';
    const name = element.getAttribute('aria-label') ? element.getAttribute('aria-label').split(' — ')[0] : '';
    if (name) button.setAttribute('aria-label', button.textContent + (chinese ? ':' : ': ') + name);
    button.addEventListener('click', () => savePng(chart, element));
    const after = element.nextElementSibling && element.nextElementSibling.classList.contains('chart-data') ? element.nextElementSibling : element;
    after.after(button);
  }

  function draw(element, build) {
    const chart = echarts.init(element, null, { renderer: 'svg' });
    chart.setOption(build(JSON.parse(element.dataset.series)));
    chart.on('click', q => { if (q.data && q.data.url) window.location.href = q.data.url; });
    element.dataset.rendered = 'true';
    charts.push(chart);
    saveButton(chart, element);
  }

  document.querySelectorAll('.chart[data-chart]').forEach(function (element) {
    const build = kinds[element.dataset.chart];
    if (!build || typeof echarts === 'undefined') return;
    if (element.dataset.chart === 'geo-map') {
      const series = JSON.parse(element.dataset.series);
      mapReady(series.map).then(() => draw(element, build)).catch(() => { element.dataset.rendered = 'failed'; });
    } else {
      draw(element, build);
    }
  });
  const resize = () => charts.forEach(c => c.resize());
  window.addEventListener('resize', resize);
  // Printing lays the page out at the paper's width: the charts follow it.
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);
})();
