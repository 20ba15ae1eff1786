/* The painting grid of the answer page: click or drag to mark times, or use the keyboard.
   Without this script every cell holds a <select> and the form still works. */
(function () {
  "use strict";
  var NAMES = { 0: "not marked", 1: "if need be", 2: "fine", 3: "preferred" };

  var zoneSelect = document.getElementById("tz");
  var here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zoneSelect) {
    var mine = zoneSelect.querySelector('option[value="' + here + '"]');
    if (mine && !/\(your zone\)/.test(mine.textContent)) mine.textContent += " (your zone)";
    zoneSelect.addEventListener("change", function () { zoneSelect.form.submit(); });
  }

  var form = document.querySelector("form[data-paint]");
  if (!form) return;
  var cells = Array.prototype.slice.call(form.querySelectorAll("td.cell"));
  var counter = document.getElementById("marked-count");

  function brush() {
    var checked = form.querySelector('input[name="brush"]:checked');
    return checked ? Number(checked.value) : 3;
  }
  function levelOf(cell) { return Number(cell.dataset.level || 0); }
  function setLevel(cell, level) {
    cell.querySelector("input").value = level ? String(level) : "";
    cell.dataset.level = String(level);
    cell.setAttribute("aria-label", cell.dataset.label + ": " + NAMES[level]);
  }
  function count() {
    var marked = cells.filter(function (c) { return levelOf(c) > 0; }).length;
    counter.textContent = marked ? marked + " time" + (marked === 1 ? "" : "s") + " marked." : "No time marked yet.";
  }

  // The cell itself becomes the control: its <select> (for pages without this script) is
  // swapped for a hidden input of the same name, so no control sits inside another.
  cells.forEach(function (cell, index) {
    var select = cell.querySelector("select");
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = select.name;
    input.value = select.value;
    cell.replaceChild(input, select);
    cell.tabIndex = index === 0 ? 0 : -1;
    cell.setAttribute("role", "button");
    setLevel(cell, Number(input.value || 0));
  });
  count();

  // Painting: the first cell decides whether the drag marks (with the brush) or erases.
  var painting = null;
  function cellAt(x, y) {
    var el = document.elementFromPoint(x, y);
    return el && el.closest ? el.closest("td.cell") : null;
  }
  form.addEventListener("pointerdown", function (event) {
    var cell = event.target.closest("td.cell");
    if (!cell || event.button > 0) return;
    event.preventDefault();
    if (cell.hasPointerCapture && cell.hasPointerCapture(event.pointerId)) cell.releasePointerCapture(event.pointerId);
    var level = brush();
    painting = levelOf(cell) === level ? 0 : level;
    setLevel(cell, painting);
    focusCell(cell);
    count();
  });
  document.addEventListener("pointermove", function (event) {
    if (painting === null) return;
    var cell = cellAt(event.clientX, event.clientY);
    if (cell && form.contains(cell) && levelOf(cell) !== painting) { setLevel(cell, painting); count(); }
  });
  ["pointerup", "pointercancel"].forEach(function (name) {
    document.addEventListener(name, function () { painting = null; });
  });

  // Keyboard: one tab stop per grid (roving tabindex); arrows move, space/enter mark with the
  // brush (again: clear), 1 2 3 set a level, 0 / Delete / Backspace clear.
  function focusCell(cell) {
    cells.forEach(function (c) { c.tabIndex = -1; });
    cell.tabIndex = 0;
    cell.focus();
  }
  function neighbour(cell, dRow, dCol) {
    var row = cell.parentElement, table = row.closest("table");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var r = rows.indexOf(row), c = Array.prototype.indexOf.call(row.cells, cell);
    for (;;) {
      r += dRow; c += dCol;
      if (r < 0 || r >= rows.length) return null;
      if (rows[r].classList.contains("gap")) continue;
      if (c < 1 || c >= rows[r].cells.length) return null;
      var next = rows[r].cells[c];
      if (next.classList.contains("cell")) return next;
    }
  }
  form.addEventListener("keydown", function (event) {
    var cell = event.target.closest && event.target.closest("td.cell");
    if (!cell) return;
    var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    var key = event.key;
    if (moves[key]) {
      var next = neighbour(cell, moves[key][0], moves[key][1]);
      if (next) focusCell(next);
    } else if (key === " " || key === "Enter") {
      var level = brush();
      setLevel(cell, levelOf(cell) === level ? 0 : level);
    } else if (key === "1" || key === "2" || key === "3") {
      setLevel(cell, Number(key));
    } else if (key === "0" || key === "Delete" || key === "Backspace") {
      setLevel(cell, 0);
    } else {
      return;
    }
    event.preventDefault();
    count();
  });
})();
