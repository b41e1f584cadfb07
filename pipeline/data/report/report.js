"use strict";
// The report's views, built from the JSON data block. Every piece of report
// text goes into the page as a text node or attribute, never as markup.
(() => {
  const data = JSON.parse(document.getElementById("data").textContent);
  const DIMS = ["goal", "intervention"];
  const KIND_HELP = {
    done: "the measure is in place, introduced or carried out", planned: "it will be done, is planned or decided",
    measured: "a figure, share or result of it", mentioned: "named without any of these",
  };
  const HEAT = [59, 111, 182];  // the colour of the fullest cell
  const state = {
    reports: new Set(data.reports.map((_, i) => i)),
    publishers: new Set(data.publishers),
    kinds: new Set(data.kinds.map((_, i) => i)),
    count: "passages",
    active: null,  // the selection whose quotes are shown
  };

  function el(tag, attrs, ...children) {
    const node = tag.startsWith("svg:")
      ? document.createElementNS("http://www.w3.org/2000/svg", tag.slice(4))
      : document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    for (const child of children) node.append(child);  // strings become text nodes
    return node;
  }

  const included = (report) => state.reports.has(report) && state.publishers.has(data.reports[report].publisher);
  const rows = () => data.evidence.filter((row) => included(data.passages[row[0]][0]) && state.kinds.has(row[7]));
  const countOf = (set) => set.size;
  const labelName = (dim, label) => data.labels[DIMS[dim]][label][1];

  // --- filters ---------------------------------------------------------------
  function checkbox(text, title, checked, onChange) {
    const input = el("input", { type: "checkbox" });
    input.checked = checked;
    input.addEventListener("change", () => { onChange(input.checked); refresh(); });
    return el("label", title ? { title } : {}, input, " ", text);
  }

  function buildFilters() {
    const reports = document.getElementById("report-filter");
    data.reports.forEach((report, i) => reports.append(checkbox(
      `${report.label} ${report.title}`, `${report.publisher}; ${report.id}`, true,
      (on) => (on ? state.reports.add(i) : state.reports.delete(i)))));
    const publishers = document.getElementById("publisher-filter");
    data.publishers.forEach((publisher) => publishers.append(checkbox(
      publisher, "", true, (on) => (on ? state.publishers.add(publisher) : state.publishers.delete(publisher)))));
    const kinds = document.getElementById("kind-filter");
    data.kinds.forEach((kind, i) => kinds.append(checkbox(
      kind, KIND_HELP[kind], true, (on) => (on ? state.kinds.add(i) : state.kinds.delete(i)))));
    document.querySelectorAll("input[name=count]").forEach((input) =>
      input.addEventListener("change", () => { state.count = input.value; refresh(); }));
  }

  // --- heatmaps --------------------------------------------------------------
  function cellSets(dim, evidence) {
    const sets = new Map();
    const add = (key, row) => {
      if (!sets.has(key)) sets.set(key, new Set());
      sets.get(key).add(state.count === "reports" ? data.passages[row[0]][0] : row[0]);
    };
    for (const row of evidence) {
      if (row[2] !== dim) continue;
      add(`${row[1]}|${row[3]}`, row);
      add(`${row[1]}|all`, row);
    }
    return sets;
  }

  function heat(value, max) {
    const t = max ? value / max : 0;
    const mix = HEAT.map((c) => Math.round(255 + (c - 255) * t));
    return { background: `rgb(${mix.join(",")})`, color: t > 0.6 ? "#fff" : "#1d2733" };
  }

  function renderMap(dim, evidence) {
    const sets = cellSets(dim, evidence);
    const labels = data.labels[DIMS[dim]];
    let max = 0;
    sets.forEach((set, key) => { if (!key.endsWith("|all") && !key.startsWith("-1|")) max = Math.max(max, countOf(set)); });
    const head = el("tr", {}, el("th", {}, "Region"),
      ...labels.map(([id, name]) => el("th", { title: id, scope: "col" }, el("span", {}, name))),
      el("th", { scope: "col" }, el("span", {}, "All")));
    const body = el("tbody");
    const regions = data.regions.map((r, i) => [i, `${r[0]} ${r[1]}`]).concat([[-1, "No region named"]]);
    for (const [region, name] of regions) {
      const tr = el("tr", region < 0 ? { class: "none" } : {}, el("th", { scope: "row" }, name));
      labels.concat([["all", "All"]]).forEach(([id, labelText], label) => {
        const key = id === "all" ? "all" : label;
        const value = sets.has(`${region}|${key}`) ? countOf(sets.get(`${region}|${key}`)) : 0;
        const style = region >= 0 && id !== "all" ? heat(value, max) : { background: "#f3f5f8", color: "#1d2733" };
        const button = el("button", {
          type: "button", "data-dim": DIMS[dim], "data-region": region < 0 ? "" : data.regions[region][0],
          "data-label": id, "aria-label": `${name}, ${labelText}: ${value} ${state.count}`,
        }, value ? String(value) : "");
        button.addEventListener("click", () => show({ dim, region, label: key, report: null }));
        const td = el("td", { class: id === "all" ? "total" : "" }, button);
        td.style.background = style.background;
        td.style.color = style.color;
        tr.append(td);
      });
      body.append(tr);
    }
    const box = document.querySelector(`#map-${DIMS[dim]} .scroll`);
    box.replaceChildren(el("table", { class: "heat" }, el("thead", {}, head), body));
  }

  // --- quotes ----------------------------------------------------------------
  function matches(row, sel) {
    return row[2] === sel.dim
      && (sel.region === null || row[1] === sel.region)
      && (sel.label === "all" || row[3] === sel.label)
      && (sel.report === null || data.passages[row[0]][0] === sel.report);
  }

  // The quote with its tying sentences (spans "a-b;c-d" into it) and the region's names marked.
  function marked(text, surfaces, spans) {
    const ties = [...spans].flatMap((s) => s.split(";")).filter(Boolean).map((s) => s.split("-").map(Number))
      .sort((a, b) => a[0] - b[0]);
    const parts = [];
    let at = 0;
    for (const [a, b] of ties) {
      if (a < at) continue;
      parts.push(...names(text.slice(at, a), surfaces), el("mark", { class: "tie" }, ...names(text.slice(a, b), surfaces)));
      at = b;
    }
    parts.push(...names(text.slice(at), surfaces));
    return parts;
  }

  function names(text, surfaces) {
    const words = surfaces.filter(Boolean).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    if (!words.length || !text) return [text];
    return text.split(new RegExp(`(${words.join("|")})`)).map((part, i) => (i % 2 ? el("mark", {}, part) : part));
  }

  function tying(text, spans) {  // the sentences that tie region and label, shown first
    const ties = [...new Set([...spans].flatMap((s) => s.split(";")).filter(Boolean))]
      .map((s) => s.split("-").map(Number)).sort((a, b) => a[0] - b[0]);
    return ties.map(([a, b]) => text.slice(a, b)).join(" … ");
  }

  function show(sel) {
    state.active = sel;
    document.querySelectorAll("table.heat td.active").forEach((td) => td.classList.remove("active"));
    const found = new Map();  // passage -> {surfaces, why}
    for (const row of rows()) {
      if (!matches(row, sel)) continue;
      const entry = found.get(row[0]) || { surfaces: new Set(), why: new Map(), spans: new Set() };
      if (row[6]) row[6].split("; ").forEach((s) => entry.surfaces.add(s));
      if (row[8]) entry.spans.add(row[8]);
      entry.why.set(row[3], `${labelName(row[2], row[3])}: ${data.kinds[row[7]]} (score ${row[4]}${row[5] ? "; " + row[5] : ""})`);
      found.set(row[0], entry);
    }
    const order = [...found.keys()].sort((a, b) => data.passages[a][0] - data.passages[b][0] || data.passages[a][1] - data.passages[b][1] || a - b);
    const region = sel.region === null ? "Any region" : sel.region < 0 ? "No region named" : data.regions[sel.region][1];
    const label = sel.label === "all" ? (sel.dim ? "any intervention" : "any goal") : labelName(sel.dim, sel.label);
    const reports = new Set(order.map((p) => data.passages[p][0]));
    const title = `${region} × ${label}${sel.report === null ? "" : " in " + data.reports[sel.report].label}`;
    const box = document.getElementById("quotes");
    box.replaceChildren(el("h2", {}, "Quotes"), el("p", { class: "selection" }, el("strong", {}, title),
      `: ${order.length} passage${order.length === 1 ? "" : "s"} in ${reports.size} report${reports.size === 1 ? "" : "s"}`));
    for (const p of order) {
      const [report, page, section, quote, id, printed] = data.passages[p];
      const r = data.reports[report];
      const entry = found.get(p);
      box.append(el("article", { "data-passage": id },
        el("div", { class: "meta" }, `${r.title} (${r.publisher}, ${r.year ?? "year unknown"}), ${printed ? `page ${printed} (PDF page ${page})` : `page ${page} of the file`}${section ? " · " + section : ""}`),
        el("p", { class: "sentence" }, tying(quote, entry.spans)),
        el("blockquote", {}, ...marked(quote, [...entry.surfaces], entry.spans)),
        alsoIn(id),
        el("div", { class: "why" }, [...entry.why.values()].join(" · "))));
    }
    if (sel.report === null) {
      const cell = document.querySelector(`#map-${DIMS[sel.dim]} button[data-region="${sel.region < 0 ? "" : data.regions[sel.region][0]}"][data-label="${sel.label === "all" ? "all" : data.labels[DIMS[sel.dim]][sel.label][0]}"]`);
      if (cell) cell.parentElement.classList.add("active");
    }
  }

  // --- theme spread ----------------------------------------------------------
  const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94"];

  function renderSpread(dim, evidence) {
    const reports = data.reports.map((_, i) => i).filter(included);
    const labels = data.labels[DIMS[dim]];
    const sets = new Map();
    for (const row of evidence) {
      if (row[2] !== dim) continue;
      const key = `${row[3]}|${data.passages[row[0]][0]}`;
      if (!sets.has(key)) sets.set(key, new Set());
      sets.get(key).add(row[0]);
    }
    const share = (label, report) => (data.reports[report].passages ? (sets.get(`${label}|${report}`)?.size || 0) / data.reports[report].passages : 0);
    let top = 0;
    labels.forEach((_, l) => reports.forEach((r) => { top = Math.max(top, share(l, r)); }));
    top = Math.max(0.05, Math.ceil(top * 20) / 20);
    const W = 560, H = 300, L = 48, R = 40, T = 14, B = 64;
    const x = (i) => L + (reports.length > 1 ? (i * (W - L - R)) / (reports.length - 1) : (W - L - R) / 2);
    const y = (v) => T + (1 - v / top) * (H - T - B);
    const svg = el("svg:svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `Theme spread: ${DIMS[dim]}s` });
    for (const v of [0, top / 2, top]) {
      svg.append(el("svg:line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#e3e8ee" }),
        el("svg:text", { x: L - 6, y: y(v) + 4, "text-anchor": "end" }, `${Math.round(v * 100)}%`));
    }
    reports.forEach((r, i) => svg.append(el("svg:text", { x: x(i), y: H - B + 16, "text-anchor": "middle" }, data.reports[r].label)));
    const legend = el("div", { class: "legend" });
    const focus = (id) => {  // one label's line stands out while the pointer is on it
      svg.classList.toggle("focus", id !== null);
      svg.querySelectorAll("[data-label]").forEach((node) => node.classList.toggle("on", node.getAttribute("data-label") === id));
    };
    labels.forEach(([id, name], l) => {
      const colour = PALETTE[l % PALETTE.length];
      const line = el("svg:polyline", { points: reports.map((r, i) => `${x(i)},${y(share(l, r))}`).join(" "), fill: "none", stroke: colour, "stroke-width": 2, "data-label": id });
      const entry = el("div", { "data-label": id }, el("span", { class: "sw", style: `background:${colour}` }), name);
      for (const node of [line, entry]) {
        node.addEventListener("mouseenter", () => focus(id));
        node.addEventListener("mouseleave", () => focus(null));
      }
      svg.append(line);
      reports.forEach((r, i) => {
        const dot = el("svg:circle", { cx: x(i), cy: y(share(l, r)), r: 4, fill: colour, "data-label": id, "data-report": data.reports[r].id },
          el("svg:title", {}, `${name}, ${data.reports[r].label}: ${(share(l, r) * 100).toFixed(1)}% of passages`));
        dot.addEventListener("click", () => show({ dim, region: null, label: l, report: r }));
        svg.append(dot);
      });
      legend.append(entry);
    });
    const title = dim ? "Kinds of intervention" : "Reform goals";
    document.getElementById(`spread-${DIMS[dim]}`).replaceChildren(el("h3", {}, title), svg, legend);
  }

  function refresh() {
    const evidence = rows();
    DIMS.forEach((_, dim) => { renderMap(dim, evidence); renderSpread(dim, evidence); });
    if (state.active) show(state.active);
  }

  // --- how themes travel (data.themes: computed over the whole corpus) -------
  const THEMES = data.themes;

  function alsoIn(id) {  // the other places a passage's wording stands (reuse.csv)
    const places = THEMES && THEMES.alsoIn[id];
    if (!places) return "";
    const where = places.map(([report, page, printed, share, relation]) =>
      `${data.reports[report].label}, ${printed ? "page " + printed : "PDF page " + page} (${relation}, ${Math.round(share * 100)}% shared)`);
    return el("div", { class: "also" }, "Also in: " + where.join("; "));
  }

  function themeLabel() {
    const [dim, label] = document.getElementById("theme-label").value.split("|");
    return { key: `${dim}|${label}`, dim: Number(dim), label };
  }

  function renderTimeline() {
    const { key } = themeLabel();
    const by = document.getElementById("theme-by").value;
    const years = THEMES.years;
    const groups = THEMES.timeline[by].groups;
    const values = THEMES.timeline[by].values[key] || {};
    let top = 0;
    groups.forEach(([g]) => (values[g] || []).forEach((v) => { if (v) top = Math.max(top, v[0]); }));
    top = Math.max(0.01, Math.ceil(top * 100) / 100);
    const W = 620, H = 280, L = 48, R = 20, T = 14, B = 40;
    const x = (i) => L + (years.length > 1 ? (i * (W - L - R)) / (years.length - 1) : (W - L - R) / 2);
    const y = (v) => T + (1 - v / top) * (H - T - B);
    const svg = el("svg:svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Theme timeline" });
    for (const v of [0, top / 2, top]) {
      svg.append(el("svg:line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#e3e8ee" }),
        el("svg:text", { x: L - 6, y: y(v) + 4, "text-anchor": "end" }, `${(v * 100).toFixed(1)}%`));
    }
    years.forEach((year, i) => svg.append(el("svg:text", { x: x(i), y: H - B + 16, "text-anchor": "middle" }, String(year))));
    const legend = el("div", { class: "legend" });
    groups.forEach(([g, name], n) => {
      const series = values[g] || [];
      const points = series.map((v, i) => (v ? [x(i), y(v[0]), v] : null)).filter(Boolean);
      if (!points.some((p) => p[2][1] > 0)) return;  // no passage with the label: no line
      const colour = PALETTE[n % PALETTE.length];
      svg.append(el("svg:polyline", { points: points.map((p) => `${p[0]},${p[1]}`).join(" "), fill: "none", stroke: colour, "stroke-width": 2, "data-group": g }));
      points.forEach(([px, py, v]) => svg.append(el("svg:circle", { cx: px, cy: py, r: 3.5, fill: colour },
        el("svg:title", {}, `${name}: ${v[1]} of ${v[2]} passages (${(v[0] * 100).toFixed(1)}%)`))));
      legend.append(el("div", {}, el("span", { class: "sw", style: `background:${colour}` }), by === "region" ? `${g} ${name}` : name));
    });
    const note = by === "region" ? "Share of the passages that give evidence about the region that year." : "Share of the publisher's passages that year.";
    document.getElementById("timeline").replaceChildren(el("p", { class: "hint" }, note), svg, legend);
  }

  function renderFirst() {
    const { key } = themeLabel();
    const rows = THEMES.first.filter((r) => r[0] === key).sort((a, b) => (a[3] ?? 1e9) - (b[3] ?? 1e9) || a[1].localeCompare(b[1]));
    if (!rows.length) {
      document.getElementById("first-mentions").replaceChildren(el("p", { class: "hint" }, "No region has evidence of this label."));
      return;
    }
    const head = el("tr", {}, ...["year", "region", "first report", "page", "kind", "quote", "reports", "since"].map((h) => el("th", {}, h)));
    const body = rows.map(([, code, region, year, report, page, printed, quote, kind, count, since]) => el("tr", {},
      el("td", {}, year === null ? "?" : String(year)), el("td", {}, `${code} ${region}`), el("td", {}, data.reports[report].label),
      el("td", {}, printed ? String(printed) : `PDF ${page}`), el("td", {}, kind), el("td", { class: "quote" }, quote),
      el("td", { class: "num" }, String(count)), el("td", { class: "num" }, String(since))));
    document.getElementById("first-mentions").replaceChildren(el("table", { class: "plain first" }, el("thead", {}, head), el("tbody", {}, ...body)));
  }

  function renderCooccurrence() {
    const { goals, interventions, values } = THEMES.cooccurrence;
    const name = (dim, id) => (data.labels[DIMS[dim]].find((l) => l[0] === id) || [id, id])[1];
    const max = Math.max(1, ...values.flat());
    const head = el("tr", {}, el("th", {}, ""), ...interventions.map((id) => el("th", { title: id, scope: "col" }, el("span", {}, name(1, id)))));
    const body = goals.map((goal, i) => el("tr", {}, el("th", { scope: "row" }, name(0, goal)), ...values[i].map((v, j) => {
      const style = heat(v, max);
      const td = el("td", { title: `${name(0, goal)} × ${name(1, interventions[j])}: ${v} passages` }, el("button", { type: "button", tabindex: "-1" }, v ? String(v) : ""));
      td.style.background = style.background;
      td.style.color = style.color;
      return td;
    })));
    document.getElementById("cooccurrence").replaceChildren(el("table", { class: "heat" }, el("thead", {}, head), el("tbody", {}, ...body)));
  }

  function buildThemes() {
    if (!THEMES) { document.getElementById("themes").hidden = true; return; }
    const select = document.getElementById("theme-label");
    DIMS.forEach((dim, d) => {
      const group = el("optgroup", { label: d ? "Kinds of intervention" : "Goals" });
      data.labels[dim].forEach(([id, name]) => group.append(el("option", { value: `${d}|${id}` }, name)));
      select.append(group);
    });
    select.value = data.labels.intervention.length ? `1|${data.labels.intervention[0][0]}` : select.value;
    const draw = () => { renderTimeline(); renderFirst(); };
    select.addEventListener("change", draw);
    document.getElementById("theme-by").addEventListener("change", renderTimeline);
    draw();
    renderCooccurrence();
  }

  buildFilters();
  buildThemes();
  refresh();
  document.body.setAttribute("data-ready", "1");
})();
