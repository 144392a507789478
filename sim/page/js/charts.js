// The run's charts, drawn in the browser. The server sends a "spec" (the charts, their
// series, labels and colours) once per run and then "rows": the per-step table's new
// rows, column by column. Legends sit above each chart, never on the data.

function niceStep(span, ticks) {
  const raw = span / Math.max(1, ticks), power = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 2.5, 5, 10]) if (raw <= m * power) return m * power;
  return 10 * power;
}

function fmt(v) {
  const a = Math.abs(v);
  if (a >= 1000) return v.toLocaleString("en-US", { maximumFractionDigits: 0 });
  if (a >= 10 || Number.isInteger(v)) return String(Math.round(v * 10) / 10);
  return v.toFixed(a < 1 ? 2 : 1);
}

function seriesValues(data, s) {
  const raw = data[s.key] || [];
  if (!s.cumsum) return raw;
  let total = 0;
  return raw.map((v) => (total += v || 0));
}

function legendHtml(chart) {
  const items = chart.series.map((s) => {
    const line = s.kind === "bar"
      ? `<i class="bar" style="background:${s.colour}"></i>`
      : `<i class="line" style="border-top:${Math.max(2, s.width || 2)}px ${s.dash && s.dash.length ? "dashed" : "solid"} ${s.colour}"></i>`;
    return `<span class="peacesim-legend-item">${line}<span>${s.label}</span></span>`;
  });
  return items.join("");
}

function drawChart(canvas, chart, data, xMax) {
  const dpr = window.devicePixelRatio || 1;
  const cssW = canvas.clientWidth || 400, cssH = canvas.clientHeight || 220;
  if (canvas.width !== Math.round(cssW * dpr)) {
    canvas.width = Math.round(cssW * dpr); canvas.height = Math.round(cssH * dpr);
  }
  const g = canvas.getContext("2d");
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, cssW, cssH);
  const left = 52, right = 10, top = 8, bottom = 30;
  const W = cssW - left - right, H = cssH - top - bottom;
  const years = (data.day || []).map((d) => d / 365);
  const n = years.length;
  const values = chart.series.map((s) => seriesValues(data, s));
  let lo = chart.ymin, hi = chart.ymax;
  if (lo == null || hi == null) {
    let min = 0, max = 0;
    chart.series.forEach((s, k) => values[k].forEach((v) => {
      if (v == null) return;
      const signed = (s.sign || 1) * v;
      min = Math.min(min, signed); max = Math.max(max, signed);
    }));
    if (lo == null) lo = min;
    if (hi == null) hi = Math.max(max, lo + 1);
    if (chart.symmetric) { const m = Math.max(-lo, hi); lo = -m; hi = m; }
  }
  const X = (t) => left + (t / xMax) * W;
  const Y = (v) => top + H - ((v - lo) / (hi - lo)) * H;
  g.font = "12px sans-serif"; g.fillStyle = "#444"; g.strokeStyle = "#e3e3e3"; g.lineWidth = 1;
  const yStep = niceStep(hi - lo, 4);
  g.textAlign = "right"; g.textBaseline = "middle";
  for (let v = Math.ceil(lo / yStep) * yStep; v <= hi + 1e-9; v += yStep) {
    g.beginPath(); g.moveTo(left, Y(v)); g.lineTo(left + W, Y(v)); g.stroke();
    g.fillText(fmt(chart.symmetric ? Math.abs(v) : v), left - 5, Y(v));
  }
  const xStep = niceStep(xMax, 6);
  g.textAlign = "center"; g.textBaseline = "top";
  for (let t = 0; t <= xMax + 1e-9; t += xStep) g.fillText(fmt(t), X(t), top + H + 4);
  g.fillText("years since day 0", left + W / 2, top + H + 16);
  g.strokeStyle = "#999"; g.beginPath(); g.moveTo(left, top); g.lineTo(left, top + H);
  g.lineTo(left + W, top + H); g.stroke();
  if (chart.symmetric) { g.beginPath(); g.moveTo(left, Y(0)); g.lineTo(left + W, Y(0)); g.stroke(); }
  g.save(); g.translate(12, top + H / 2); g.rotate(-Math.PI / 2); g.textAlign = "center";
  g.textBaseline = "middle"; g.fillText(chart.ylabel, 0, 0); g.restore();
  g.save(); g.beginPath(); g.rect(left, top - 4, W + 4, H + 8); g.clip();
  const barW = Math.max(1, W / Math.max(1, xMax * 365 / (chart.days_per_step || 7)) - 0.5);
  chart.series.forEach((s, k) => {
    const vs = values[k];
    g.strokeStyle = s.colour; g.fillStyle = s.colour;
    if (s.kind === "bar") {
      for (let i = 0; i < n; i++) {
        const v = (vs[i] || 0) * (s.sign || 1);
        if (v) g.fillRect(X(years[i]) - barW, Math.min(Y(0), Y(v)), barW, Math.abs(Y(v) - Y(0)));
      }
      return;
    }
    g.lineWidth = s.width || 2; g.setLineDash(s.dash || []);
    g.beginPath();
    let open = false;
    for (let i = 0; i < n; i++) {
      const v = vs[i];
      if (v == null) { open = false; continue; }
      const x = X(years[i]), y = Y(v);
      if (!open) { g.moveTo(x, y); open = true; }
      else if (s.step) { g.lineTo(x, Y(vs[i - 1])); g.lineTo(x, y); }
      else g.lineTo(x, y);
    }
    g.stroke(); g.setLineDash([]);
  });
  g.restore();
  canvas.dataset.rows = String(n);
}

function render({ model, el }) {
  el.classList.add("peacesim-charts");
  const grid = document.createElement("div");
  grid.className = "peacesim-chart-grid";
  el.appendChild(grid);
  let spec = null, data = {}, rows = 0, panels = [], pending = false;

  function draw() {
    pending = false;
    if (!spec) return;
    const started = performance.now();
    spec.charts.forEach((chart, k) => drawChart(panels[k].canvas, chart, data, spec.x_max_years));
    el.dataset.rows = String(rows);
    el.dataset.run = String(spec.run);
    el.dataset.drawMs = (performance.now() - started).toFixed(2);
  }
  function later() { if (!pending) { pending = true; requestAnimationFrame(draw); } }

  function onSpec(msg) {
    spec = msg; data = {}; rows = 0;
    grid.innerHTML = "";
    panels = msg.charts.map((chart) => {
      const box = document.createElement("div");
      box.className = `peacesim-chart peacesim-chart-${chart.id}`;
      box.innerHTML = `<div class="peacesim-chart-title">${chart.title}</div>` +
        `<div class="peacesim-chart-legend">${legendHtml(chart)}</div>`;
      const canvas = document.createElement("canvas");
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", chart.title);
      box.appendChild(canvas);
      if (chart.note) {
        const note = document.createElement("div");
        note.className = "peacesim-chart-note"; note.textContent = chart.note;
        box.appendChild(note);
      }
      grid.appendChild(box);
      return { box, canvas };
    });
    later();
  }

  function onRows(msg) {
    if (!spec || msg.run !== spec.run || msg.start !== rows) {
      spec = null; model.send({ type: "ready" });
      return;
    }
    for (const [key, values] of Object.entries(msg.columns)) {
      (data[key] = data[key] || []).push(...values);
    }
    rows += (msg.columns.day || []).length;
    later();
  }

  model.on("msg:custom", (msg) => {
    if (msg.type === "spec") onSpec(msg);
    else if (msg.type === "rows") onRows(msg);
  });
  const resize = new ResizeObserver(later);
  resize.observe(el);
  model.send({ type: "ready" });
  return () => resize.disconnect();
}

export default { render };
