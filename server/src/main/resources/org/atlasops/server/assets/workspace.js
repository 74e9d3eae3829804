// The layer workspace. It keeps each open layer's Navigator JSON, changes the fields a user edits, and saves the
// result as a new revision. How the matrix looks (fills, text colours, aggregates, sorting, expansion) is computed
// by the server's navigator engine and comes back with every save; so do upgrades, reverts and downloads.
//
// Selection is explicit: a click replaces it, Ctrl/Cmd or Shift adds, Escape or "Deselect all" empties it, and its
// count stays in view. A change that overwrites or removes annotations asks first (naming how many cells) and can be
// undone in one step: the workspace keeps the affected cells' previous entries and saves them back.
import { api, el } from './http.js';
import { confirmAction } from './confirm.js';
import { matchCells } from './cellsearch.js';

const root = document.getElementById('workspace');
const releases = (root.dataset.releases || '').split(',').filter(Boolean);
const ids = (root.dataset.ids || '').split(',').filter(Boolean);
const layers = [];
const maturities = new Map(); // release -> Promise<Map<technique ID, maturity>>

if (!ids.length) {
  root.append(el('p', {}, 'No layer chosen. ', el('a', { href: '/layers' }, 'Pick or make one on the Layers page.')));
}
setUpViewControls();
for (const id of ids) openLayer(id);

document.addEventListener('keydown', (e) => {
  // Escape empties every selection, unless it is closing a dialog
  if (e.key === 'Escape' && !document.querySelector('dialog[open]')) {
    for (const state of layers) deselectAll(state);
  }
});

// Compact, show IDs and side by side are the user's view preferences, kept in this browser only.
function setUpViewControls() {
  const toggles = [
    ['compact', 'ws-compact', false],
    ['ids', 'ws-show-ids', false],
    ['side', 'ws-side-by-side', true],
  ];
  for (const [cls, storageKey, byDefault] of toggles) {
    const button = document.querySelector(`.ws-view button[data-view="${cls}"]`);
    if (!button) continue;
    const stored = localStorage.getItem(storageKey);
    const apply = (on) => {
      root.classList.toggle(cls, on);
      button.setAttribute('aria-pressed', String(on));
    };
    apply(stored === null ? byDefault : stored === 'true');
    button.addEventListener('click', () => {
      const on = button.getAttribute('aria-pressed') !== 'true';
      localStorage.setItem(storageKey, String(on));
      apply(on);
    });
  }
  root.classList.toggle('multi', ids.length > 1);
}

async function openLayer(id) {
  const box = el('section', { class: 'ws-layer', 'data-layer': id, 'aria-label': `Layer ${id}` }, 'Loading…');
  root.append(box);
  const state = { id, box, selected: new Set(), undo: null, follow: null, maturity: new Map() };
  layers.push(state);
  try {
    await reload(state);
  } catch (e) {
    box.replaceChildren(el('p', { class: 'error' }, `Layer ${id}: ${e.message}`));
  }
}

async function reload(state) {
  const [stored, view, history] = await Promise.all([
    api('GET', `/api/v1/layers/${state.id}`),
    api('GET', `/api/v1/layers/${state.id}/view`),
    api('GET', `/api/v1/layers/${state.id}/history`),
  ]);
  Object.assign(state, { stored, view, history: history.revisions });
  state.maturity = await maturityOf(view.release);
  if (state.follow === null) state.follow = followsScores(stored.layer);
  render(state);
}

// The maturity of each technique, from the release's matrix; a release without maturity gives an empty map.
function maturityOf(release) {
  if (!maturities.has(release)) {
    maturities.set(release, api('GET', `/api/v1/releases/${encodeURIComponent(release)}/matrix`).then((m) => {
      const map = new Map();
      const walk = (t) => { if (t.maturity) map.set(t.id, t.maturity); (t.subtechniques || []).forEach(walk); };
      for (const matrix of m.matrices) for (const tactic of matrix.tactics) tactic.techniques.forEach(walk);
      return map;
    }).catch(() => new Map()));
  }
  return maturities.get(release);
}

function key(technique, tactic) { return `${technique}|${tactic}`; }

function message(state, text, error, undoable) {
  const m = state.box.querySelector('.ws-message');
  if (!m) return;
  m.className = 'ws-message ' + (error ? 'error' : 'note');
  m.replaceChildren(text);
  if (undoable && state.undo) {
    m.append(' ', el('button', { type: 'button', class: 'ws-undo-inline', onclick: () => undoCells(state) }, 'Undo'));
  }
}

// The scores present and the range they span; min below max, as the Navigator needs.
function scoreRange(layer) {
  const scores = (layer.techniques || []).map((t) => t.score).filter((s) => typeof s === 'number' && Number.isFinite(s));
  if (!scores.length) return null;
  const min = Math.min(...scores);
  const max = Math.max(...scores);
  if (min < max) return { min, max };
  const lo = Math.min(0, min);
  return { min: lo, max: max > lo ? max : lo + 1 };
}

// The range follows the scores while it is the Navigator's default (0 to 100) or already fits them.
function followsScores(layer) {
  const g = layer.gradient;
  if (!g) return true;
  if (g.minValue === 0 && g.maxValue === 100) return true;
  const r = scoreRange(layer);
  return !!r && r.min === g.minValue && r.max === g.maxValue;
}

function fitGradient(layer) {
  const r = scoreRange(layer);
  if (!r) return;
  const g = layer.gradient || { colors: ['#ff6666', '#ffe766', '#8ec843'] };
  layer.gradient = { ...g, minValue: r.min, maxValue: r.max };
}

// Saves a change as a new revision. With cells, their previous entries are kept so that the change can be undone.
async function save(state, summary, change, cells) {
  const before = state.stored.layer;
  const layer = structuredClone(before);
  change(layer);
  if (state.follow) fitGradient(layer);
  try {
    const r = await api('PUT', `/api/v1/layers/${state.id}`, { layer, based_on: state.stored.revision, summary });
    state.stored = r;
    state.view = r.view;
    state.undo = cells ? { summary, cells: cells.map((c) => ({ ...c })), entries: structuredClone(entriesOfCells(before, cells)) } : state.undo;
    state.history = (await api('GET', `/api/v1/layers/${state.id}/history`)).revisions;
    render(state);
    message(state, `Saved revision ${r.revision}: ${summary}.`, false, !!cells);
    return true;
  } catch (e) {
    if (e.status === 409) {
      await reload(state);
      message(state, `${e.message}. The layer was reloaded; apply your change again.`, true);
    } else {
      message(state, e.message, true);
    }
    return false;
  }
}

// The entries that annotate a cell: those for its tactic, and those without a tactic (they apply to every one).
function annotates(entry, cell) {
  return entry.techniqueID === cell.technique && (entry.tactic === cell.tactic || !entry.tactic);
}

function entriesOfCells(layer, cells) {
  return [...new Set((layer.techniques || []).filter((t) => cells.some((c) => annotates(t, c))))];
}

async function undoCells(state) {
  const undo = state.undo;
  if (!undo) return;
  const ok = await save(state, `undid "${undo.summary}"`, (l) => {
    l.techniques = (l.techniques || []).filter((t) => !undo.cells.some((c) => annotates(t, c)));
    l.techniques.push(...structuredClone(undo.entries));
  });
  if (ok) {
    state.undo = null;
    render(state);
    message(state, `Undone: ${undo.summary}; the ${undo.cells.length} cell(s) have their previous annotations again.`);
  }
}

function entryFor(layer, technique, tactic) {
  layer.techniques = layer.techniques || [];
  let entry = layer.techniques.find((t) => t.techniqueID === technique && t.tactic === tactic);
  if (!entry) {
    entry = { techniqueID: technique, tactic, enabled: true, comment: '', color: '', metadata: [], links: [], showSubtechniques: false };
    layer.techniques.push(entry);
  }
  return entry;
}

function selectedCells(state) {
  return [...state.selected].map((k) => { const [technique, tactic] = k.split('|'); return { technique, tactic }; });
}

function render(state) {
  const { stored, view } = state;
  const layer = stored.layer;
  const release = view.release;
  const toolbar = el('div', { class: 'ws-toolbar' },
    el('h2', {}, stored.name),
    el('span', { class: 'muted' }, `ATLAS ${release} · revision ${stored.revision} · owner ${stored.owner}`),
    el('button', { type: 'button', class: 'undo', title: 'Adds a revision with the content before the last one', onclick: async () => {
      if (!await confirmAction(`Revert the whole layer to revision ${Math.max(1, stored.revision - 1)}? This undoes the last saved change, whoever made it.`, 'Revert')) return;
      try {
        const r = await api('POST', `/api/v1/layers/${state.id}/undo`);
        state.stored = r; state.view = r.view; state.undo = null;
        state.history = (await api('GET', `/api/v1/layers/${state.id}/history`)).revisions;
        render(state); message(state, `Reverted: now revision ${r.revision}`);
      } catch (e) { message(state, e.message, true); }
    } }, 'Revert last revision'),
    el('label', {}, 'Upgrade to ', el('select', { class: 'upgrade-to' }, releases.map((v) => el('option', { selected: v === release }, v))),
      el('button', { type: 'button', onclick: async (e) => {
        const to = e.target.previousElementSibling.value;
        const n = (layer.techniques || []).length;
        if (!await confirmAction(`Move the layer's ${n} entries to ATLAS ${to}? Entries the new release has no place for are not carried; "Revert last revision" brings them back.`, 'Upgrade')) return;
        try {
          const r = await api('POST', `/api/v1/layers/${state.id}/upgrade?to=${encodeURIComponent(to)}`);
          state.undo = null;
          await reload(state);
          message(state, `Upgraded to ${to}: ${r.changes.length} change(s), ${r.not_carried.length} not carried`);
        } catch (err) { message(state, err.message, true); }
      } }, 'Upgrade')),
    el('span', {}, 'Download: ', ...['json', 'xlsx', 'svg', 'png', 'csv', 'markdown'].map((f) =>
      el('a', { href: `/api/v1/layers/${state.id}/export?format=${f}`, class: `download-${f}`, download: '' }, f.toUpperCase() + ' '))),
  );
  const matrix = el('div', { class: 'ws-matrix', role: 'grid', 'aria-label': `Matrix of ${stored.name}` });
  for (const col of view.columns) {
    const column = el('div', { class: 'ws-col', role: 'rowgroup', 'data-tactic': col.shortname },
      el('h3', {}, el('button', {
        type: 'button', class: 'ws-tactic', 'data-tactic': col.shortname,
        title: `Select the ${col.name} column (Ctrl, Cmd or Shift adds it to the selection)`,
        onclick: (e) => selectColumn(state, col, e.shiftKey || e.ctrlKey || e.metaKey),
      }, col.name)));
    for (const cell of col.cells) {
      if (layer.hideDisabled && !cell.enabled) continue;
      column.append(cellButton(state, cell, false));
      if (cell.subtechniques && cell.expanded) {
        for (const sub of cell.subtechniques) {
          if (layer.hideDisabled && !sub.enabled) continue;
          column.append(cellButton(state, sub, true));
        }
      }
    }
    matrix.append(column);
  }
  state.box.replaceChildren(toolbar, selectionBar(state), el('p', { class: 'ws-message', role: 'status' }),
    el('div', { class: 'ws-body' }, matrix, panel(state)));
  refreshSelection(state);
}

// Always in view (sticky): how many cells are selected, deselect all, undo, and select by search with its preview.
function selectionBar(state) {
  const preview = el('div', { class: 'ws-preview', hidden: true });
  const find = el('form', { class: 'ws-find', onsubmit: (e) => {
    e.preventDefault();
    showPreview(state, preview, e.target.elements.q.value);
  } },
  el('input', { name: 'q', type: 'search', placeholder: 'Select by search: ID or words of a name', 'aria-label': 'Select cells by search (ID, or whole words or word starts of a name)' }),
  el('button', { type: 'submit' }, 'Preview'));
  return el('div', { class: 'ws-selbar' },
    el('div', { class: 'ws-selbar-row' },
      el('strong', { class: 'ws-count', 'aria-live': 'polite', 'aria-atomic': 'true' }, `${state.selected.size} selected`),
      el('button', { type: 'button', class: 'ws-deselect', title: 'Deselect all (Escape)', onclick: () => deselectAll(state) }, 'Deselect all'),
      el('button', { type: 'button', class: 'ws-undo', disabled: !state.undo, onclick: () => undoCells(state) },
        state.undo ? `Undo: ${state.undo.summary}` : 'Undo'),
      find),
    preview);
}

function showPreview(state, preview, query) {
  const q = query.trim();
  if (!q) { preview.hidden = true; return; }
  const { visible, folded } = matchCells(state.view, q, state.stored.layer.hideDisabled);
  const close = el('button', { type: 'button', class: 'ws-preview-cancel', onclick: () => { preview.hidden = true; preview.replaceChildren(); } }, 'Cancel');
  const parts = [];
  if (!visible.length) {
    parts.push(el('p', {}, `Nothing matches “${q}”: a cell matches by its ID (or the start of one) or when every word you typed is a word, or the start of a word of three letters or more, of its name.`));
  } else {
    parts.push(el('p', {}, `${visible.length} cell(s) match “${q}”:`),
      el('ul', { class: 'ws-preview-list' }, visible.map((c) => el('li', { 'data-technique': c.technique, 'data-tactic': c.tactic }, `${c.technique} ${c.name} (${c.tacticName})`))));
  }
  if (folded) parts.push(el('p', { class: 'muted' }, `${folded} more among folded or hidden sub-techniques; expand them in Layer settings to select them.`));
  const keys = visible.map((c) => key(c.technique, c.tactic));
  const buttons = el('div', { class: 'inline' });
  if (keys.length) {
    buttons.append(
      el('button', { type: 'button', class: 'ws-preview-select', onclick: () => { state.selected = new Set(keys); preview.hidden = true; refreshSelection(state); } }, `Select these ${keys.length}`),
      el('button', { type: 'button', class: 'ws-preview-add', onclick: () => { keys.forEach((k) => state.selected.add(k)); preview.hidden = true; refreshSelection(state); } }, 'Add to selection'));
  }
  buttons.append(close);
  preview.replaceChildren(el('div', { role: 'region', 'aria-label': 'Cells the search would select' }, ...parts, buttons));
  preview.hidden = false;
}

function cellButton(state, cell, sub) {
  const k = key(cell.technique, cell.tactic);
  const style = cell.fill ? `background:${cell.fill};color:${cell.text}` : '';
  const maturity = state.maturity.get(cell.technique);
  const label = `${cell.technique} ${cell.name}` + (cell.score !== undefined ? `, score ${cell.score}` : '') + (cell.comment ? `, comment: ${cell.comment}` : '')
    + (maturity ? `, maturity ${maturity}` : '');
  return el('button', {
    type: 'button', class: 'ws-cell' + (sub ? ' sub' : '') + (cell.enabled ? '' : ' disabled'), style,
    'data-technique': cell.technique, 'data-tactic': cell.tactic, 'aria-pressed': String(state.selected.has(k)),
    title: label, 'aria-label': label,
    onclick: (e) => select(state, k, e.shiftKey || e.ctrlKey || e.metaKey),
  }, cell.score !== undefined ? el('span', { class: 'score' }, formatScore(cell.score)) : null,
  el('span', { class: 'ws-id' }, cell.technique + ' '),
  cell.name + (cell.subtechniques && !cell.expanded ? ` (${cell.subtechniques.length})` : ''),
  maturity ? el('span', { class: `maturity m-${maturity}`, 'aria-hidden': 'true' }, maturity.charAt(0).toUpperCase()) : null);
}

function formatScore(s) { return Number.isInteger(s) ? String(s) : s.toFixed(1); }

// A plain click selects only this cell (or, on the only selected cell, nothing); with a modifier it toggles the cell.
function select(state, k, add) {
  if (!add) {
    const only = state.selected.size === 1 && state.selected.has(k);
    state.selected.clear();
    if (!only) state.selected.add(k);
  } else if (state.selected.has(k)) {
    state.selected.delete(k);
  } else {
    state.selected.add(k);
  }
  refreshSelection(state);
}

// The cells drawn in a column: parents, and the sub-techniques shown under them.
function columnKeys(state, col) {
  const hide = state.stored.layer.hideDisabled;
  const keys = [];
  for (const cell of col.cells) {
    if (hide && !cell.enabled) continue;
    keys.push(key(cell.technique, cell.tactic));
    if (cell.expanded) (cell.subtechniques || []).filter((s) => !hide || s.enabled).forEach((s) => keys.push(key(s.technique, s.tactic)));
  }
  return keys;
}

function selectColumn(state, col, add) {
  if (!add) state.selected.clear();
  columnKeys(state, col).forEach((k) => state.selected.add(k));
  refreshSelection(state);
}

function deselectAll(state) {
  if (!state.selected.size) return;
  state.selected.clear();
  refreshSelection(state);
}

function refreshSelection(state) {
  for (const b of state.box.querySelectorAll('.ws-cell')) {
    b.setAttribute('aria-pressed', String(state.selected.has(key(b.dataset.technique, b.dataset.tactic))));
  }
  const count = state.box.querySelector('.ws-count');
  if (count) count.textContent = `${state.selected.size} selected`;
  const deselect = state.box.querySelector('.ws-deselect');
  if (deselect) deselect.disabled = state.selected.size === 0;
  const first = selectedCells(state)[0];
  const entry = first && (state.stored.layer.techniques || []).find((t) => t.techniqueID === first.technique && t.tactic === first.tactic);
  const details = state.box.querySelector('.ws-details');
  if (details) details.replaceChildren(...(state.selected.size === 1 ? cellDetails(state, first) : []));
  const form = state.box.querySelector('form.ws-edit');
  if (form && state.selected.size === 1) {
    form.elements.score.value = entry && entry.score !== undefined ? entry.score : '';
    form.elements.comment.value = entry ? entry.comment || '' : '';
    form.elements.enabled.checked = entry ? entry.enabled !== false : true;
    form.dataset.filled = 'true';
  } else if (form && form.dataset.filled === 'true') {
    // the values shown were one cell's: they must not silently go to every cell of a larger selection
    form.elements.score.value = '';
    form.elements.comment.value = '';
    form.elements.enabled.checked = true;
    delete form.dataset.filled;
  }
}

function findCell(view, technique, tactic) {
  for (const col of view.columns) {
    for (const c of col.cells) {
      if (c.technique === technique && c.tactic === tactic) return c;
      for (const sub of c.subtechniques || []) if (sub.technique === technique && sub.tactic === tactic) return sub;
    }
  }
  return null;
}

// A link from layer data is an anchor only when the server gave it an href (http or https URLs); any other URL,
// javascript: included, is shown as text.
function linkItem(l) {
  const label = l.label || l.url;
  return l.href ? el('a', { href: l.href, rel: 'noopener noreferrer' }, label)
    : el('span', { class: 'unlinked' }, label === l.url ? label : `${label} (${l.url})`);
}

function linksAndMetadata(links, metadata) {
  const parts = [];
  if (links && links.length) parts.push(el('ul', { class: 'ws-links' }, links.map((l) => el('li', {}, linkItem(l)))));
  if (metadata && metadata.length) {
    parts.push(el('dl', { class: 'ws-metadata' }, metadata.flatMap((m) => [el('dt', {}, m.name), el('dd', {}, m.value)])));
  }
  return parts;
}

// One selected cell: its links and metadata from the layer's entries, each with Edit and Remove. Links are drawn
// from the server's view of the cell, so only the URLs it marked as followable become anchors.
function cellDetails(state, cell) {
  const layer = state.stored.layer;
  const viewCell = findCell(state.view, cell.technique, cell.tactic);
  const hrefs = new Map(((viewCell && viewCell.links) || []).filter((l) => l.href).map((l) => [l.url, l.href]));
  const links = [];
  const metadata = [];
  (layer.techniques || []).forEach((t, ti) => {
    if (!annotates(t, cell)) return;
    (t.links || []).forEach((l, li) => { if (!l.divider && l.url !== undefined) links.push({ ti, li, label: l.label || '', url: l.url }); });
    (t.metadata || []).forEach((m, mi) => { if (!m.divider && m.name !== undefined) metadata.push({ ti, mi, name: m.name, value: m.value || '' }); });
  });
  const parts = [];
  if (links.length) {
    parts.push(el('h4', {}, 'Links'), el('ul', { class: 'ws-links' }, links.map((l) => itemRow(state, cell, 'link', l,
      linkItem({ label: l.label, url: l.url, href: hrefs.get(l.url) }),
      [['Label', 'label', l.label], ['URL', 'url', l.url]],
      (entry, v) => { entry.links[l.li] = { ...entry.links[l.li], label: v.label, url: v.url }; },
      (entry) => { entry.links.splice(l.li, 1); },
      `the link “${l.label || l.url}”`))));
  }
  if (metadata.length) {
    parts.push(el('h4', {}, 'Metadata'), el('ul', { class: 'ws-metadata' }, metadata.map((m) => itemRow(state, cell, 'metadata', m,
      el('span', {}, el('strong', {}, m.name), `: ${m.value}`),
      [['Name', 'name', m.name], ['Value', 'value', m.value]],
      (entry, v) => { entry.metadata[m.mi] = { ...entry.metadata[m.mi], name: v.name, value: v.value }; },
      (entry) => { entry.metadata.splice(m.mi, 1); },
      `the metadata “${m.name}”`))));
  }
  return parts;
}

function itemRow(state, cell, kind, item, shown, fields, edit, remove, what) {
  const li = el('li', { class: `ws-item ws-${kind}-item` });
  const show = () => li.replaceChildren(shown, ' ',
    el('button', { type: 'button', class: 'link ws-item-edit', 'aria-label': `Edit ${what}`, onclick: editing }, 'Edit'), ' ',
    el('button', { type: 'button', class: 'link ws-item-remove', 'aria-label': `Remove ${what}`, onclick: async () => {
      if (!await confirmAction(`Remove ${what} from ${cell.technique} (1 cell)? You can undo it.`, 'Remove')) return;
      save(state, `removed ${what} of ${cell.technique}`, (l) => remove(l.techniques[item.ti]), [cell]);
    } }, 'Remove'));
  function editing() {
    const form = el('form', { class: 'stack ws-item-form', onsubmit: (e) => {
      e.preventDefault();
      const v = Object.fromEntries(fields.map(([, name]) => [name, e.target.elements[name].value.trim()]));
      if (kind === 'link' && !v.url) { message(state, 'A link needs a URL.', true); return; }
      if (kind === 'metadata' && !v.name) { message(state, 'Metadata needs a name.', true); return; }
      save(state, `edited ${what} of ${cell.technique}`, (l) => edit(l.techniques[item.ti], v), [cell]);
    } },
    fields.map(([label, name, value]) => el('label', {}, label, el('input', { name, value }))),
    el('div', { class: 'inline' }, el('button', { type: 'submit', class: 'ws-item-save' }, 'Save'),
      el('button', { type: 'button', onclick: show }, 'Cancel')));
    li.replaceChildren(form);
    form.elements[fields[0][1]].focus();
  }
  show();
  return li;
}

function panel(state) {
  const layer = state.stored.layer;
  const edit = el('form', { class: 'ws-edit stack', onsubmit: async (e) => {
    e.preventDefault();
    const f = e.target.elements;
    const cells = selectedCells(state);
    if (!cells.length) { message(state, 'Select one or more cells first.', true); return; }
    const score = f.score.value.trim();
    if (score !== '' && !Number.isFinite(Number(score))) { message(state, 'The score must be a number.', true); return; }
    // overwriting the scores of several cells at once is what went unnoticed: ask first
    const scored = cells.filter((c) => (layer.techniques || []).some((t) => t.techniqueID === c.technique && t.tactic === c.tactic
      && typeof t.score === 'number' && (score === '' || t.score !== Number(score))));
    if (cells.length > 1 && scored.length
      && !await confirmAction(`Apply to ${cells.length} cells? This overwrites the score of ${scored.length} of them. You can undo it.`, `Apply to ${cells.length} cells`)) return;
    save(state, `annotated ${cells.length} cell(s)`, (l) => {
      for (const c of cells) {
        const entry = entryFor(l, c.technique, c.tactic);
        if (score === '') delete entry.score; else entry.score = Number(score);
        if (f.useColor.checked) entry.color = f.color.value;
        if (f.comment.value !== '' || state.selected.size === 1) entry.comment = f.comment.value;
        entry.enabled = f.enabled.checked;
        if (f.linkUrl.value) entry.links = [...(entry.links || []), { label: f.linkLabel.value || f.linkUrl.value, url: f.linkUrl.value }];
        if (f.metaName.value) entry.metadata = [...(entry.metadata || []), { name: f.metaName.value, value: f.metaValue.value }];
      }
    }, cells);
  } },
  el('div', { class: 'ws-details', 'aria-live': 'polite' }),
  el('label', {}, 'Score', el('input', { name: 'score', inputmode: 'decimal', class: 'ws-score' })),
  el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'useColor' }), ' Set colour ', el('input', { type: 'color', name: 'color', value: '#66b1ff' })),
  el('label', {}, 'Comment', el('textarea', { name: 'comment', rows: '2' })),
  el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'enabled', checked: true }), ' Enabled'),
  el('details', {}, el('summary', {}, 'Add a link or metadata'),
    el('label', {}, 'Link label', el('input', { name: 'linkLabel' })),
    el('label', {}, 'Link URL', el('input', { name: 'linkUrl', type: 'url', placeholder: 'https://' })),
    el('label', {}, 'Metadata name', el('input', { name: 'metaName' })),
    el('label', {}, 'Metadata value', el('input', { name: 'metaValue' }))),
  el('div', { class: 'inline' },
    el('button', { type: 'submit', class: 'apply' }, 'Apply to selection'),
    el('button', { type: 'button', class: 'ws-clear', onclick: async () => {
      const cells = selectedCells(state);
      if (!cells.length) { message(state, 'Select one or more cells first.', true); return; }
      if (!await confirmAction(`Clear the annotations (score, colour, comment, links, metadata) of ${cells.length} cell(s)? You can undo it.`, `Clear ${cells.length} cell(s)`)) return;
      const ok = await save(state, `cleared ${cells.length} cell(s)`, (l) => {
        l.techniques = (l.techniques || []).filter((t) => !cells.some((c) => c.technique === t.techniqueID && c.tactic === t.tactic));
      }, cells);
      if (ok) deselectAll(state);
    } }, 'Clear…')));

  const range = scoreRange(layer);
  const g = layer.gradient || { colors: ['#ff6666', '#ffe766', '#8ec843'], minValue: 0, maxValue: 100 };
  const shownMin = state.follow && range ? range.min : g.minValue;
  const shownMax = state.follow && range ? range.max : g.maxValue;
  const settings = el('form', { class: 'stack ws-settings', onsubmit: (e) => {
    e.preventDefault();
    const f = e.target.elements;
    const min = Number(f.min.value); const max = Number(f.max.value);
    if (!Number.isFinite(min) || !Number.isFinite(max) || min >= max) { message(state, 'The gradient needs numbers with min below max.', true); return; }
    state.follow = f.follow.checked;
    save(state, 'layer settings', (l) => {
      l.name = f.name.value.trim() || l.name;
      l.description = f.description.value;
      l.gradient = { colors: [f.c1.value, f.c2.value, f.c3.value], minValue: min, maxValue: max };
      l.sorting = Number(f.sorting.value);
      l.hideDisabled = f.hideDisabled.checked;
      l.layout = { ...(l.layout || {}), expandedSubtechniques: f.expand.value, showAggregateScores: f.aggregate.checked };
      if (f.legendLabel.value) l.legendItems = [...(l.legendItems || []), { label: f.legendLabel.value, color: f.legendColor.value }];
    });
  } },
  el('label', {}, 'Name', el('input', { name: 'name', value: layer.name, maxlength: '200' })),
  el('label', {}, 'Description', el('textarea', { name: 'description', rows: '2' }, layer.description || '')),
  el('fieldset', {}, el('legend', {}, 'Gradient'),
    el('input', { type: 'color', name: 'c1', value: hex6(g.colors[0]), 'aria-label': 'Low colour' }),
    el('input', { type: 'color', name: 'c2', value: hex6(g.colors[Math.floor(g.colors.length / 2)]), 'aria-label': 'Middle colour' }),
    el('input', { type: 'color', name: 'c3', value: hex6(g.colors[g.colors.length - 1]), 'aria-label': 'High colour' }),
    el('label', {}, 'min ', el('input', { name: 'min', value: shownMin, size: '4' })),
    el('label', {}, 'max ', el('input', { name: 'max', value: shownMax, size: '4' })),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'follow', checked: !!state.follow }),
      range ? ` Range follows the scores (now ${range.min} to ${range.max})` : ' Range follows the scores')),
  el('label', {}, 'Sorting', el('select', { name: 'sorting' }, ['name ascending', 'name descending', 'score ascending', 'score descending']
    .map((t, i) => el('option', { value: String(i), selected: (layer.sorting || 0) === i }, t)))),
  el('label', {}, 'Sub-techniques', el('select', { name: 'expand' }, ['none', 'annotated', 'all']
    .map((v) => el('option', { value: v, selected: ((layer.layout || {}).expandedSubtechniques || 'none') === v }, v === 'none' ? 'collapsed' : v === 'all' ? 'all expanded' : 'expand annotated')))),
  el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'hideDisabled', checked: !!layer.hideDisabled }), ' Hide disabled'),
  el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'aggregate', checked: !!(layer.layout || {}).showAggregateScores }), ' Aggregate scores'),
  el('fieldset', {}, el('legend', {}, 'Add legend item'), el('input', { name: 'legendLabel', placeholder: 'label' }), el('input', { type: 'color', name: 'legendColor', value: '#66b1ff' })),
  el('button', { type: 'submit' }, 'Save settings'));

  const legend = el('div', { class: 'legend' }, (layer.legendItems || []).map((i) => el('span', {}, el('span', { class: 'swatch', style: `background:${i.color}` }), i.label)));
  // the gradient as drawn; while the range follows the scores but the stored one does not fit them yet, one click fits it
  const gradient = el('div', { class: 'ws-gradient' },
    el('span', { class: 'ws-gradient-bar', style: `background:linear-gradient(to right, ${g.colors.map(hex6).join(', ')})`, 'aria-hidden': 'true' }),
    el('span', {}, `Gradient ${g.minValue} to ${g.maxValue}`));
  if (state.follow && range && (range.min !== g.minValue || range.max !== g.maxValue)) {
    gradient.append(el('p', { class: 'muted' }, `The scores run from ${range.min} to ${range.max}; the range follows them from the next change. `,
      el('button', { type: 'button', class: 'ws-fit', onclick: () => save(state, `gradient range fitted to the scores (${range.min} to ${range.max})`, () => {}) }, 'Fit now')));
  }
  const history = el('ol', { class: 'ws-history', reversed: true }, state.history.map((h) =>
    el('li', {}, `r${h.revision} ${h.summary} — ${h.author}, ${new Date(h.at).toLocaleString()}`)));
  return el('aside', { class: 'ws-panel', 'aria-label': 'Edit' },
    el('h3', {}, 'Selection'), edit, el('h3', {}, 'Legend'), gradient, legend,
    state.view.links ? el('h3', {}, 'Links') : null, ...linksAndMetadata(state.view.links, null),
    el('details', {}, el('summary', {}, 'Layer settings'), settings),
    el('details', {}, el('summary', {}, `History (${state.history.length})`), history));
}

function hex6(color) {
  if (!color) return '#ffffff';
  const c = color.startsWith('#') ? color : `#${color}`;
  return c.length >= 7 ? c.slice(0, 7) : '#ffffff';
}
