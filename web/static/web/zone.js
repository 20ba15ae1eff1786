/* The answer page shows times in the viewer's own zone: on a first visit (no ?tz= yet), ask the
   server for the page in the zone this browser is set to. The server checks the name. */
(function () {
  "use strict";
  var marker = document.getElementById("zone-detect");
  var here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var params = new URLSearchParams(window.location.search);
  if (!marker || !here || params.has("tz") || here === marker.dataset.shown) return;
  params.set("tz", here);
  window.location.replace(window.location.pathname + "?" + params.toString());
})();
