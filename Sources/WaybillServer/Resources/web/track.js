// Progressive enhancement: refresh the tracking page when the shipment changes.
// The page works without this script; it only polls with If-None-Match and swaps <main>.
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main || !main.dataset.poll || !window.fetch || !window.DOMParser) { return; }
  var url = main.dataset.poll;
  var etag = main.dataset.etag || null;
  var delay = 60000;
  function poll() {
    if (document.hidden) { schedule(); return; }
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch(url, { headers: headers, credentials: "omit", cache: "no-cache" }).then(function (response) {
      if (response.status === 304) { return null; }
      if (!response.ok) { return null; }
      etag = response.headers.get("ETag");
      return response.text().then(swap);
    }).catch(function () {}).then(schedule);
  }
  function swap(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("main");
    if (fresh) { main.replaceChildren.apply(main, Array.prototype.slice.call(fresh.childNodes)); }
  }
  function schedule() { window.setTimeout(poll, delay); }
  schedule();
})();
