"use strict";
// The compare view: two selections of reports side by side (publisher against publisher,
// years against years, or report against report), their region matrices in one table,
// the two sides' cells next to each other under each label; a cell with evidence on its
// side and none on the other is framed. A click on a cell lists both sides' quotes. The
// sides choose the reports; the other filters (kind, verdicts, new) apply.
function makeCompare(data, app) {
  const { el, T } = app;
  const BY = ["publisher", "year", "report"];
  const state = { by: "publisher", dim: 0, sides: [new Set(), new Set()] };
  const reportOrder = data.reports.map((_, i) => i).sort((a, b) => (data.reports[a].id < data.reports[b].id ? -1 : 1));

  function choices() {  // [value, text] of what a side can be made of
    if (state.by === "publisher") return data.publishers.map((p) => [p, p]);
    if (state.by === "year") {
      return [...new Set(data.reports.map((r) => r.year).filter((y) => y !== null))].sort().map((y) => [String(y), String(y)]);
    }
    return reportOrder.map((i) => [String(i), `${data.reports[i].label} ${data.reports[i].title}`]);
  }
  const valueOf = (report) => {
    const r = data.reports[report];
    return state.by === "publisher" ? r.publisher : state.by === "year" ? String(r.year) : String(report);
  };
  const inSide = (k) => (report) => state.sides[k].has(valueOf(report));
  const sideName = (k) => choices().filter(([v]) => state.sides[k].has(v)).map(([, text]) => (state.by === "report" ? text.split(" ")[0] : text)).join(", ") || "–";

  function select(k) {
    const box = el("select", { multiple: "", size: "5", id: `compare-${"ab"[k]}`, "aria-label": T("compare_side", { side: "AB"[k] }) });
    for (const [value, text] of choices()) {
      const option = el("option", { value }, text);
      option.selected = state.sides[k].has(value);
      box.append(option);
    }
    box.addEventListener("change", () => {
      state.sides[k] = new Set([...box.selectedOptions].map((o) => o.value));
      render();
    });
    return el("label", {}, T("compare_side", { side: "AB"[k] }), " ", box);
  }

  function buildControls() {
    const options = choices();
    state.sides = [new Set(options.slice(0, 1).map(([v]) => v)), new Set(options.slice(1, 2).map(([v]) => v))];
    const by = el("select", { id: "compare-by" }, ...BY.map((b) => el("option", { value: b }, T(`compare_by_${b}`))));
    by.value = state.by;
    by.addEventListener("change", () => { state.by = by.value; buildControls(); render(); });
    const dim = el("select", { id: "compare-dim" }, ...app.DIMS.map((d, i) => el("option", { value: String(i) }, T(`dimension_${d}`))));
    dim.value = String(state.dim);
    dim.addEventListener("change", () => { state.dim = Number(dim.value); render(); });
    document.getElementById("compare-controls").replaceChildren(
      el("label", {}, T("compare_by"), " ", by), el("label", {}, T("compare_dimension"), " ", dim), select(0), select(1));
  }

  function cells(k) {  // region|label -> passages (or reports) of side k
    const sets = new Map();
    const test = inSide(k);
    for (const row of data.evidence) {
      if (row[2] !== state.dim || !test(app.reportOf(row)) || !app.comparable(row)) continue;
      const key = `${row[1]}|${row[3]}`;
      if (!sets.has(key)) sets.set(key, new Set());
      sets.get(key).add(app.count() === "reports" ? app.reportOf(row) : row[0]);
    }
    return sets;
  }

  // one table, the two sides' cells next to each other under each label: A | B
  function table(sides, max) {
    const labels = data.labels[app.DIMS[state.dim]];
    const names = el("tr", {}, el("th", { rowspan: "2" }, T("region_header")),
      ...labels.map(([id, name]) => el("th", { title: id, scope: "colgroup", colspan: "2", class: "pair" }, el("span", {}, name))));
    const letters = el("tr", { class: "sides" }, ...labels.flatMap(() => [0, 1].map((k) => el("th", { scope: "col", title: sideName(k) }, "AB"[k]))));
    const body = el("tbody");
    for (const [region, name] of app.regionRows()) {
      const tr = el("tr", region < 0 ? { class: "none" } : {}, el("th", { scope: "row" }, name));
      labels.forEach(([id, labelText], label) => {
        const values = sides.map((sets) => sets.get(`${region}|${label}`)?.size || 0);
        [0, 1].forEach((k) => {
          const only = values[k] > 0 && values[1 - k] === 0;
          const button = el("button", {
            type: "button", "data-side": "ab"[k], "data-region": region < 0 ? "" : data.regions[region][0], "data-label": id,
            "aria-label": `${"AB"[k]}, ${name}, ${labelText}: ${values[k]} ${T("count_" + app.count())}${only ? ", " + T("compare_only") : ""}`,
          }, values[k] ? String(values[k]) : "");
          button.addEventListener("click", () => app.showSides({ dim: state.dim, region, label, report: null },
            [0, 1].map((s) => ({ name: `${"AB"[s]}: ${sideName(s)}`, test: inSide(s) }))));
          const td = el("td", { class: `${k ? "b" : "a"}${only ? " only" : ""}` }, button);
          const style = region >= 0 ? app.heat(values[k], max) : { background: "#f3f5f8", color: "#1d2733" };
          td.style.background = style.background;
          td.style.color = style.color;
          tr.append(td);
        });
      });
      body.append(tr);
    }
    return el("div", { class: "scroll" }, el("table", { class: "heat compare", id: "compare-table" }, el("thead", {}, names, letters), body));
  }

  function render() {
    const sides = [cells(0), cells(1)];
    let max = 0;
    const only = [0, 0];
    sides.forEach((sets, k) => sets.forEach((set, key) => {
      if (!key.startsWith("-1|")) max = Math.max(max, set.size);
      if (set.size && !sides[1 - k].get(key)?.size) only[k] += 1;
    }));
    document.getElementById("compare-summary").textContent = T("compare_summary", { a: only[0], b: only[1], na: sideName(0), nb: sideName(1) });
    document.getElementById("compare-maps").replaceChildren(
      el("p", { class: "sides-named" }, el("strong", {}, "A"), `: ${sideName(0)} · `, el("strong", {}, "B"), `: ${sideName(1)}`), table(sides, max));
  }

  buildControls();
  return { render };
}
