"use strict";
// The report's views, built from the JSON data block. Every piece of report
// text goes into the page as a text node or attribute, never as markup.
(() => {
  const data = JSON.parse(document.getElementById("data").textContent);
  const DIMS = ["goal", "intervention"];
  const HEAT = [59, 111, 182];  // the colour of the fullest cell
  data.evidence.forEach((row, i) => { row.i = i; });  // a row's place: its verdict is kept by it
  const state = {
    reports: new Set(data.reports.map((_, i) => i)),
    publishers: new Set(data.publishers),
    kinds: new Set(data.kinds.map((_, i) => i)),
    count: "passages",
    verified: false,  // count only the rows marked correct
    onlyNew: false,  // only the rows new since the previous run
    view: "maps",
    active: null,  // the selection whose quotes are shown
  };

  // interface text in the run's language: {name} filled from `values`
  const T = (key, values) => (data.ui[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values?.[name] ?? ""));

  function el(tag, attrs, ...children) {
    const node = tag.startsWith("svg:")
      ? document.createElementNS("http://www.w3.org/2000/svg", tag.slice(4))
      : document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    for (const child of children) node.append(child);  // strings become text nodes
    return node;
  }

  const reportOf = (row) => data.passages[row[0]][0];
  const regionCode = (row) => (row[1] < 0 ? "" : data.regions[row[1]][0]);
  // a row's identity across runs, as pipeline/identity.py makes it
  const keyOf = (row) => `${data.reports[reportOf(row)].id}|${data.passages[row[0]][6]}|${regionCode(row)}|${data.labels[DIMS[row[2]]][row[3]][0]}`;
  const chunks = makeChunks(data);
  const verdicts = makeVerdicts(data, { el, T, keyOf, chunks, reportOf, changed: () => refresh(false) });

  const included = (report) => state.reports.has(report) && state.publishers.has(data.reports[report].publisher);
  // a row is shown when its kind is chosen and, with "only new", it is new; it counts unless marked wrong (or, verified only, unless not marked correct)
  const shown = (row) => state.kinds.has(row[7]) && (!state.onlyNew || row[11] === 1);
  const comparable = (row) => shown(row) && verdicts.counts(row, state.verified);
  const rows = () => data.evidence.filter((row) => included(reportOf(row)) && comparable(row));
  const countOf = (set) => set.size;
  const labelName = (dim, label) => data.labels[DIMS[dim]][label][1];
  const regionRows = () => data.regions.map((r, i) => [i, `${r[0]} ${r[1]}`]).concat([[-1, T("no_region")]]);

  // --- filters ---------------------------------------------------------------
  function checkbox(text, title, checked, onChange) {
    const input = el("input", { type: "checkbox" });
    input.checked = checked;
    input.addEventListener("change", () => { onChange(input.checked); refresh(); });
    return el("label", title ? { title } : {}, input, " ", text);
  }

  function buildFilters() {
    const reports = document.getElementById("report-filter");
    const byNumber = data.reports.map((_, i) => i).sort((a, b) => (data.reports[a].id < data.reports[b].id ? -1 : 1));
    byNumber.forEach((i) => reports.append(checkbox(
      `${data.reports[i].label} ${data.reports[i].title}`, `${data.reports[i].publisher}; ${data.reports[i].id}`, true,
      (on) => (on ? state.reports.add(i) : state.reports.delete(i)))));
    const publishers = document.getElementById("publisher-filter");
    data.publishers.forEach((publisher) => publishers.append(checkbox(
      publisher, "", true, (on) => (on ? state.publishers.add(publisher) : state.publishers.delete(publisher)))));
    const kinds = document.getElementById("kind-filter");
    data.kinds.forEach((kind, i) => kinds.append(checkbox(
      T(`kind_${kind}`), T(`kind_${kind}_help`), true, (on) => (on ? state.kinds.add(i) : state.kinds.delete(i)))));
    document.querySelectorAll("input[name=count]").forEach((input) =>
      input.addEventListener("change", () => { state.count = input.value; refresh(); }));
    document.querySelectorAll("input[name=verified]").forEach((input) =>
      input.addEventListener("change", () => { state.verified = input.value === "verified"; refresh(); }));
    if (data.since) {
      document.getElementById("new-filter").hidden = false;
      document.getElementById("new-label").textContent = T("new_only", { since: data.since, n: data.evidence.filter((r) => r[11]).length });
      document.querySelector("input[name=only-new]").addEventListener("change", (event) => { state.onlyNew = event.target.checked; refresh(); });
    }
    document.querySelectorAll("#views button").forEach((button) => button.addEventListener("click", () => {
      state.view = button.dataset.view;
      document.querySelectorAll("#views button").forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
      document.getElementById("heatmaps").hidden = state.view !== "maps";
      document.getElementById("compare").hidden = state.view !== "compare";
      refresh();
    }));
  }

  // --- heatmaps --------------------------------------------------------------
  function cellSets(dim, evidence) {
    const sets = new Map();
    const fresh = new Set();  // cells with a row new since the previous run
    const add = (key, row) => {
      if (!sets.has(key)) sets.set(key, new Set());
      sets.get(key).add(state.count === "reports" ? reportOf(row) : row[0]);
      if (row[11]) fresh.add(key);
    };
    for (const row of evidence) {
      if (row[2] !== dim) continue;
      add(`${row[1]}|${row[3]}`, row);
      add(`${row[1]}|all`, row);
    }
    return { sets, fresh };
  }

  function heat(value, max) {
    const t = max ? value / max : 0;
    const mix = HEAT.map((c) => Math.round(255 + (c - 255) * t));
    return { background: `rgb(${mix.join(",")})`, color: t > 0.6 ? "#fff" : "#1d2733" };
  }

  function renderMap(dim, evidence) {
    const { sets, fresh } = cellSets(dim, evidence);
    const labels = data.labels[DIMS[dim]];
    let max = 0;
    sets.forEach((set, key) => { if (!key.endsWith("|all") && !key.startsWith("-1|")) max = Math.max(max, countOf(set)); });
    const head = el("tr", {}, el("th", {}, T("region_header")),
      ...labels.map(([id, name]) => el("th", { title: id, scope: "col" }, el("span", {}, name))),
      el("th", { scope: "col", title: T("all_help") }, el("span", {}, T("col_all"))));
    const body = el("tbody");
    for (const [region, name] of regionRows()) {
      const tr = el("tr", region < 0 ? { class: "none" } : {}, el("th", { scope: "row" }, name));
      labels.concat([["all", T("col_all")]]).forEach(([id, labelText], label) => {
        const key = id === "all" ? "all" : label;
        const value = sets.has(`${region}|${key}`) ? countOf(sets.get(`${region}|${key}`)) : 0;
        const isNew = data.since && fresh.has(`${region}|${key}`);
        const style = region >= 0 && id !== "all" ? heat(value, max) : { background: "#f3f5f8", color: "#1d2733" };
        const button = el("button", {
          type: "button", "data-dim": DIMS[dim], "data-region": region < 0 ? "" : data.regions[region][0],
          "data-label": id, "aria-label": `${name}, ${labelText}: ${value} ${T("count_" + state.count)}${isNew ? ", " + T("new_badge") : ""}`,
        }, value ? String(value) : "");
        button.addEventListener("click", () => show({ dim, region, label: key, report: null }));
        const td = el("td", { class: `${id === "all" ? "total" : ""}${isNew ? " new" : ""}`.trim() }, button);
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
      && (sel.report === null || reportOf(row) === sel.report);
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

  // the passages of a selection among the reports `test` admits: counted rows first, those marked wrong after
  function passagesOf(sel, test) {
    const found = new Map();  // passage -> {rows, surfaces, spans}
    for (const row of data.evidence) {
      if (!test(reportOf(row)) || !shown(row) || !matches(row, sel)) continue;
      if (!verdicts.counts(row, state.verified) && verdicts.verdict(row) !== "wrong") continue;  // verified only: unmarked rows out
      const entry = found.get(row[0]) || { rows: [], surfaces: new Set(), spans: new Set() };
      entry.rows.push(row);
      if (row[6]) row[6].split("; ").forEach((s) => entry.surfaces.add(s));
      if (row[8]) entry.spans.add(row[8]);
      found.set(row[0], entry);
    }
    const wrong = (p) => found.get(p).rows.every((row) => verdicts.verdict(row) === "wrong");
    const order = [...found.keys()].sort((a, b) => wrong(a) - wrong(b) || data.passages[a][0] - data.passages[b][0]
      || data.passages[a][1] - data.passages[b][1] || a - b);
    return { found, order, counted: order.filter((p) => !wrong(p)) };
  }

  function article(p, entry) {
    const [report, page, section, quote, id, printed] = data.passages[p];
    const r = data.reports[report];
    const where = printed ? T("page_printed", { printed, page }) : T("page_file", { page });
    const box = el("article", { "data-passage": id },
      el("div", { class: "meta" }, `${r.title} (${r.publisher}, ${r.year ?? T("year_unknown")}), ${where}${section ? " · " + section : ""}`),
      el("p", { class: "sentence" }, tying(quote, entry.spans)),
      el("blockquote", {}, ...marked(quote, [...entry.surfaces], entry.spans)),
      alsoIn(id));
    if (entry.rows.some((row) => row[11] === 1) && data.since) box.prepend(el("span", { class: "badge new" }, T("new_badge")));
    for (const row of entry.rows) {
      const region = row[1] < 0 ? "" : ` · ${data.regions[row[1]][1]}`;
      const why = `${labelName(row[2], row[3])}${region}: ${T("kind_" + data.kinds[row[7]])} (${T("score")} ${row[4]}${row[5] ? "; " + row[5] : ""})`;
      box.append(el("div", { class: "why", "data-label": data.labels[DIMS[row[2]]][row[3]][0], "data-region": regionCode(row) },
        el("span", {}, why), verdicts.controls(row, box)));
    }
    return box;
  }

  function heading(count, reports) {
    return `: ${T(count === 1 ? "n_passage" : "n_passages", { n: count })} ${T(reports === 1 ? "in_report" : "in_reports", { n: reports })}`;
  }

  function title(sel) {
    const region = sel.region === null ? T("any_region") : sel.region < 0 ? T("no_region") : data.regions[sel.region][1];
    const label = sel.label === "all" ? T(sel.dim ? "any_intervention" : "any_goal") : labelName(sel.dim, sel.label);
    return `${region} × ${label}${sel.report === null ? "" : T("within_report", { report: data.reports[sel.report].label })}`;
  }

  // the reports with rows in a selection among those `test` admits: whose text the quotes need
  const reportsOf = (sel, test) => new Set(data.evidence.filter((row) => test(reportOf(row)) && matches(row, sel)).map(reportOf));

  function show(sel) {
    state.active = sel;
    chunks.then(reportsOf(sel, included), () => { if (state.active === sel) listQuotes(sel); });
  }

  function listQuotes(sel) {
    const { found, order, counted } = passagesOf(sel, included);
    const reports = new Set(counted.map((p) => data.passages[p][0]));
    const box = document.getElementById("quotes");
    box.replaceChildren(el("h2", {}, T("quotes")), el("p", { class: "selection" }, el("strong", {}, title(sel)),
      heading(counted.length, reports.size) + (order.length > counted.length ? T("n_wrong", { n: order.length - counted.length }) : "")));
    for (const p of order) box.append(article(p, found.get(p)));
    markActive();
  }

  function markActive() {  // the cell whose quotes are listed
    const sel = state.active;
    document.querySelectorAll("table.heat td.active").forEach((td) => td.classList.remove("active"));
    if (!sel || sel.report !== null) return;
    const cell = document.querySelector(`#map-${DIMS[sel.dim]} button[data-region="${sel.region < 0 ? "" : data.regions[sel.region][0]}"][data-label="${sel.label === "all" ? "all" : data.labels[DIMS[sel.dim]][sel.label][0]}"]`);
    if (cell) cell.parentElement.classList.add("active");
  }

  function showSides(sel, sides) {  // the compare view's cell: each side's quotes under its name
    state.active = null;
    const reports = new Set(sides.flatMap((side) => [...reportsOf(sel, side.test)]));
    chunks.then(reports, () => listSides(sel, sides));
  }

  function listSides(sel, sides) {
    const box = document.getElementById("quotes");
    box.replaceChildren(el("h2", {}, T("quotes")), el("p", { class: "selection" }, el("strong", {}, title(sel))));
    for (const side of sides) {
      const { found, order, counted } = passagesOf(sel, side.test);
      const reports = new Set(counted.map((p) => data.passages[p][0]));
      const group = el("section", { class: "side-quotes" }, el("h3", {}, side.name + heading(counted.length, reports.size)));
      for (const p of order) group.append(article(p, found.get(p)));
      box.append(group);
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
      const key = `${row[3]}|${reportOf(row)}`;
      if (!sets.has(key)) sets.set(key, new Set());
      sets.get(key).add(row[0]);
    }
    const share = (label, report) => (data.reports[report].passages ? (sets.get(`${label}|${report}`)?.size || 0) / data.reports[report].passages : 0);
    let top = 0;
    labels.forEach((_, l) => reports.forEach((r) => { top = Math.max(top, share(l, r)); }));
    top = Math.max(0.05, Math.ceil(top * 20) / 20);
    const W = 560, H = 300, L = 48, R = 40, T0 = 14, B = 64;
    const x = (i) => L + (reports.length > 1 ? (i * (W - L - R)) / (reports.length - 1) : (W - L - R) / 2);
    const y = (v) => T0 + (1 - v / top) * (H - T0 - B);
    const chartTitle = T(`dimension_${DIMS[dim]}_plural`);
    const svg = el("svg:svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": T("spread_aria", { title: chartTitle }) });
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
          el("svg:title", {}, T("spread_point", { name, report: data.reports[r].label, share: (share(l, r) * 100).toFixed(1) })));
        dot.addEventListener("click", () => show({ dim, region: null, label: l, report: r }));
        svg.append(dot);
      });
      legend.append(entry);
    });
    document.getElementById(`spread-${DIMS[dim]}`).replaceChildren(el("h3", {}, chartTitle), svg, legend);
  }

  const compare = makeCompare(data, {
    el, T, DIMS, heat, reportOf, comparable, regionRows, showSides, count: () => state.count,
  });

  // `quotes`: list the active selection's quotes again (not after a verdict: the list stays as it is read)
  function refresh(quotes = true) {
    const evidence = rows();
    if (state.view === "compare") compare.render();
    else DIMS.forEach((_, dim) => renderMap(dim, evidence));
    DIMS.forEach((_, dim) => renderSpread(dim, evidence));
    if (state.active && quotes) show(state.active);
    else markActive();
  }

  // --- how themes travel (data.themes: computed over the whole corpus) -------
  const THEMES = data.themes;

  function alsoIn(id) {  // the other places a passage's wording stands (reuse.csv)
    const places = THEMES && THEMES.alsoIn[id];
    if (!places) return "";
    const where = places.map(([report, page, printed, share, relation]) =>
      `${data.reports[report].label}, ${printed ? T("page_short", { page: printed }) : T("pdf_page", { page })} (${T("reuse_" + relation.replace(/ /g, "_"))}, ${T("shared", { share: Math.round(share * 100) })})`);
    return el("div", { class: "also" }, T("also_in") + where.join("; "));
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
    const W = 620, H = 280, L = 48, R = 20, T0 = 14, B = 40;
    const x = (i) => L + (years.length > 1 ? (i * (W - L - R)) / (years.length - 1) : (W - L - R) / 2);
    const y = (v) => T0 + (1 - v / top) * (H - T0 - B);
    const svg = el("svg:svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": T("timeline_aria") });
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
        el("svg:title", {}, T("timeline_point", { name, n: v[1], all: v[2], share: (v[0] * 100).toFixed(1) })))));
      legend.append(el("div", {}, el("span", { class: "sw", style: `background:${colour}` }), by === "region" ? `${g} ${name}` : name));
    });
    const note = T(by === "region" ? "timeline_region_note" : "timeline_publisher_note");
    document.getElementById("timeline").replaceChildren(el("p", { class: "hint" }, note), svg, legend);
  }

  function renderFirst() {
    const { key } = themeLabel();
    const rows = THEMES.first.filter((r) => r[0] === key).sort((a, b) => (a[3] ?? 1e9) - (b[3] ?? 1e9) || a[1].localeCompare(b[1]));
    if (!rows.length) {
      document.getElementById("first-mentions").replaceChildren(el("p", { class: "hint" }, T("first_none")));
      return;
    }
    const head = el("tr", {}, ...["year", "region_header", "first_report", "page_header", "kind_header", "quote_header", "reports_header", "since_header"].map((h) => el("th", {}, T(h))));
    const body = rows.map(([, code, region, year, report, page, printed, quote, kind, count, since]) => el("tr", {},
      el("td", {}, year === null ? "?" : String(year)), el("td", {}, `${code} ${region}`), el("td", {}, data.reports[report].label),
      el("td", {}, printed ? String(printed) : `PDF ${page}`), el("td", {}, T("kind_" + kind)), el("td", { class: "quote" }, quote),
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
      const td = el("td", { title: `${name(0, goal)} × ${name(1, interventions[j])}: ${T(v === 1 ? "n_passage" : "n_passages", { n: v })}` }, el("button", { type: "button", tabindex: "-1" }, v ? String(v) : ""));
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
      const group = el("optgroup", { label: T(`dimension_${dim}_plural`) });
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
