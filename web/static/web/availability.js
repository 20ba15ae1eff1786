/* A mentor's week: drag down a day's empty half hours with the mouse to publish them at once,
   or with the keyboard: the arrow keys move between cells, Shift+Up/Down selects the empty half
   hours above or below, Enter publishes the selection, Escape drops it. Without this script (or
   by touch) each empty cell is a button publishing its own half hour, and the form above
   publishes any span; this script fills that form. */
(function () {
  "use strict";
  var table = document.querySelector("table.week-grid");
  var form = document.getElementById("publish-form");
  if (!table || !form) return;
  var start = null, current = null;

  function cellOf(target) {
    var cell = target && target.closest ? target.closest("td.empty") : null;
    return cell && table.contains(cell) ? cell : null;
  }
  function span() {
    var a = start.dataset.start, b = current.dataset.start;
    var first = a < b ? start : current, last = a < b ? current : start;
    return { day: start.dataset.day, start: first.dataset.start, end: last.dataset.end };
  }
  function mark() {
    var s = span();
    table.querySelectorAll("td.empty").forEach(function (cell) {
      var on = cell.dataset.day === s.day && cell.dataset.start >= s.start && cell.dataset.end <= s.end;
      cell.classList.toggle("dragging", on);
    });
  }
  function clear() {
    table.querySelectorAll("td.dragging").forEach(function (cell) { cell.classList.remove("dragging"); });
    start = current = null;
  }

  table.addEventListener("pointerdown", function (event) {
    var cell = cellOf(event.target);
    if (!cell || event.pointerType !== "mouse" || event.button !== 0) return;
    start = current = cell;
    keyboard = false;
    event.preventDefault();  // no text selection while dragging
    mark();
  });
  table.addEventListener("pointerover", function (event) {
    var cell = cellOf(event.target);
    if (!start || !cell || cell.dataset.day !== start.dataset.day) return;
    current = cell;
    mark();
  });
  function publish() {
    var s = span();
    form.elements.day.value = s.day;
    form.elements.start.value = s.start;
    form.elements.end.value = s.end;
    form.submit();
  }
  document.addEventListener("pointerup", function () {
    if (!start || keyboard) return;
    if (current !== start) publish();  // a drag: the whole span (one cell is the button's click)
    clear();
  });

  // The keyboard: a live region says what is selected, since the colour alone does not.
  var keyboard = false;
  var status = document.createElement("p");
  status.className = "sr-only";
  status.setAttribute("aria-live", "polite");
  table.parentNode.insertBefore(status, table.nextSibling);

  function neighbour(cell, rows, columns) {
    var row = cell.parentNode, body = row.parentNode;
    var r = row.sectionRowIndex + rows, c = cell.cellIndex + columns;
    var target = body.rows[r] && body.rows[r].cells[c];
    return target && target.tagName === "TD" ? target : null;
  }
  function focusable(cell, rows, columns) {  // the nearest cell with a button that way
    for (var next = neighbour(cell, rows, columns); next; next = neighbour(next, rows, columns)) {
      if (next.querySelector("button")) return next;
    }
    return null;
  }
  function say() {
    var s = span(), n = table.querySelectorAll("td.dragging").length;
    status.textContent = s.day + ", " + s.start + " to " + s.end + " selected (" + n +
      " half hour" + (n === 1 ? "" : "s") + "): Enter publishes, Escape cancels.";
  }

  table.addEventListener("keydown", function (event) {
    var cell = event.target.closest ? event.target.closest("td") : null;
    if (!cell || !table.contains(cell)) return;
    var rows = {ArrowUp: -1, ArrowDown: 1}[event.key] || 0;
    var columns = {ArrowLeft: -1, ArrowRight: 1}[event.key] || 0;
    if (event.key === "Escape" && keyboard) {
      clear();
      keyboard = false;
      status.textContent = "Selection dropped.";
      event.preventDefault();
    } else if (event.key === "Enter" && keyboard && start !== current) {
      event.preventDefault();  // not this cell's own button: the whole selection
      publish();
    } else if (event.shiftKey && rows && cellOf(cell)) {
      var next = neighbour(cell, rows, 0);
      event.preventDefault();
      if (!keyboard || !start) {
        keyboard = true;
        start = current = cell;
      }
      if (next && cellOf(next)) {  // only empty half hours, without gaps
        current = next;
        next.querySelector("button").focus();
      }
      mark();
      say();
    } else if ((rows || columns) && !event.shiftKey && !event.altKey && !event.ctrlKey) {
      var target = focusable(cell, rows, columns);
      if (keyboard) {
        clear();
        keyboard = false;
      }
      if (target) {
        event.preventDefault();
        target.querySelector("button").focus();
      }
    }
  });
})();
