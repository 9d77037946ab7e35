// Numbers written the Vietnamese way in the browser (1.234,5: thousands dot, decimal comma): the twin of
// format_number in xaso/core/numbers.py, used by every chart for its labels, tooltips and axes.
(function () {
  function formatNumber(value, decimals) {
    if (value === null || value === undefined || value === "") return "";
    var number = Number(value);
    if (!isFinite(number)) return "";
    // Without a number of decimals, as many as the value has (float noise such as 0.1 + 0.2 dropped).
    var text = decimals == null ? String(parseFloat(number.toFixed(10))) : number.toFixed(decimals);
    var parts = text.split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return parts.length > 1 ? whole + "," + parts[1] : whole;
  }
  window.xaso = window.xaso || {};
  window.xaso.formatNumber = formatNumber;
})();
