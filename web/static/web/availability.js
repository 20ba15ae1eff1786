/* A mentor's week: drag down a day's empty half hours with the mouse to publish them at once.
   Without this script (or by touch and keyboard) each empty cell is a button publishing its
   own half hour, and the form above publishes any span; this script fills that form. */
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
    event.preventDefault();  // no text selection while dragging
    mark();
  });
  table.addEventListener("pointerover", function (event) {
    var cell = cellOf(event.target);
    if (!start || !cell || cell.dataset.day !== start.dataset.day) return;
    current = cell;
    mark();
  });
  document.addEventListener("pointerup", function () {
    if (!start) return;
    if (current !== start) {  // a drag: publish the whole span (one cell is the button's click)
      var s = span();
      form.elements.day.value = s.day;
      form.elements.start.value = s.start;
      form.elements.end.value = s.end;
      form.submit();
    }
    clear();
  });
})();
