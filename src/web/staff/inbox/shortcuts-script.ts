// Keyboard shortcuts for the inbox, as progressive enhancement: every action also has a visible control, and no
// key is taken while the focus is in a text field or a modifier key is held. Served as /staff/inbox/shortcuts.js.
export const SHORTCUTS_SCRIPT = `(function () {
  'use strict';
  var STORE = 'kuulo-inbox-ids';
  var dialog = document.getElementById('shortcuts');
  var opener = document.getElementById('shortcuts-open');
  if (opener && dialog && typeof dialog.showModal === 'function') {
    opener.hidden = false;
    opener.addEventListener('click', function () { dialog.showModal(); });
  }
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-item]'));
  if (rows.length) {
    try { sessionStorage.setItem(STORE, JSON.stringify(rows.map(function (r) { return r.getAttribute('data-item'); }))); } catch (e) {}
  }
  var current = -1;
  function select(index) {
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (r, i) { r.classList.toggle('current', i === current); });
    var link = rows[current].querySelector('a');
    if (link) link.focus();
  }
  function rowHref(hash) {
    var row = rows[current];
    if (!row) return;
    location.href = row.getAttribute('data-href') + hash;
  }
  var itemEl = document.querySelector('[data-inbox-item]');
  var itemId = itemEl ? itemEl.getAttribute('data-inbox-item') : null;
  function neighbour(step) {
    var ids;
    try { ids = JSON.parse(sessionStorage.getItem(STORE) || '[]'); } catch (e) { ids = []; }
    var index = ids.indexOf(itemId);
    var next = index >= 0 ? ids[index + step] : undefined;
    if (next) location.href = '/staff/inbox/' + encodeURIComponent(next);
  }
  function focusById(id) {
    var el = document.getElementById(id);
    if (el) { el.scrollIntoView({ block: 'center' }); el.focus(); return true; }
    return false;
  }
  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || target.isContentEditable;
  }
  document.addEventListener('keydown', function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) return;
    if (dialog && dialog.open) return;
    var key = event.key;
    var handled = true;
    if (key === '?') { if (dialog && dialog.showModal) dialog.showModal(); }
    else if (itemId) {
      if (key === 'j') neighbour(1);
      else if (key === 'k') neighbour(-1);
      else if (key === 'a') handled = focusById('assign-select');
      else if (key === 'r') handled = focusById('reply-body') || focusById('public-reply-text');
      else if (key === 'e') {
        var done = document.getElementById('mark-done');
        if (done) done.click(); else handled = false;
      } else handled = false;
    } else if (rows.length) {
      if (key === 'j') select(current + 1);
      else if (key === 'k') select(current < 0 ? 0 : current - 1);
      else if (key === 'a' && current >= 0) rowHref('#assign');
      else if (key === 'r' && current >= 0) rowHref('#reply');
      else if (key === 'e' && current >= 0) rowHref('#status-panel');
      else handled = false;
    } else handled = false;
    if (handled) event.preventDefault();
  });
})();
`;
