// The report page: reads the JSON in #data, draws texts, list, timeline (plotly) and network.
"use strict";
(function () {
  performance.mark("report-start");
  const D = JSON.parse(document.getElementById("data").textContent);
  performance.mark("report-parsed");
  const R = D.records;
  const EVENTS = [];
  R.forEach((r, i) => { if (r.type === "event") EVENTS.push(i); });
  const MAX_GLYPHS = 300;
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
  const name = (id) => (D.names[id] ? `${D.names[id]} (${id})` : id);
  const short = (s, n) => (s.length > n ? s.slice(0, n - 1) + "\u2026" : s);

  $("title").textContent = D.title;
  document.title = D.title;
  $("legend").innerHTML = Object.entries(D.colours)
    .map(([k, c]) => `<span><i style="background:${c}"></i>${k}</span>`).join("") +
    '<span><i style="background:#7f7f7f"></i>actor, place, membership</span>' +
    '<span><i class="gap" style="border:1px solid #ccc"></i>sentence no evidence covers</span>';

  // -- sources ---------------------------------------------------------------
  $("sources").innerHTML = D.sources.map((s) => {
    const head = `<h3>${esc(s.title)} <span class="hint">(${s.spans} evidence spans` +
      (s.html === null ? ", no source text)" : `, ${s.gaps} uncovered sentences)`) + "</span></h3>";
    return `<div class="source" data-source="${esc(s.id)}">${head}${s.html === null ? "" : s.html}</div>`;
  }).join("") || '<p class="hint">No sources.</p>';

  // -- filters -----------------------------------------------------------------
  function fill(select, values, label) {
    select.insertAdjacentHTML("beforeend", [...values].sort()
      .map((v) => `<option value="${esc(v)}">${esc(label(v))}</option>`).join(""));
  }
  fill($("f-kind"), new Set(EVENTS.map((i) => R[i].kind)), (v) => v);
  fill($("f-status"), new Set(EVENTS.map((i) => R[i].status)), (v) => v);
  fill($("f-actor"), new Set(EVENTS.flatMap((i) => R[i].actors)), name);
  const shownNow = () => {
    const k = $("f-kind").value, s = $("f-status").value, a = $("f-actor").value;
    return EVENTS.filter((i) => (!k || R[i].kind === k) && (!s || R[i].status === s) &&
      (!a || R[i].actors.includes(a)));
  };

  // -- event list --------------------------------------------------------------
  const when = (i) => R[i].data.when;
  $("events").innerHTML = EVENTS.map((i) =>
    `<li data-rec="${i}"><code>${esc(when(i))}</code> <b>${R[i].kind}</b> <i>${R[i].status}</i> ` +
    `${esc(R[i].summary || R[i].id)}</li>`).join("");

  performance.mark("report-listed");
  // -- the record panel --------------------------------------------------------
  const row = (k, v) => (v === undefined || v === null || v === "" ? "" : `<dt>${k}</dt><dd>${v}</dd>`);
  function timeText(r) {
    const b = r.bounds;
    const certain = b.latestStart <= b.earliestEnd ? `${b.latestStart} to ${b.earliestEnd}` : "no day for certain";
    return `${esc(r.data.when)} (precision: ${b.precision})<br>may cover: ${b.earliest || (b.openStart ? "unbounded" : "?")}` +
      ` to ${b.latest || (b.openEnd ? "unbounded" : "?")}<br>certainly covers: ${certain}`;
  }
  function showRecord(i, others) {
    const r = R[i], d = r.data;
    const box = $("record");
    box.dataset.record = r.id;
    let h = `<dl>${row("record", `${r.type} <code>${esc(r.id)}</code>`)}`;
    if (r.type === "event") {
      h += row("kind", r.kind) + row("status", r.status) + row("summary", esc(d.summary || ""));
      h += row("time", timeText(r));
      h += row("participants", (d.participants || []).map((p) => esc(name(p.actor)) + ` \u2013 ${p.role}` +
        (p.title ? `, ${esc(p.title)}` : "") + (p.on_behalf_of ? `, for ${esc(name(p.on_behalf_of))}` : "")).join("<br>"));
      h += row("place", d.place && esc(d.place));
      h += row("relations", (d.relations || []).map((x) => `${x.kind} <code>${esc(x.target)}</code>`).join("<br>"));
      h += row("codes", (d.codes || []).map((c) => `${c.scheme} ${esc(c.code)}`).join(", "));
      const extra = Object.entries(d).filter(([k]) => !["kind", "id", "summary", "participants", "when",
        "status", "place", "relations", "codes", "note", "evidence", "sources"].includes(k));
      h += extra.map(([k, v]) => row(k, esc(typeof v === "string" ? v : JSON.stringify(v)))).join("");
    } else {
      h += Object.entries(d).filter(([k]) => !["id", "evidence", "note"].includes(k))
        .map(([k, v]) => row(k, esc(typeof v === "string" ? v : JSON.stringify(v)))).join("");
    }
    h += row("note", d.note && esc(d.note));
    h += row("evidence", r.spans.map((s, n) => `<span class="ev"><a data-span="${r.firstSpan + n}">\u201c${esc(short(s.quote, 90))}\u201d</a></span>`).join("<br>"));
    h += row("sources", (d.sources || []).map(esc).join(", "));
    h += "</dl>";
    if (others && others.length) {
      h += `<p class="also">Also here: ${others.map((o) => `<a data-rec="${o}">${esc(R[o].id)}</a>`).join(", ")}</p>`;
    }
    box.innerHTML = h;
  }
  function select(i) {
    document.querySelectorAll(".selected").forEach((e) => e.classList.remove("selected"));
    const marks = document.querySelectorAll(`mark[data-rec="${i}"]`);
    marks.forEach((m) => m.classList.add("selected"));
    const li = document.querySelector(`#events li[data-rec="${i}"]`);
    if (li) li.classList.add("selected");
    if (marks.length) marks[0].scrollIntoView({block: "center"});
    showRecord(i, []);
  }
  document.addEventListener("click", (ev) => {
    const t = ev.target;
    const mark = t.closest("mark");
    if (mark) {
      const here = [];
      for (let m = mark.parentElement.closest("mark"); m; m = m.parentElement.closest("mark")) here.push(+m.dataset.rec);
      document.querySelectorAll(".selected").forEach((e) => e.classList.remove("selected"));
      document.querySelectorAll(`mark[data-span="${mark.dataset.span}"]`).forEach((m) => m.classList.add("selected"));
      showRecord(+mark.dataset.rec, [...new Set(here)].filter((x) => x !== +mark.dataset.rec));
      return;
    }
    const li = t.closest("#events li, .also a");
    if (li) { select(+li.dataset.rec); return; }
    const ev2 = t.closest(".ev a");
    if (ev2) {
      const m = document.querySelector(`mark[data-span="${ev2.dataset.span}"]`);
      if (m) { m.scrollIntoView({block: "center"}); m.classList.add("selected"); }
    }
  });

  // -- timeline ------------------------------------------------------------------
  const SHAPE = {day: "circle", month: "square", year: "diamond"};
  function rowsOf(shown) {
    const counts = {};
    shown.forEach((i) => { counts[R[i].glyph.lane] = (counts[R[i].glyph.lane] || 0) + 1; });
    const lanes = Object.keys(counts).sort((a, b) => counts[b] - counts[a] || (a < b ? -1 : 1));
    let rows = shown.map((i) => ({recs: [i], g: R[i].glyph, kind: R[i].kind, label: R[i].summary || R[i].id}));
    if (rows.length > MAX_GLYPHS) {
      const groups = new Map();
      rows.forEach((x) => {
        const g = x.g, key = [g.lane, g.start, g.end, g.openStart, g.openEnd, x.kind, R[x.recs[0]].status, g.precision].join("|");
        if (groups.has(key)) groups.get(key).recs.push(x.recs[0]); else groups.set(key, x);
      });
      rows = [...groups.values()].map((x) => (x.recs.length > 1 ? {...x, label: `${x.recs.length} events`} : x));
    }
    const order = (x) => [lanes.indexOf(x.g.lane), x.g.start || "0000", x.g.end || "9999", R[x.recs[0]].id];
    rows.sort((a, b) => { const p = order(a), q = order(b); for (let k = 0; k < 4; k++) { if (p[k] < q[k]) return -1; if (p[k] > q[k]) return 1; } return 0; });
    return rows;
  }
  function edges(rows) {
    const days = rows.flatMap((x) => [x.g.start, x.g.end, x.g.anchor.slice(0, 10)]).filter(Boolean).map(Date.parse);
    if (!days.length) return [Date.parse("2000-01-01"), Date.parse("2000-01-02")];
    const lo = Math.min(...days), hi = Math.max(...days), pad = Math.max((hi - lo) / 20, 864e5);
    return [lo - pad, hi + pad];
  }
  const iso = (ms) => new Date(ms).toISOString().slice(0, 19);
  function drawTimeline(shown) {
    const rows = rowsOf(shown);
    const [lo, hi] = edges(rows);
    const traces = [];
    const biggest = Math.max(1, ...rows.map((x) => x.recs.length));
    for (const kind of Object.keys(D.colours)) {
      const mine = rows.map((x, y) => [x, y]).filter(([x]) => x.kind === kind);
      if (!mine.length) continue;
      const c = D.colours[kind];
      const line = (name, width, dash, colour, pick) => {
        const xs = [], ys = [];
        mine.forEach(([x, y]) => { const seg = pick(x); if (seg) { xs.push(seg[0], seg[1], null); ys.push(y, y, null); } });
        if (xs.length) traces.push({type: "scatter", mode: "lines", x: xs, y: ys, name, meta: name, showlegend: false,
          hoverinfo: "skip", line: {color: colour, width, dash}});
      };
      const lowOf = (g) => g.start || g.anchor, highOf = (g) => g.end || g.anchor;  // arrows cover the rest
      line("whisker", 1, "solid", c, (x) => [lowOf(x.g), highOf(x.g)]);
      line("certain", 9, "solid", c, (x) => x.g.certain);
      line("certain-hollow", 5, "solid", "#ffffff", (x) => (x.g.style !== "solid" ? x.g.certain : null));
      line("open", 1.5, "solid", c, (x) => (x.g.openStart === "open" ? [iso(lo), x.g.anchor] : x.g.openEnd === "open" ? [x.g.anchor, iso(hi)] : null));
      line("unknown", 1.5, "dot", c, (x) => (x.g.openStart === "unknown" ? [iso(lo), x.g.anchor] : x.g.openEnd === "unknown" ? [x.g.anchor, iso(hi)] : null));
      const heads = mine.filter(([x]) => x.g.openStart || x.g.openEnd);
      if (heads.length) traces.push({type: "scatter", mode: "markers", meta: "arrow", showlegend: false, hoverinfo: "skip",
        x: heads.map(([x]) => iso(x.g.openStart ? lo : hi)), y: heads.map(([, y]) => y),
        marker: {color: c, size: 9, symbol: heads.map(([x]) => (x.g.openStart ? "triangle-left" : "triangle-right"))}});
      traces.push({type: "scatter", mode: "markers", name: kind, meta: "glyph",
        x: mine.map(([x]) => x.g.anchor), y: mine.map(([, y]) => y), customdata: mine.map(([x]) => x.recs[0]),
        text: mine.map(([x]) => `${esc(x.label)}<br>${x.recs.length > 1 ? "" : esc(R[x.recs[0]].data.when) + " \u00b7 " + R[x.recs[0]].status}`),
        hovertemplate: "%{text}<extra></extra>",
        marker: {color: c, line: {color: c, width: 1.5},
          size: mine.map(([x]) => (x.recs.length > 1 ? 8 + 12 * Math.sqrt(x.recs.length / biggest) : 9)),
          symbol: mine.map(([x]) => SHAPE[x.g.precision] + (x.g.style === "solid" ? "" : x.g.style === "hollow" ? "-open" : "-x-open"))}});
    }
    const shapes = [], notes = [];
    let start = 0;
    rows.forEach((x, y) => {
      if (y === rows.length - 1 || rows[y + 1].g.lane !== x.g.lane) {
        if (notes.length % 2 === 0) shapes.push({type: "rect", xref: "paper", x0: 0, x1: 1, y0: start - 0.5, y1: y + 0.5, fillcolor: "#f2f2f2", line: {width: 0}, layer: "below"});
        notes.push({xref: "paper", x: 0, y: start - 0.45, yanchor: "top", xanchor: "left", text: `<b>${esc(x.g.lane)}</b>`, showarrow: false, font: {size: 11, color: "#555"}});
        start = y + 1;
      }
    });
    const layout = {height: 90 + 20 * Math.max(rows.length, 1), margin: {l: 280, r: 20, t: 20, b: 40},
      xaxis: {type: "date", range: [iso(lo), iso(hi)]}, yaxis: {autorange: "reversed", tickvals: rows.map((_, y) => y),
        ticktext: rows.map((x) => esc(short(x.label, 45))), tickfont: {size: 10}, zeroline: false, range: [rows.length - 0.5, -0.5]},
      shapes, annotations: notes, hovermode: "closest", showlegend: false};
    Plotly.react("timeline", traces, layout, {displaylogo: false, responsive: true});
    $("timeline").dataset.glyphs = rows.length;
  }

  // -- network -----------------------------------------------------------------------
  function drawNetwork() {
    const N = D.network, where = {};
    N.nodes.forEach((n) => { where[n.id] = n; });
    const biggest = Math.max(1, ...N.edges.map((e) => e.total));
    const byWidth = {};
    N.edges.forEach((e) => {
      const w = Math.round(1 + 7 * e.total / biggest);
      (byWidth[w] = byWidth[w] || []).push(e);
    });
    const traces = Object.entries(byWidth).map(([w, es]) => ({type: "scatter", mode: "lines", meta: "edge", hoverinfo: "skip",
      x: es.flatMap((e) => [where[e.a].x, where[e.b].x, null]), y: es.flatMap((e) => [where[e.a].y, where[e.b].y, null]),
      line: {width: +w, color: "rgba(76,114,176,0.6)"}}));
    const met = {};
    N.edges.forEach((e) => { met[e.a] = (met[e.a] || 0) + e.total; met[e.b] = (met[e.b] || 0) + e.total; });
    traces.push({type: "scatter", mode: "markers+text", meta: "node", x: N.nodes.map((n) => n.x), y: N.nodes.map((n) => n.y),
      text: N.nodes.map((n) => esc(n.label)), textposition: "top center", hovertext: N.nodes.map((n) => `${esc(n.label)}: ${met[n.id] || 0}`),
      hoverinfo: "text", marker: {size: N.nodes.map((n) => 8 + 2 * Math.sqrt(met[n.id] || 0) * 3), color: "#dd8452", line: {color: "#333", width: 1}}});
    const title = `${N.nodes.length} nodes, ${N.edges.length} pairs` + (N.leftOut ? ` (${N.leftOut} less connected left out)` : "");
    Plotly.newPlot("network", traces, {height: 520, showlegend: false, title: {text: title, font: {size: 12}},
      xaxis: {visible: false, range: [-1.4, 1.4]}, yaxis: {visible: false, range: [-1.3, 1.3], scaleanchor: "x"},
      margin: {l: 10, r: 10, t: 40, b: 10}}, {displaylogo: false, responsive: true});
  }

  // -- filtering -------------------------------------------------------------------------
  function apply() {
    const shown = shownNow(), on = new Set(shown);
    document.querySelectorAll("#events li").forEach((li) => li.classList.toggle("hidden", !on.has(+li.dataset.rec)));
    document.querySelectorAll("mark").forEach((m) => {
      const r = R[+m.dataset.rec];
      m.classList.toggle("dim", r.type === "event" && !on.has(+m.dataset.rec));
    });
    $("shown").textContent = `${shown.length} of ${EVENTS.length} events`;
    drawTimeline(shown);
  }
  ["f-kind", "f-status", "f-actor"].forEach((id) => $(id).addEventListener("change", apply));
  apply();
  performance.mark("report-timeline");
  $("timeline").on("plotly_click", (ev) => {
    const p = ev.points.find((q) => q.data.meta === "glyph");
    if (p) select(p.customdata);
  });
  drawNetwork();
  performance.mark("report-ready");
  document.body.dataset.ready = "yes";
})();
