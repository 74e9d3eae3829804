// The layer list: create, generate, upload and combine through the API, then open the result.
import { api } from './http.js';

const message = document.getElementById('layers-message');

function say(text, error) {
  message.textContent = text;
  message.className = 'message ' + (error ? 'error' : 'note');
}

function open(id) {
  location.href = `/workspace?ids=${id}`;
}

async function run(work) {
  try {
    say('Working…');
    await work();
  } catch (e) {
    say(e.message, true);
  }
}

document.getElementById('new-layer')?.addEventListener('submit', (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  run(async () => {
    const layer = {
      name: f.get('name'), domain: 'atlas-atlas', versions: { layer: '4.5', navigator: '5.1.0' },
      techniques: [], metadata: [{ name: 'atlas_data_version', value: f.get('release') }],
    };
    open((await api('POST', '/api/v1/layers', layer)).id);
  });
});

document.getElementById('generate-layer')?.addEventListener('submit', (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  const kind = f.get('kind');
  const query = f.get('query');
  run(async () => {
    const body = { kind, release: f.get('release') };
    if (kind === 'search') body.query = query;
    if (kind === 'case-study') body.case_study = query;
    open((await api('POST', '/api/v1/layers/generate', body)).id);
  });
});

document.getElementById('upload-layer')?.addEventListener('submit', (e) => {
  e.preventDefault();
  const file = e.target.elements.file.files[0];
  if (!file) return;
  run(async () => open((await api('POST', '/api/v1/layers', await file.text())).id));
});

document.getElementById('import-layer')?.addEventListener('submit', (e) => {
  e.preventDefault();
  const url = new FormData(e.target).get('url');
  run(async () => open((await api('POST', '/api/v1/layers/import', { url })).id));
});

document.getElementById('combine-layers')?.addEventListener('submit', (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  const ids = [...document.querySelectorAll('#layer-list input[name="ids"]:checked')].map((c) => Number(c.value));
  if (!ids.length) { say('Tick the layers to combine in the list first.', true); return; }
  run(async () => {
    const r = await api('POST', '/api/v1/layers/combine', { layers: ids, expression: f.get('expression'), name: f.get('name') || undefined });
    open(r.id);
  });
});
