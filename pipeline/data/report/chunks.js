"use strict";
// A large run's text beside the page (report_files/, pipeline/report/html_parts.py): the
// page holds what it counts by, and each report's quotes, sections and reasons are read
// from its script when they are shown, numbered within the report (its entry in
// data.reports says where its passages and rows begin), with its "also in" places in a
// second script. A small run's page holds all: nothing to read.
function makeChunks(data) {
  const read = new Map();  // report -> the promise of its scripts
  const at = new Map(data.reports.map((report, i) => [report.id, i]));
  window.reformtraceChunk = ([id, part]) => {  // what a report's text script calls
    const [firstPassage, firstRow] = data.reports[at.get(id)].first;
    for (const [p, section, quote, pid, printed] of part.passages) Object.assign(data.passages[firstPassage + p], { 2: section, 3: quote, 4: pid, 5: printed });
    for (const [i, score, why, surface, spans] of part.rows) Object.assign(data.evidence[firstRow + i], { 4: score, 5: why, 6: surface, 8: spans });
  };
  window.reformtraceAlso = ([, places]) => {  // what a report's "also in" script calls
    if (data.themes) Object.assign(data.themes.alsoIn, places);
  };
  function script(name) {
    return new Promise((resolve, reject) => {
      const element = document.createElement("script");
      element.src = `${data.chunks}/${name}`;
      element.onload = resolve;
      element.onerror = () => reject(new Error(`cannot read ${element.src}`));
      document.head.append(element);
    });
  }
  function one(report) {
    if (!read.has(report)) {
      const names = (data.reports[report].scripts || []).filter((name) => name);
      const promise = Promise.all(names.map(script));
      promise.catch(() => read.delete(report));
      read.set(report, promise);
    }
    return read.get(report);
  }
  // `then(reports, show)`: show once these reports' text is there (at once when the page holds it)
  return {
    then(reports, show) {
      if (!data.chunks) return show();
      return Promise.all([...reports].map(one)).then(show);
    },
  };
}
