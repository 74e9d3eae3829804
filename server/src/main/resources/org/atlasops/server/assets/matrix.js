// The explorer matrix: one button opens or closes every sub-technique list.
const button = document.getElementById('expand-all');
if (button) {
  button.addEventListener('click', () => {
    const all = [...document.querySelectorAll('details.subs')];
    const open = !all.every((d) => d.open);
    all.forEach((d) => { d.open = open; });
    button.textContent = open ? 'Hide all sub-techniques' : 'Show all sub-techniques';
  });
}
