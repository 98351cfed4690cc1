// Keeps an evaluation sheet's unsaved input in this browser (localStorage) until the server
// has it, so that an expired session or a lost connection loses nothing. The form works
// without this script; it only adds the safety net and the login hint.
(function () {
  "use strict";
  function values(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken") return;
      if (el.type === "radio") { if (el.checked) data[el.name] = el.value; }
      else if (el.tagName === "TEXTAREA") data[el.name] = el.value;
    });
    return data;
  }
  function restore(form, data) {
    Object.keys(data).forEach(function (name) {
      var fields = form.querySelectorAll('[name="' + name + '"]');
      Array.prototype.forEach.call(fields, function (el) {
        if (el.type === "radio") el.checked = el.value === data[name];
        else el.value = data[name];
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-draft-key]");
    if (!form) return;
    var key = form.getAttribute("data-draft-key");
    var status = document.getElementById("autosave-status");
    var stored = null;
    try { stored = JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { stored = null; }
    if (form.getAttribute("data-just-saved") === "1") {  // the server has just saved it all
      window.localStorage.removeItem(key);
      stored = null;
    }
    if (stored && stored.values) {
      restore(form, stored.values);
      if (status) status.textContent = "前回保存されていなかった入力を復元しました。「一時保存」または「提出する」で保存してください。";
    }
    function remember() {
      try { window.localStorage.setItem(key, JSON.stringify({at: Date.now(), values: values(form)})); } catch (e) { /* storage full or disabled */ }
    }
    // The status line says at once that there is something not yet on the server; the
    // server's answer ("保存しました hh:mm") replaces it.
    function unsaved() {
      if (!status) return;
      status.setAttribute("data-state", "unsaved");
      status.textContent = status.getAttribute("data-unsaved");
    }
    form.addEventListener("input", function () { remember(); unsaved(); });
    form.addEventListener("change", function () { remember(); unsaved(); });
    form.addEventListener("submit", remember);
    document.body.addEventListener("htmx:afterRequest", function (event) {
      if (event.detail.elt !== form) return;
      if (event.detail.successful) {
        window.localStorage.removeItem(key);
        if (status) status.setAttribute("data-state", "saved");
      } else if (status) {
        status.innerHTML = "";
        status.appendChild(document.createTextNode("保存できませんでした(ログインが切れた可能性があります)。入力はこの端末に残っています。"));
        var link = document.createElement("a");
        link.href = form.getAttribute("data-login-url");
        link.textContent = "ログインし直す";
        status.appendChild(document.createTextNode(" "));
        status.appendChild(link);
      }
    });
  });
})();
