// Live updates and charts. Everything shown comes from the server's escaped HTML or is set with textContent;
// no chain value is ever inserted as markup or evaluated as script.
(function () {
  'use strict';

  function drawCharts(root) {
    if (typeof Chart === 'undefined') { return; }
    root.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var data = JSON.parse(canvas.getAttribute('data-chart'));
      var metric = canvas.getAttribute('data-metric');
      var colours = ['#0a58ca', '#a40e26', '#116329', '#8250df', '#bc4c00'];
      var index = Object.keys(data.series).indexOf(metric);
      // one chart per metric, each on its own scale (a loss near 0.3 next to a sample count of 1,600 would vanish)
      var datasets = [{ label: metric, data: data.series[metric], borderColor: colours[index % colours.length],
                        backgroundColor: colours[index % colours.length], tension: 0, spanGaps: true }];
      var previous = Chart.getChart(canvas);
      if (previous) { previous.destroy(); }
      new Chart(canvas, {
        type: 'line',
        data: { labels: data.rounds, datasets: datasets },
        options: { animation: false, responsive: true, maintainAspectRatio: false,
                   scales: { x: { title: { display: true, text: 'round' } } } }
      });
    });
  }

  // Redraws the page's main content from the server, unless the reader is typing in it.
  function refresh() {
    var active = document.activeElement;
    if (active && (active.tagName === 'TEXTAREA' || active.tagName === 'INPUT') && active.closest('main')) {
      return Promise.resolve();
    }
    return fetch(window.location.href, { headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('main');
        var main = document.getElementById('main');
        if (fresh && main) {
          main.replaceChildren.apply(main, Array.from(fresh.childNodes));
          drawCharts(main);
        }
      });
  }

  function listen() {
    var live = document.getElementById('live');
    if (!window.EventSource || !live) { return; }
    var blocks = 0;
    var source = new EventSource('/events');
    source.onopen = function () { live.textContent = 'Live updates: on'; };
    source.onerror = function () { live.textContent = 'Live updates: reconnecting…'; };
    source.addEventListener('block', function (event) {
      var block = JSON.parse(event.data);
      blocks += 1;
      refresh().then(function () {
        live.textContent = 'Live updates: on. Block ' + block.number + ' of ' + block.channel + ' committed ('
          + block.transactions.length + ' transactions).';
        document.body.setAttribute('data-live-blocks', String(blocks));
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    drawCharts(document);
    listen();
  });
})();
