"use strict";
// A large run's text beside the page (report_files/, pipeline/report/html_parts.py): the
// page holds what it counts by, and each report's quotes, sections and reasons are read
// from its script when they are shown. A small run's page holds all: nothing to read.
function makeChunks(data) {
  const read = new Map();  // report -> the promise of its script
  window.reformtraceChunk = ([, part]) => {  // what a report's script calls, with [report, its text]
    for (const [p, section, quote, id, printed] of part.passages) Object.assign(data.passages[p], { 2: section, 3: quote, 4: id, 5: printed });
    for (const [i, score, why, surface, spans] of part.rows) Object.assign(data.evidence[i], { 4: score, 5: why, 6: surface, 8: spans });
    if (data.themes) Object.assign(data.themes.alsoIn, part.alsoIn);
  };
  function one(report) {
    if (!read.has(report)) {
      read.set(report, new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = `${data.chunks}/r${report}.js`;
        script.onload = resolve;
        script.onerror = () => { read.delete(report); reject(new Error(`cannot read ${script.src}`)); };
        document.head.append(script);
      }));
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
