// "Select by search" in the workspace: only real matches, never a fuzzy near-miss. A cell matches when the query is
// its technique ID or the start of one (AML.T0051 also finds AML.T0051.000), or when every word of the query is a
// word of the cell's name or, from three letters on, the start of one ("prompt inj" finds "LLM Prompt Injection";
// "promt" finds nothing).
function words(text) {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export function matches(technique, name, query) {
  const q = query.trim().toLowerCase();
  if (!q) return false;
  const id = technique.toLowerCase();
  if (/^aml\.[a-z]/.test(q)) return id === q || (id.startsWith(q) && q.length >= 6);
  const nameWords = words(name);
  return words(q).every((w) => nameWords.some((n) => n === w || (w.length >= 3 && n.startsWith(w))));
}

// The matching cells of a view: those drawn (visible) and how many more match among folded or hidden sub-techniques.
export function matchCells(view, query, hideDisabled) {
  const visible = [];
  let folded = 0;
  for (const col of view.columns) {
    for (const cell of col.cells) {
      const shown = !(hideDisabled && !cell.enabled);
      if (matches(cell.technique, cell.name, query)) {
        if (shown) visible.push({ technique: cell.technique, tactic: cell.tactic, name: cell.name, tacticName: col.name });
        else folded++;
      }
      for (const sub of cell.subtechniques || []) {
        if (!matches(sub.technique, sub.name, query)) continue;
        if (shown && cell.expanded && !(hideDisabled && !sub.enabled)) {
          visible.push({ technique: sub.technique, tactic: sub.tactic, name: sub.name, tacticName: col.name });
        } else {
          folded++;
        }
      }
    }
  }
  return { visible, folded };
}
