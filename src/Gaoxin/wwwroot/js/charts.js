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
    }
  };

  document.querySelectorAll('.chart[data-chart]').forEach(function (element) {
    const build = kinds[element.dataset.chart];
    if (!build || typeof echarts === 'undefined') return;
    const chart = echarts.init(element, null, { renderer: 'svg' });
    chart.setOption(build(JSON.parse(element.dataset.series)));
    element.dataset.rendered = 'true';
    window.addEventListener('resize', () => chart.resize());
  });
})();
