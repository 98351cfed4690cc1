// アンケート: keeps the answers being typed in this browser (localStorage) until they are sent,
// and hides the questions that an earlier answer makes irrelevant. Progressive enhancement only:
// without it the form works the same (the server decides which questions apply).
(function () {
  "use strict";
  function storage() {
    try { var k = "__kyodo"; window.localStorage.setItem(k, k); window.localStorage.removeItem(k); return window.localStorage; }
    catch (e) { return null; }
  }
  var store = storage();
  var sent = document.querySelector("[data-survey-sent]");
  if (sent && store) { store.removeItem("kyodo-draft-" + sent.getAttribute("data-survey-sent")); return; }
  var form = document.querySelector("form[data-survey-draft]");
  if (!form) { return; }
  var key = "kyodo-draft-" + form.getAttribute("data-survey-draft");

  function fields() { return Array.prototype.slice.call(form.elements).filter(function (el) { return el.name && el.name !== "csrfmiddlewaretoken"; }); }
  function save() {
    if (!store) { return; }
    var data = {};
    fields().forEach(function (el) {
      if (el.type === "radio" || el.type === "checkbox") { if (el.checked) { (data[el.name] = data[el.name] || []).push(el.value); } }
      else if (el.value) { data[el.name] = [el.value]; }
    });
    try { store.setItem(key, JSON.stringify(data)); } catch (e) { /* storage full: nothing kept */ }
  }
  function restore() {
    if (!store || form.querySelector(".field--error, .form-errors")) { return; }
    var data;
    try { data = JSON.parse(store.getItem(key) || "null"); } catch (e) { data = null; }
    if (!data) { return; }
    fields().forEach(function (el) {
      var values = data[el.name];
      if (!values) { return; }
      if (el.type === "radio" || el.type === "checkbox") { el.checked = values.indexOf(el.value) !== -1; }
      else if (!el.value) { el.value = values[0]; }
    });
  }
  function chosen(name) {
    return fields().filter(function (el) { return el.name === name && el.checked; }).map(function (el) { return el.value; });
  }
  function branch() {
    form.querySelectorAll("[data-show-if]").forEach(function (block) {
      var wanted = block.getAttribute("data-show-values").replace(/、/g, ",").split(",").map(function (v) { return v.trim(); });
      var show = chosen(block.getAttribute("data-show-if")).some(function (v) { return wanted.indexOf(v) !== -1; });
      block.classList.toggle("survey-question--hidden", !show);
    });
  }
  restore();
  branch();
  var note = form.querySelector(".survey-draft-note");
  if (note && store) { note.hidden = false; }
  form.addEventListener("change", function () { save(); branch(); });
  form.addEventListener("input", save);
})();
