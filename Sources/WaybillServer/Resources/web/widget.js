// <waybill-tracking token="..."> or <waybill-tracking tenant="ten_..."> (order lookup form).
// Optional attributes: lang. Renders into a shadow root with text nodes only (no HTML from data).
(function () {
  "use strict";
  if (!window.customElements || window.customElements.get("waybill-tracking")) { return; }
  var script = document.currentScript;
  var base = script ? new URL(script.src).origin : "";
  var css = ":host{display:block;font-family:var(--wb-font,system-ui,sans-serif);color:var(--wb-text,#1f2937);" +
    "background:var(--wb-bg,#fff);border:1px solid #d1d5db;border-radius:8px;padding:1rem;max-width:32rem}" +
    "h2{margin:0 0 .25rem;font-size:1.25rem;color:var(--wb-primary,#1d4ed8)}p{margin:.25rem 0}" +
    "ol{list-style:none;padding:0;margin:.5rem 0;border-inline-start:2px solid #d1d5db}li{padding:.1rem .6rem}" +
    ".late{color:#b91c1c;font-weight:700}.muted{color:#4b5563;font-size:.85rem}.action{color:#b91c1c}" +
    "label{display:block;margin-top:.4rem}input{font:inherit;width:100%;box-sizing:border-box;padding:.3rem}" +
    "button{margin-top:.5rem;font:inherit;background:var(--wb-primary,#1d4ed8);color:#fff;border:0;border-radius:4px;padding:.35rem .8rem}";

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }

  function applyBrand(host, brand) {
    if (!brand) { return; }
    var map = { primary_color: "--wb-primary", background_color: "--wb-bg", text_color: "--wb-text", font_stack: "--wb-font" };
    Object.keys(map).forEach(function (key) { if (brand[key]) { host.style.setProperty(map[key], brand[key]); } });
  }

  function renderShipment(container, s) {
    var box = el("section");
    box.setAttribute("data-status", s.status);
    box.appendChild(el("h2", s.status_text, "status"));
    if (s.substatus_text) { box.appendChild(el("p", s.substatus_text)); }
    if (s.action_required) { box.appendChild(el("p", s.action_required, "action")); }
    if (s.eta) {
      var eta = el("p", s.eta.label + ": " + s.eta.text);
      if (s.eta.late) { eta.appendChild(document.createTextNode(" ")); eta.appendChild(el("span", s.eta.late_label, "late")); }
      box.appendChild(eta);
    }
    box.appendChild(el("p", s.next_step, "muted"));
    box.appendChild(el("p", s.tracking_number_label + ": " + s.tracking_number, "muted"));
    var list = el("ol");
    (s.events || []).slice(0, 5).forEach(function (e) {
      var item = el("li");
      item.appendChild(el("div", e.when, "muted"));
      item.appendChild(el("div", e.text + (e.place ? " · " + e.place : "")));
      list.appendChild(item);
    });
    box.appendChild(list);
    if (s.url) {
      var link = el("a", s.details_label);
      link.href = s.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      box.appendChild(link);
    }
    container.appendChild(box);
  }

  class WaybillTracking extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) { return; }
      var root = this.attachShadow({ mode: "open" });
      var style = el("style");
      style.textContent = css;
      root.appendChild(style);
      this.body = el("div");
      this.body.setAttribute("aria-live", "polite");
      root.appendChild(this.body);
      var token = this.getAttribute("token");
      if (token) { this.loadToken(token); } else if (this.getAttribute("tenant")) { this.showForm(); }
    }

    lang() { return this.getAttribute("lang") || document.documentElement.lang || navigator.language || "en"; }

    loadToken(token) {
      var self = this;
      fetch(base + "/t/" + encodeURIComponent(token) + "/widget.json?lang=" + encodeURIComponent(self.lang()), { credentials: "omit" })
        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
        .then(function (data) { self.body.replaceChildren(); applyBrand(self, data.brand); renderShipment(self.body, data.shipment); })
        .catch(function () { self.body.replaceChildren(el("p", "Tracking is unavailable.")); });
    }

    showForm(message, labels) {
      var self = this;
      labels = labels || {};
      var form = el("form");
      if (message) { form.appendChild(el("p", message, "action")); }
      var order = el("input"); order.name = "order"; order.required = true; order.id = "wb-order";
      var verify = el("input"); verify.name = "verify"; verify.required = true; verify.id = "wb-verify";
      var l1 = el("label", labels.order || "Order number"); l1.htmlFor = "wb-order";
      var l2 = el("label", labels.verify || "Email address or postal code"); l2.htmlFor = "wb-verify";
      form.append(l1, order, l2, verify, el("button", labels.search || "Search"));
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var body = new URLSearchParams({ tenant: self.getAttribute("tenant"), order: order.value, verify: verify.value, lang: self.lang() });
        fetch(base + "/track/widget.json", { method: "POST", body: body, credentials: "omit" })
          .then(function (r) { return r.json().then(function (data) { return { ok: r.ok, data: data }; }); })
          .then(function (result) {
            self.body.replaceChildren();
            applyBrand(self, result.data.brand);
            if (!result.ok) { self.showForm(result.data.message, result.data.labels); return; }
            result.data.shipments.forEach(function (s) { renderShipment(self.body, s); });
          })
          .catch(function () { self.body.replaceChildren(el("p", "Tracking is unavailable.")); });
      });
      this.body.replaceChildren(form);
    }
  }
  window.customElements.define("waybill-tracking", WaybillTracking);
})();
