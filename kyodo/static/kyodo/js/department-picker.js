// Department pickers (core/widgets.py): a search box that narrows the choices as one types.
// Without JavaScript the box stays hidden and every choice is shown.
(function () {
  "use strict";
  function normalise(text) {
    return (text || "").normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  }
  function setUp(picker) {
    var box = picker.querySelector("[data-department-picker-search]");
    if (!box) { return; }
    box.parentElement.hidden = false;
    box.addEventListener("input", function () {
      var wanted = normalise(box.value);
      picker.querySelectorAll("[data-department-picker-option]").forEach(function (option) {
        var checked = option.querySelector("input:checked");
        option.hidden = wanted !== "" && !checked && normalise(option.textContent).indexOf(wanted) < 0;
      });
      picker.querySelectorAll("[data-department-picker-group]").forEach(function (group) {
        group.hidden = !group.querySelector("[data-department-picker-option]:not([hidden])");
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-department-picker]").forEach(setUp);
  });
  document.addEventListener("htmx:load", function (event) {
    event.detail.elt.querySelectorAll && event.detail.elt.querySelectorAll("[data-department-picker]").forEach(setUp);
  });
})();
