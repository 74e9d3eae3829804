// The API page: each endpoint's form sends the request from this browser and shows the answer.
import { api, ApiError } from './http.js';

for (const form of document.querySelectorAll('form.try')) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const out = form.querySelector('pre.response');
    let path = form.dataset.path;
    const query = new URLSearchParams();
    let body;
    for (const input of form.querySelectorAll('input, textarea')) {
      const [kind, name] = input.name.split(':');
      if (kind === 'path') path = path.replace(`{${name}}`, encodeURIComponent(input.value));
      else if (kind === 'query' && input.value) query.set(name, input.value);
      else if (input.name === 'body' && input.value.trim()) body = input.value;
    }
    const url = path + (query.toString() ? `?${query}` : '');
    try {
      const data = await api(form.dataset.method, url, body);
      out.textContent = typeof data === 'string' ? data : JSON.stringify(data, null, 2);
    } catch (err) {
      out.textContent = err instanceof ApiError ? JSON.stringify(err.problem, null, 2) : String(err);
    }
  });
}
