// Draws the dashboards' charts from data-* attributes the server rendered (no build step, no CDN).
(function () {
  var el = document.getElementById("area-chart");
  if (!el || !window.echarts) return;
  var labels = (el.dataset.labels || "").split("|").filter(Boolean);
  var values = (el.dataset.values || "").split("|").map(Number);
  var chart = echarts.init(el, null, { renderer: "svg" });
  chart.setOption({
    grid: { left: 170, right: 30, top: 10, bottom: 30 },
    xAxis: { type: "value", min: 0, max: 100 },
    yAxis: { type: "category", data: labels, inverse: true },
    series: [{ type: "bar", data: values, label: { show: true, position: "right" }, itemStyle: { color: "#0b5cad" } }],
    animation: false,
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
