// letters report: what JavaScript adds to a page that reads without it.
// A heat-map cell, when focused or clicked, shows its evidence in the
// panel beside the map (without JavaScript the cell links to the evidence
// further down); the corpus tables sort by the column whose heading is
// pressed.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  // show copies the evidence that a cell links to into its section's panel;
  // held says the cell is under a mouse button still pressed, and the page
  // must not move beneath it (the click would be lost).
  function show(link, scroll, held) {
    var section = link.closest('section.la');
    var panel = section && section.querySelector('.panel-body');
    var source = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!panel || !source) {
      return;
    }
    var copy = source.cloneNode(true);
    copy.removeAttribute('id');
    copy.querySelectorAll('[id]').forEach(function (e) { e.removeAttribute('id'); });
    panel.replaceChildren(copy);
    section.querySelectorAll('td.sel').forEach(function (td) { td.classList.remove('sel'); });
    link.parentElement.classList.add('sel');
    if (scroll) {
      link.scrollIntoView({ block: 'center' });
    }
    // The panel sticks beside the heat map, but no lower than the map's
    // end: bring its heading back into view when that pushed it up.
    var aside = panel.parentElement;
    aside.scrollTop = 0;
    var top = aside.getBoundingClientRect().top;
    if (top < 0 && !held) {
      window.scrollBy(0, top - 16);
    }
  }

  function cellOf(target) {
    return target && target.closest ? target.closest('a.cell') : null;
  }

  // A press on a cell focuses it before the click: the page stays put
  // until the button is released, and the click shows the evidence again.
  var pressed = null;
  document.addEventListener('mousedown', function (e) {
    pressed = cellOf(e.target);
  });
  document.addEventListener('mouseup', function () {
    pressed = null;
  });
  document.addEventListener('focusin', function (e) {
    var a = cellOf(e.target);
    if (a) {
      show(a, false, a === pressed);
    }
  });
  document.addEventListener('click', function (e) {
    var a = cellOf(e.target);
    if (!a) {
      return;
    }
    e.preventDefault();
    show(a, false);
    a.focus({ preventScroll: true });
    history.replaceState(null, '', a.hash);
  });

  // fromHash shows the evidence that the address names, so that a link
  // to a cell's evidence opens the heat map with the evidence beside it.
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) {
      return;
    }
    var links = document.querySelectorAll('a.cell');
    for (var i = 0; i !== links.length; i++) {
      if (links[i].hash === '#' + id || links[i].id === id) {
        show(links[i], true);
        return;
      }
    }
  }
  window.addEventListener('hashchange', fromHash);
  window.addEventListener('load', fromHash);
  fromHash();

  // Sorting: each heading with data-sort becomes a button.
  function value(row, i, numeric) {
    var c = row.cells[i];
    var v = c.hasAttribute('data-value') ? c.getAttribute('data-value') : c.textContent.trim();
    return numeric ? parseFloat(v) || 0 : v.toLowerCase();
  }
  function sortBy(table, i, th) {
    var numeric = th.getAttribute('data-sort') === 'num';
    var current = th.getAttribute('aria-sort');
    // Numbers sort largest first, words A to Z; pressing again reverses.
    var dir = current ? (current === 'ascending' ? -1 : 1) : (numeric ? -1 : 1);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, i, numeric);
      var y = value(b, i, numeric);
      var c = x === y ? 0 : (x > y ? 1 : -1);
      return c * dir || a.dataset.order - b.dataset.order;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(th.parentElement.cells, function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    Array.prototype.forEach.call(table.tBodies[0].rows, function (r, n) { r.dataset.order = n; });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      if (!th.hasAttribute('data-sort')) {
        return;
      }
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'sort';
      while (th.firstChild) {
        b.appendChild(th.firstChild);
      }
      th.appendChild(b);
      b.addEventListener('click', function () { sortBy(table, i, th); });
    });
  });
})();
