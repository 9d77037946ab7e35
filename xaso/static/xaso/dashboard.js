// Draws the commune dashboard's chart from data-* attributes the server rendered (no build step, no CDN).
// Readable from a 390 px phone to a wide screen: labels wrap inside the width they are given (full text in the
// tooltip), the grid makes room for them, and the chart is laid out again when the window changes size.
(function () {
  var el = document.getElementById("area-chart");
  if (!el || !window.echarts || !window.xaso) return;
  var fmt = window.xaso.formatNumber;
  var labels = (el.dataset.labels || "").split("|").filter(Boolean);
  var values = (el.dataset.values || "").split("|").map(Number);
  var chart = null;
  var drawnWidth = 0;

  function draw() {
    var width = el.clientWidth;
    if (!width || width === drawnWidth) return;
    drawnWidth = width;
    var narrow = width < 560;
    var labelWidth = Math.round(Math.min(260, Math.max(96, width * (narrow ? 0.42 : 0.3))));
    el.style.height = labels.length * (narrow ? 52 : 36) + 40 + "px";
    if (chart) {
      chart.dispatchAction({ type: "hideTip" });  // a tooltip placed for the old width would stick out of the new one
      chart.resize();
    } else {
      chart = echarts.init(el, null, { renderer: "svg" });
    }
    chart.setOption({
      grid: { left: 4, right: 44, top: 8, bottom: 4, containLabel: true },
      tooltip: {
        trigger: "axis", axisPointer: { type: "shadow" }, confine: true, className: "chart-tooltip",
        formatter: function (items) {
          var item = items[0];
          return echarts.format.encodeHTML(item.name) + ": <strong>" + fmt(item.value, 1) + "</strong>/100";
        },
      },
      xAxis: { type: "value", min: 0, max: 100, interval: narrow ? 50 : 20, axisLabel: { formatter: function (v) { return fmt(v); }, hideOverlap: true } },
      yAxis: {
        type: "category", data: labels, inverse: true,
        axisLabel: { interval: 0, width: labelWidth, overflow: "break", lineHeight: 14, fontSize: 12 },
      },
      series: [{
        type: "bar", data: values, barMaxWidth: 24, itemStyle: { color: "#0b5cad" },
        label: { show: true, position: "right", formatter: function (p) { return fmt(p.value, 1); } },
      }],
      animation: false,
    });
  }

  draw();
  window.addEventListener("resize", draw);
})();
