"use strict";
// Verdicts on evidence rows, marked on the quotes (✓ correct, ✗ wrong, a note). A mark
// counts on the page at once and is kept in this browser until a run has applied it;
// "download" writes every verdict the page knows as verdicts.csv, the file
// `reformtrace run --verdicts` reads. A row is named by its report, its passage's
// text, region and label (pipeline/identity.py), so a mark outlives a rerun.
function makeVerdicts(data, app) {
  const { el, T, keyOf, changed } = app;
  const STORE = "reformtrace-verdicts";  // localStorage: {row key: {v: "correct" | "wrong" | "", n: note}}, this browser's changes
  const WORDS = ["", "correct", "wrong"];  // a row's verdict in the data: an index into these
  const COLUMNS = ["report_id", "passage_id", "region_code", "label", "verdict", "note", "sentence", "quote"];
  // a row's key and the row of a key, made when first asked: a large run's page has hundreds of thousands of rows
  const keys = [];
  const keyAt = (i) => (keys[i] ??= keyOf(data.evidence[i]));
  let byKey = null;
  const rowOf = (key) => (byKey ??= new Map(data.evidence.map((_, i) => [keyAt(i), i]))).get(key);
  const given = data.evidence.map((row) => ({ v: WORDS[row[9]], n: row[10] }));  // what the run applied
  const current = given.map((mark) => ({ ...mark }));
  const store = read();
  for (const [key, mark] of Object.entries(store)) {
    const i = rowOf(key);
    if (i === undefined) continue;  // a row of another page (another run's folder): kept for it
    if (mark.v === given[i].v && mark.n === given[i].n) delete store[key];  // applied by a run since: done
    else current[i] = { v: mark.v, n: mark.n };
  }
  write();

  function read() {
    try { return JSON.parse(localStorage.getItem(STORE) || "{}") || {}; } catch (e) { return {}; }
  }
  function write() {
    try { localStorage.setItem(STORE, JSON.stringify(store)); } catch (e) { /* no storage (a private window): marks last as long as the page */ }
  }
  function set(i, v, n) {
    current[i] = { v, n };
    if (v === given[i].v && n === given[i].n) delete store[keyAt(i)];
    else store[keyAt(i)] = { v, n };
    write();
  }
  const pending = () => Object.keys(store).filter((key) => rowOf(key) !== undefined).length;

  function status() {
    const marked = current.filter((mark) => mark.v).length;
    const waiting = pending();
    document.getElementById("verdict-status").textContent = waiting
      ? T("verdicts_pending", { n: waiting, all: marked })
      : T("verdicts_saved", { n: marked, unmatched: data.unmatched.length });
    document.getElementById("verdict-bar").classList.toggle("pending", waiting > 0);
  }

  // one row's buttons and note; `article` takes the class "wrong" while every row in it is marked wrong
  function controls(row, article) {
    const i = row.i;
    const ok = el("button", { type: "button", class: "v-correct", title: T("mark_correct") }, "✓");
    const bad = el("button", { type: "button", class: "v-wrong", title: T("mark_wrong") }, "✗");
    const note = el("input", { type: "text", class: "v-note", placeholder: T("note_placeholder"), "aria-label": T("note_label") });
    note.value = current[i].n;
    const show = () => {
      ok.setAttribute("aria-pressed", String(current[i].v === "correct"));
      bad.setAttribute("aria-pressed", String(current[i].v === "wrong"));
      const rows = [...article.querySelectorAll(".v-wrong")];
      article.classList.toggle("wrong", rows.length > 0 && rows.every((b) => b.getAttribute("aria-pressed") === "true"));
    };
    const mark = (v) => {
      set(i, current[i].v === v ? "" : v, current[i].n);  // a second click takes the mark back
      show();
      status();
      changed(row);
    };
    ok.addEventListener("click", () => mark("correct"));
    bad.addEventListener("click", () => mark("wrong"));
    note.addEventListener("change", () => { set(i, current[i].v, note.value.trim()); status(); });
    const box = el("span", { class: "verdict" }, ok, bad, note);
    queueMicrotask(show);  // once the article holds all its rows
    return box;
  }

  function csv() {
    const field = (value) => (/[",\n\r;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
    const lines = [];
    data.evidence.forEach((row, i) => {
      if (!current[i].v) return;
      const [report, , , quote, passageId] = data.passages[row[0]];
      const spans = row[8].split(";").filter(Boolean).map((s) => s.split("-").map(Number));
      const [reportId, , region, label] = keyAt(i).split("|");
      lines.push([reportId, passageId, region, label, current[i].v, current[i].n, spans.map(([a, b]) => quote.slice(a, b)).join(" "), quote]);
    });
    for (const u of data.unmatched) lines.push(COLUMNS.map((c) => u[c] ?? ""));  // rows gone since: kept, never dropped
    const order = (line) => line.slice(0, 4).join("\u0000");
    lines.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
    return "\ufeff" + [COLUMNS, ...lines].map((line) => line.map((v) => field(String(v))).join(",")).join("\n") + "\n";
  }

  function download() {  // once the text of every report with a verdict is there
    const reports = new Set(data.evidence.filter((row, i) => current[i].v).map(app.reportOf));
    app.chunks.then(reports, save);
  }

  function save() {
    const url = URL.createObjectURL(new Blob([csv()], { type: "text/csv;charset=utf-8" }));
    const link = el("a", { href: url, download: "verdicts.csv" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  document.getElementById("verdict-download").addEventListener("click", download);
  status();
  return {
    verdict: (row) => current[row.i].v,
    // whether a row counts: never when marked wrong; with `verifiedOnly`, only when marked correct
    counts: (row, verifiedOnly) => current[row.i].v !== "wrong" && (!verifiedOnly || current[row.i].v === "correct"),
    controls,
    csv,
  };
}
