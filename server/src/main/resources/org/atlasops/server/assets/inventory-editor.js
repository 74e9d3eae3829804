// The inventory editor (/assess/inventories): "More rows" adds one blank row to every list in place, instead of
// sending the form to the server for more. Without script the button does that round trip; nothing else needs this.
const more = document.getElementById('more-rows');

function blankCopy(row) {
  const copy = row.cloneNode(true);
  copy.querySelectorAll('.field-error').forEach((e) => e.remove());
  copy.querySelectorAll('input, select, textarea').forEach((field) => {
    field.name = field.name.replace(/\[(\d+)]/, (_, n) => `[${Number(n) + 1}]`);
    field.removeAttribute('aria-invalid');
    field.removeAttribute('aria-describedby');
    if (field.tagName === 'SELECT') {
      field.selectedIndex = 0;
      // an unknown value shown from the saved text is not offered again
      [...field.options].filter((o) => o.textContent.endsWith('(not in the list)')).forEach((o) => o.remove());
    } else {
      field.value = '';
    }
    if (field.getAttribute('aria-label')) {
      field.setAttribute('aria-label', field.getAttribute('aria-label').replace(/\d+/, (n) => String(Number(n) + 1)));
    }
  });
  return copy;
}

if (more) {
  more.addEventListener('click', (event) => {
    event.preventDefault();
    document.querySelectorAll('#inventory-form fieldset[data-rows] tbody').forEach((body) => {
      const rows = [...body.querySelectorAll('tr')].filter((r) => r.querySelector('input, select'));
      const last = rows[rows.length - 1];
      if (last) {
        body.append(blankCopy(last));
      }
    });
  });
}
