// A confirmation in a modal <dialog> of our own (window.confirm cannot be styled, named or tested the same way).
// It resolves true only when the user presses the action's button; Escape, Cancel and closing resolve false.
import { el } from './http.js';

export function confirmAction(text, action) {
  return new Promise((resolve) => {
    const dialog = el('dialog', { class: 'ws-confirm', 'aria-label': 'Confirm' });
    const done = (answer) => {
      if (dialog.open) dialog.close();
      dialog.remove();
      resolve(answer);
    };
    const cancel = el('button', { type: 'button', class: 'ws-confirm-cancel', onclick: () => done(false) }, 'Cancel');
    dialog.append(
      el('p', { class: 'ws-confirm-text' }, text),
      el('div', { class: 'inline' },
        el('button', { type: 'button', class: 'ws-confirm-ok danger', onclick: () => done(true) }, action),
        cancel));
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(false); });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus(); // the safe answer has the focus, so Enter does not destroy anything
  });
}
