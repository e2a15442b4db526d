// Progressive enhancement for the feedback form, served as /feedback/form.js (a same-origin script, so the
// page's Content-Security-Policy can stay strict). Without it the form works the same: the server counts.
// A live counter of characters next to the description, announced politely, and only after typing pauses.
export const FEEDBACK_SCRIPT = `(function () {
  var area = document.getElementById('description');
  if (!area) return;
  var out = document.getElementById(area.getAttribute('data-counter'));
  if (!out) return;
  var min = Number(area.getAttribute('data-min')) || 0;
  var template = out.getAttribute('data-template') || '{count}';
  var short = out.getAttribute('data-short') || '';
  var timer = null;
  function count() {
    var n = Array.from(area.value.trim()).length;
    out.textContent = template.replace('{count}', String(n)) + (n > 0 && n < min ? ' ' + short : '');
  }
  out.hidden = false;
  count();
  area.addEventListener('input', function () {
    if (timer) clearTimeout(timer);
    timer = setTimeout(count, 400);
  });
})();
`;
