// Every page: instant search in the header, and release pickers that apply on change.
const box = document.getElementById('search-box');
const list = document.getElementById('search-results');
const releaseField = document.querySelector('form.search input[name="release"]');
let timer = null;
let seq = 0;

function release() {
  return (releaseField && releaseField.value) || '';
}

async function lookUp(query) {
  const mine = ++seq;
  const version = release() || (await (await fetch('/api/v1/releases')).json()).default;
  const res = await fetch(`/api/v1/releases/${encodeURIComponent(version)}/search?limit=10&q=${encodeURIComponent(query)}`);
  if (mine !== seq || !res.ok) return;
  const data = await res.json();
  list.replaceChildren();
  for (const hit of data.hits) {
    const a = document.createElement('a');
    a.href = hit.page + (release() ? `?release=${encodeURIComponent(release())}` : '');
    a.setAttribute('role', 'option');
    const id = document.createElement('span');
    id.className = 'id';
    id.textContent = hit.id + ' ';
    a.append(id, document.createTextNode(hit.name));
    list.append(a);
  }
  list.hidden = data.hits.length === 0;
}

if (box && list) {
  box.addEventListener('input', () => {
    clearTimeout(timer);
    const q = box.value.trim();
    if (q.length < 2) { list.hidden = true; return; }
    timer = setTimeout(() => lookUp(q), 120);
  });
  box.addEventListener('keydown', (e) => {
    const items = [...list.querySelectorAll('a')];
    if (!items.length || list.hidden) return;
    const at = items.findIndex((a) => a.getAttribute('aria-selected') === 'true');
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = e.key === 'ArrowDown' ? Math.min(at + 1, items.length - 1) : Math.max(at - 1, 0);
      items.forEach((a, i) => a.setAttribute('aria-selected', String(i === next)));
    } else if (e.key === 'Enter' && at >= 0) {
      e.preventDefault();
      location.href = items[at].href;
    } else if (e.key === 'Escape') {
      list.hidden = true;
    }
  });
  document.addEventListener('click', (e) => { if (!list.contains(e.target) && e.target !== box) list.hidden = true; });
}

for (const select of document.querySelectorAll('select.auto-submit')) {
  select.addEventListener('change', () => select.form.submit());
}
