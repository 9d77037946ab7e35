// Draws the dashboards' charts from data-* attributes the server rendered (no build step, no CDN).
(function () {
  var el = document.getElementById("area-chart");
  if (!el || !window.echarts) return;
  var labels = (el.dataset.labels || "").split("|").filter(Boolean);
  var values = (el.dataset.values || "").split("|").map(Number);
  var chart = echarts.init(el, null, { renderer: "svg" });
  chart.setOption({
    grid: { left: 250, right: 40, top: 10, bottom: 30 },
    xAxis: { type: "value", min: 0, max: 100 },
    yAxis: { type: "category", data: labels, inverse: true },
    series: [{ type: "bar", data: values, label: { show: true, position: "right" }, itemStyle: { color: "#0b5cad" } }],
    animation: false,
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
(function () {
  var el = document.getElementById("heatmap");
  var data = document.getElementById("heat-data");
  if (!el || !data || !window.echarts) return;
  var heat = JSON.parse(data.textContent);
  var chart = echarts.init(el, null, { renderer: "svg" });
  chart.setOption({
    grid: { left: 130, right: 20, top: 10, bottom: 150 },
    xAxis: { type: "category", data: heat.areas, axisLabel: { rotate: 35, interval: 0 } },
    yAxis: { type: "category", data: heat.communes, inverse: true },
    visualMap: { min: 0, max: 100, orient: "horizontal", left: "center", bottom: 0, inRange: { color: ["#b3261e", "#f2c94c", "#1e7b34"] } },
    series: [{ type: "heatmap", data: heat.data.filter(function (d) { return d[2] !== null; }), label: { show: heat.communes.length <= 15 } }],
    animation: false,
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
