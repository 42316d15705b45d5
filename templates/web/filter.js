// Find as you type: the box over the organizations appears only when this script runs,
// so without scripts everything is simply shown. Typing hides the organizations whose
// text does not hold every word typed (case and accents ignored) and sections left
// empty; the status line under the box says how many are shown. This file is inlined in
// the page and must stay free of the characters less-than and ampersand, so that the
// page is also well-formed XML.
document.addEventListener("DOMContentLoaded", function () {
  var finder = document.querySelector(".finder");
  var input = document.getElementById("find");
  var status = document.getElementById("found");
  if (!finder || !input || !status) {
    return;
  }
  var fold = function (text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  var organizations = Array.prototype.slice.call(document.querySelectorAll(".organization"));
  var texts = organizations.map(function (org) {
    return fold(org.textContent);
  });
  var sections = Array.prototype.slice.call(document.querySelectorAll(".section"));
  var pattern = status.getAttribute("data-found");
  var timer = null;
  var filter = function () {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    organizations.forEach(function (org, index) {
      var match = words.every(function (word) {
        return texts[index].indexOf(word) !== -1;
      });
      org.hidden = !match;
      if (match) {
        shown += 1;
      }
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector(".organization:not([hidden])");
    });
    window.clearTimeout(timer);
    // Announced once typing pauses, not at every key.
    timer = window.setTimeout(function () {
      status.textContent = words.length ? pattern.replace("{shown}", String(shown)) : "";
    }, 400);
  };
  input.addEventListener("input", filter);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      input.value = "";
      filter();
    }
  });
  finder.hidden = false;
});
