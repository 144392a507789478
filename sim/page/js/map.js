// The classroom map, drawn in the browser from the model's state.
// The server sends a "scene" (size, palette, missions, terrain layers) once per run and
// then "frame"s holding only what changed: control codes, tension (0..255), units,
// peacekeeping and observer units, and the markers of the steps since the last frame.
// Layers are row-major (y * width + x). A frame out of sequence asks for a new scene.

const MARKERS = ["violation", "riot", "offensive"];
const BUFFER_HATCH = "#9a9a9a";
const NO_ONE = "#ececec";
const IMPASSABLE = "#555555";
const SETTLEMENT_A = 1, SETTLEMENT_B = 2, SETTLEMENT_MIXED = 3;

function biasColour(bias) {
  // neutral green shading to side A's blue (+1) or side B's red (-1)
  const neutral = [38, 166, 77], a = [59, 112, 181], b = [191, 79, 77];
  const toward = bias > 0 ? a : b, w = Math.min(1, Math.abs(bias));
  const c = neutral.map((n, i) => Math.round((1 - w) * n + w * toward[i]));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function bytes(view) {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function words(view, Type) {
  const copy = view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);
  return new Type(copy);
}

function swatch(html, label, cls) {
  return `<span class="peacesim-legend-item ${cls || ""}">${html}<span>${label}</span></span>`;
}

function legendHtml(scene) {
  const items = [];
  for (const p of scene.parties) {
    items.push(swatch(`<i class="sq" style="background:${p.fill}"></i>`, `held by ${p.name}`));
  }
  items.push(swatch('<i class="sq hatch"></i>', "buffer zone (no one holds it)"));
  items.push(swatch(`<i class="sq" style="background:${NO_ONE}"></i>`, "held by no one"));
  items.push(swatch(`<i class="sq" style="background:${IMPASSABLE}"></i>`,
                    "impassable (mountains, water)"));
  items.push(swatch('<i class="sq tension"></i>', "tension: pale 0 .. deep orange 1"));
  for (const p of scene.parties) {
    items.push(swatch(`<i class="dot" style="background:${p.unit}"></i>`, `${p.name} unit`));
  }
  if (scene.missions.some((m) => m.armed)) {
    items.push(swatch('<i class="diamond" style="background:' + biasColour(0) + '"></i>',
                      "peacekeepers (colour: bias, scale below)"));
  }
  if (scene.missions.some((m) => !m.armed)) {
    items.push(swatch('<i class="tri"></i>', "observers"));
  }
  items.push(swatch('<i class="sq outline"></i>', "settlement"));
  items.push(swatch('<i class="sq outline mixed"></i>', "mixed settlement"));
  items.push(swatch("<b>×</b>", "violation"));
  items.push(swatch('<b style="color:#8e44ad">★</b>', "riot"));
  items.push(swatch('<b style="color:#d35400">▼</b>', "offensive"));
  let html = `<div class="peacesim-legend">${items.join("")}</div>`;
  if (scene.missions.some((m) => m.armed)) {
    const stops = [-1, -0.5, 0, 0.5, 1].map(biasColour).join(",");
    const biases = scene.missions.filter((m) => m.armed)
      .map((m) => `${m.name} ${m.bias >= 0 ? "+" : ""}${m.bias.toFixed(2)}`).join("; ");
    html += `<div class="peacesim-bias-scale"><span>peacekeepers' bias:</span>` +
      `<span class="end">−1 favours ${scene.bias_minus}</span>` +
      `<span class="bar" style="background:linear-gradient(to right,${stops})"></span>` +
      `<span class="end">+1 favours ${scene.bias_plus}</span>` +
      `<span class="now">now: ${biases}</span></div>`;
  }
  return html;
}

function render({ model, el }) {
  el.classList.add("peacesim-map");
  const status = document.createElement("div");
  status.className = "peacesim-day peacesim-status";
  status.textContent = "Loading the map ...";
  const canvas = document.createElement("canvas");
  canvas.className = "peacesim-map-canvas";
  canvas.setAttribute("role", "img");
  const legend = document.createElement("div");
  el.append(status, canvas, legend);

  let scene = null, layers = null, control = null, tension = null;
  let units = new Uint16Array(0), missionUnits = new Uint16Array(0), markers = [];
  let seq = 0, pending = false;

  function draw() {
    pending = false;
    if (!scene) return;
    const started = performance.now();
    const w = scene.width, h = scene.height;
    const room = Math.max(320, el.clientWidth || 640);
    const cell = Math.max(3, Math.min(18, Math.floor(room / w)));
    if (canvas.width !== w * cell) { canvas.width = w * cell; canvas.height = h * cell; }
    const g = canvas.getContext("2d");
    const fills = ["", ...scene.parties.map((p) => p.fill)];
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        let colour;
        if (!layers.passable[i]) colour = IMPASSABLE;
        else if (control[i]) colour = fills[control[i]];
        else colour = NO_ONE;
        g.fillStyle = colour;
        g.fillRect(x * cell, y * cell, cell, cell);
        if (layers.passable[i] && !control[i] && layers.buffer[i]) {
          g.strokeStyle = BUFFER_HATCH; g.lineWidth = 1;
          g.beginPath(); g.moveTo(x * cell, (y + 1) * cell); g.lineTo((x + 1) * cell, y * cell);
          g.stroke();
        }
        const t = tension[i] / 255;
        if (t > 0.02 && layers.passable[i]) {
          g.fillStyle = `rgba(226,104,18,${(0.15 + 0.7 * t).toFixed(3)})`;
          g.fillRect(x * cell, y * cell, cell, cell);
        }
        if (layers.road[i]) {
          g.fillStyle = "#8d6e63";
          g.fillRect(x * cell + cell / 2 - 1, y * cell, 2, cell);
        }
      }
    }
    for (let i = 0; i < w * h; i++) {
      const s = layers.settlement[i];
      if (!s) continue;
      const x = i % w, y = Math.floor(i / w);
      g.strokeStyle = s === SETTLEMENT_MIXED ? "#8e44ad" : "#333333";
      g.lineWidth = s === SETTLEMENT_MIXED ? 2.2 : 1.6;
      g.strokeRect(x * cell + 1.5, y * cell + 1.5, cell - 3, cell - 3);
    }
    const units3 = (arr, each) => { for (let k = 0; k + 2 < arr.length; k += 3) each(arr[k], arr[k + 1], arr[k + 2]); };
    const r = Math.max(2, cell * 0.32);
    units3(units, (x, y, code) => {
      g.fillStyle = scene.parties[code - 1].unit;
      g.strokeStyle = "white"; g.lineWidth = 0.8;
      g.beginPath(); g.arc((x + 0.5) * cell, (y + 0.5) * cell, r, 0, 2 * Math.PI);
      g.fill(); g.stroke();
    });
    units3(missionUnits, (x, y, index) => {
      const m = scene.missions[index], cx = (x + 0.5) * cell, cy = (y + 0.5) * cell;
      const s = Math.max(3, cell * 0.45);
      g.beginPath();
      if (m.armed) {
        g.moveTo(cx, cy - s); g.lineTo(cx + s, cy); g.lineTo(cx, cy + s); g.lineTo(cx - s, cy);
        g.fillStyle = biasColour(m.bias);
      } else {
        g.moveTo(cx, cy - s); g.lineTo(cx + s, cy + s * 0.8); g.lineTo(cx - s, cy + s * 0.8);
        g.fillStyle = "white";
      }
      g.closePath(); g.fill(); g.strokeStyle = "black"; g.lineWidth = 1; g.stroke();
    });
    g.textAlign = "center"; g.textBaseline = "middle";
    for (const [kind, x, y] of markers) {
      const name = MARKERS[kind];
      g.fillStyle = name === "violation" ? "black" : name === "riot" ? "#8e44ad" : "#d35400";
      g.font = `bold ${Math.max(9, Math.round(cell * (name === "violation" ? 0.9 : 1.1)))}px sans-serif`;
      g.fillText(name === "violation" ? "×" : name === "riot" ? "★" : "▼",
                 (x + 0.5) * cell, (y + 0.5) * cell);
    }
    canvas.dataset.run = String(scene.run);
    canvas.dataset.day = String(model._day || 0);
    canvas.dataset.units = String(units.length / 3);
    canvas.dataset.missionUnits = String(missionUnits.length / 3);
    canvas.dataset.drawMs = (performance.now() - started).toFixed(2);
  }

  function later() {
    if (!pending) { pending = true; requestAnimationFrame(draw); }
  }

  function onScene(msg, buffers) {
    const n = msg.width * msg.height;
    scene = msg;
    const [passable, settlement, buffer, road] = buffers.map(bytes);
    layers = { passable, settlement, buffer, road };
    control = new Uint8Array(n); tension = new Uint8Array(n);
    seq = 0;
    legend.innerHTML = legendHtml(scene);
    canvas.setAttribute("aria-label", `map, ${msg.width * msg.km_per_cell} by ` +
                        `${msg.height * msg.km_per_cell} km`);
  }

  function onFrame(msg, buffers) {
    if (!scene || msg.run !== scene.run || msg.seq !== seq + 1) {
      model.send({ type: "ready" });  // out of step: start again from a whole frame
      scene = null;
      return;
    }
    seq = msg.seq;
    let k = 0;
    for (const name of ["control", "tension"]) {
      const target = name === "control" ? control : tension;
      if (msg[name] === "full") {
        target.set(bytes(buffers[k++]));
      } else if (msg[name] === "delta") {
        const at = words(buffers[k++], Uint32Array), values = bytes(buffers[k++]);
        for (let j = 0; j < at.length; j++) target[at[j]] = values[j];
      }
    }
    if (msg.units === "full") units = words(buffers[k++], Uint16Array);
    if (msg.mission_units === "full") missionUnits = words(buffers[k++], Uint16Array);
    markers = msg.markers;
    model._day = msg.day;
    status.textContent = msg.status;
    later();
  }

  model.on("msg:custom", (msg, buffers) => {
    if (msg.type === "scene") onScene(msg, buffers);
    else if (msg.type === "frame") onFrame(msg, buffers);
  });
  const visibility = () => model.send({ type: "visibility", hidden: document.hidden });
  document.addEventListener("visibilitychange", visibility);
  const resize = new ResizeObserver(later);
  resize.observe(el);
  model.send({ type: "ready" });
  return () => {
    document.removeEventListener("visibilitychange", visibility);
    resize.disconnect();
  };
}

export default { render };
