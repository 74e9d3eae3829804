// The layer workspace. It keeps each open layer's Navigator JSON, changes the fields a user edits, and saves the
// result as a new revision. How the matrix looks (fills, text colours, aggregates, sorting, expansion) is computed
// by the server's navigator engine and comes back with every save; so do upgrades, undo and downloads.
import { api, el } from './http.js';

const root = document.getElementById('workspace');
const releases = (root.dataset.releases || '').split(',').filter(Boolean);
const ids = (root.dataset.ids || '').split(',').filter(Boolean);

if (!ids.length) {
  root.append(el('p', {}, 'No layer chosen. ', el('a', { href: '/layers' }, 'Pick or make one on the Layers page.')));
}
for (const id of ids) openLayer(id);

async function openLayer(id) {
  const box = el('section', { class: 'ws-layer', 'data-layer': id, 'aria-label': `Layer ${id}` }, 'Loading…');
  root.append(box);
  const state = { id, box, selected: new Set(), anchor: null };
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
  render(state);
}

function key(technique, tactic) { return `${technique}|${tactic}`; }

function message(state, text, error) {
  const m = state.box.querySelector('.ws-message');
  if (m) { m.textContent = text; m.className = 'ws-message ' + (error ? 'error' : 'note'); }
}

async function save(state, summary, change) {
  const layer = structuredClone(state.stored.layer);
  change(layer);
  try {
    const r = await api('PUT', `/api/v1/layers/${state.id}`, { layer, based_on: state.stored.revision, summary });
    state.stored = r;
    state.view = r.view;
    state.history = (await api('GET', `/api/v1/layers/${state.id}/history`)).revisions;
    render(state);
    message(state, `Saved revision ${r.revision}: ${summary}`);
  } catch (e) {
    if (e.status === 409) {
      await reload(state);
      message(state, `${e.message}. The layer was reloaded; apply your change again.`, true);
    } else {
      message(state, e.message, true);
    }
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
    el('button', { type: 'button', class: 'undo', onclick: async () => {
      try {
        const r = await api('POST', `/api/v1/layers/${state.id}/undo`);
        state.stored = r; state.view = r.view;
        state.history = (await api('GET', `/api/v1/layers/${state.id}/history`)).revisions;
        render(state); message(state, `Undone: now revision ${r.revision}`);
      } catch (e) { message(state, e.message, true); }
    } }, 'Undo last change'),
    el('label', {}, 'Upgrade to ', el('select', { class: 'upgrade-to' }, releases.map((v) => el('option', { selected: v === release }, v))),
      el('button', { type: 'button', onclick: async (e) => {
        const to = e.target.previousElementSibling.value;
        try {
          const r = await api('POST', `/api/v1/layers/${state.id}/upgrade?to=${encodeURIComponent(to)}`);
          await reload(state);
          message(state, `Upgraded to ${to}: ${r.changes.length} change(s), ${r.not_carried.length} not carried`);
        } catch (err) { message(state, err.message, true); }
      } }, 'Upgrade')),
    el('span', {}, 'Download: ', ...['json', 'xlsx', 'svg', 'png', 'csv', 'markdown'].map((f) =>
      el('a', { href: `/api/v1/layers/${state.id}/export?format=${f}`, class: `download-${f}`, download: '' }, f.toUpperCase() + ' '))),
  );
  const matrix = el('div', { class: 'ws-matrix', role: 'grid', 'aria-label': `Matrix of ${stored.name}` });
  for (const col of view.columns) {
    const column = el('div', { class: 'ws-col', role: 'rowgroup' },
      el('h3', { tabindex: '0', title: 'Select the whole tactic', onclick: () => selectColumn(state, col),
        onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); selectColumn(state, col); } } }, col.name));
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
  state.box.replaceChildren(toolbar, el('p', { class: 'ws-message', role: 'status' }),
    el('div', { class: 'ws-body' }, matrix, panel(state)));
  refreshSelection(state);
}

function cellButton(state, cell, sub) {
  const k = key(cell.technique, cell.tactic);
  const style = cell.fill ? `background:${cell.fill};color:${cell.text}` : '';
  const label = `${cell.technique} ${cell.name}` + (cell.score !== undefined ? `, score ${cell.score}` : '') + (cell.comment ? `, comment: ${cell.comment}` : '');
  return el('button', {
    type: 'button', class: 'ws-cell' + (sub ? ' sub' : '') + (cell.enabled ? '' : ' disabled'), style,
    'data-technique': cell.technique, 'data-tactic': cell.tactic, 'aria-pressed': String(state.selected.has(k)),
    title: label, 'aria-label': label,
    onclick: (e) => select(state, k, e.shiftKey || e.ctrlKey || e.metaKey),
  }, cell.score !== undefined ? el('span', { class: 'score' }, formatScore(cell.score)) : null,
  cell.name + (cell.subtechniques && !cell.expanded ? ` (${cell.subtechniques.length})` : ''));
}

function formatScore(s) { return Number.isInteger(s) ? String(s) : s.toFixed(1); }

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

function selectColumn(state, col) {
  for (const cell of col.cells) {
    state.selected.add(key(cell.technique, cell.tactic));
    if (cell.expanded) (cell.subtechniques || []).forEach((s) => state.selected.add(key(s.technique, s.tactic)));
  }
  refreshSelection(state);
}

function refreshSelection(state) {
  for (const b of state.box.querySelectorAll('.ws-cell')) {
    b.setAttribute('aria-pressed', String(state.selected.has(key(b.dataset.technique, b.dataset.tactic))));
  }
  const count = state.box.querySelector('.ws-count');
  if (count) count.textContent = `${state.selected.size} selected`;
  const first = selectedCells(state)[0];
  const entry = first && (state.stored.layer.techniques || []).find((t) => t.techniqueID === first.technique && t.tactic === first.tactic);
  const details = state.box.querySelector('.ws-details');
  if (details) {
    const cell = state.selected.size === 1 ? findCell(state.view, first.technique, first.tactic) : null;
    details.replaceChildren(...(cell ? linksAndMetadata(cell.links, cell.metadata) : []));
  }
  const form = state.box.querySelector('form.ws-edit');
  if (form && state.selected.size === 1) {
    form.elements.score.value = entry && entry.score !== undefined ? entry.score : '';
    form.elements.comment.value = entry ? entry.comment || '' : '';
    form.elements.enabled.checked = entry ? entry.enabled !== false : true;
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

function panel(state) {
  const layer = state.stored.layer;
  const edit = el('form', { class: 'ws-edit stack', onsubmit: (e) => {
    e.preventDefault();
    const f = e.target.elements;
    const cells = selectedCells(state);
    if (!cells.length) { message(state, 'Select one or more cells first.', true); return; }
    const score = f.score.value.trim();
    if (score !== '' && !Number.isFinite(Number(score))) { message(state, 'The score must be a number.', true); return; }
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
    });
  } },
  el('p', { class: 'ws-count' }, `${state.selected.size} selected`),
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
    el('button', { type: 'button', onclick: () => {
      const cells = selectedCells(state);
      if (!cells.length) return;
      save(state, `cleared ${cells.length} cell(s)`, (l) => {
        l.techniques = (l.techniques || []).filter((t) => !cells.some((c) => c.technique === t.techniqueID && c.tactic === t.tactic));
      });
    } }, 'Clear')));

  const find = el('form', { class: 'inline', onsubmit: async (e) => {
    e.preventDefault();
    const q = e.target.elements.q.value.trim();
    if (!q) return;
    const r = await api('GET', `/api/v1/releases/${encodeURIComponent(state.view.release)}/search?limit=50&q=${encodeURIComponent(q)}`);
    const hit = new Set(r.hits.map((h) => h.id));
    state.selected.clear();
    for (const col of state.view.columns) {
      for (const cell of col.cells) {
        if (hit.has(cell.technique)) state.selected.add(key(cell.technique, cell.tactic));
        for (const s of cell.subtechniques || []) if (hit.has(s.technique) && cell.expanded) state.selected.add(key(s.technique, s.tactic));
      }
    }
    refreshSelection(state);
  } }, el('input', { name: 'q', placeholder: 'Select by search', 'aria-label': 'Select cells by search' }), el('button', { type: 'submit' }, 'Select'));

  const g = layer.gradient || { colors: ['#ff6666', '#ffe766', '#8ec843'], minValue: 0, maxValue: 100 };
  const settings = el('form', { class: 'stack', onsubmit: (e) => {
    e.preventDefault();
    const f = e.target.elements;
    const min = Number(f.min.value); const max = Number(f.max.value);
    if (!Number.isFinite(min) || !Number.isFinite(max) || min >= max) { message(state, 'The gradient needs numbers with min below max.', true); return; }
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
    el('label', {}, 'min ', el('input', { name: 'min', value: g.minValue, size: '4' })),
    el('label', {}, 'max ', el('input', { name: 'max', value: g.maxValue, size: '4' }))),
  el('label', {}, 'Sorting', el('select', { name: 'sorting' }, ['name ascending', 'name descending', 'score ascending', 'score descending']
    .map((t, i) => el('option', { value: String(i), selected: (layer.sorting || 0) === i }, t)))),
  el('label', {}, 'Sub-techniques', el('select', { name: 'expand' }, ['none', 'annotated', 'all']
    .map((v) => el('option', { value: v, selected: ((layer.layout || {}).expandedSubtechniques || 'none') === v }, v === 'none' ? 'collapsed' : v === 'all' ? 'all expanded' : 'expand annotated')))),
  el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'hideDisabled', checked: !!layer.hideDisabled }), ' Hide disabled'),
  el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'aggregate', checked: !!(layer.layout || {}).showAggregateScores }), ' Aggregate scores'),
  el('fieldset', {}, el('legend', {}, 'Add legend item'), el('input', { name: 'legendLabel', placeholder: 'label' }), el('input', { type: 'color', name: 'legendColor', value: '#66b1ff' })),
  el('button', { type: 'submit' }, 'Save settings'));

  const legend = el('div', { class: 'legend' }, (layer.legendItems || []).map((i) => el('span', {}, el('span', { class: 'swatch', style: `background:${i.color}` }), i.label)));
  const history = el('ol', { class: 'ws-history', reversed: true }, state.history.map((h) =>
    el('li', {}, `r${h.revision} ${h.summary} — ${h.author}, ${new Date(h.at).toLocaleString()}`)));
  return el('aside', { class: 'ws-panel', 'aria-label': 'Edit' },
    el('h3', {}, 'Selection'), find, edit, el('h3', {}, 'Legend'), legend,
    state.view.links ? el('h3', {}, 'Links') : null, ...linksAndMetadata(state.view.links, null),
    el('details', {}, el('summary', {}, 'Layer settings'), settings),
    el('details', {}, el('summary', {}, `History (${state.history.length})`), history));
}

function hex6(color) {
  if (!color) return '#ffffff';
  const c = color.startsWith('#') ? color : `#${color}`;
  return c.length >= 7 ? c.slice(0, 7) : '#ffffff';
}
