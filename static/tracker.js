// The tracker's small enhancements; without JavaScript the table is complete and the letter can be selected.
// Sorts the States table by any column, filters it by name and status, and copies the letter.
(function () {
  "use strict";
  var doc = document;
  var wrapper = doc.querySelector("[data-tracker-table]");
  if (wrapper) { enhanceTable(wrapper); }
  var copyButtons = doc.querySelectorAll("[data-copy]");
  for (var i = 0; i < copyButtons.length; i++) { enableCopy(copyButtons[i]); }
  var finder = doc.querySelector("[data-find-state]");
  if (finder) { enableFinder(finder); }
  // The browser's own print works without this button; the button only says that the letter prints.
  var printButtons = doc.querySelectorAll("[data-print]");
  for (var p = 0; p < printButtons.length; p++) {
    printButtons[p].hidden = false;
    printButtons[p].addEventListener("click", function () { window.print(); });
  }

  function enhanceTable(wrapper) {
    var table = wrapper.querySelector("table");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var labels = JSON.parse(wrapper.getAttribute("data-labels") || "{}");
    var controls = doc.createElement("div");
    controls.className = "table-controls";
    controls.innerHTML =
      '<label>' + escape(labels.search) + ' <input type="search" autocomplete="off"></label> ' +
      '<label>' + escape(labels.status) + ' <select>' +
      '<option value="">' + escape(labels.all) + '</option>' +
      '<option value="party">' + escape(labels.party) + '</option>' +
      '<option value="signatory">' + escape(labels.signatory) + '</option>' +
      '<option value="none">' + escape(labels.none) + '</option></select></label> ' +
      '<span class="count" role="status"></span>';
    wrapper.insertBefore(controls, table);
    var input = controls.querySelector("input");
    var select = controls.querySelector("select");
    input.value = new URLSearchParams(window.location.search).get("state") || "";
    var count = controls.querySelector(".count");
    input.addEventListener("input", filter);
    select.addEventListener("change", filter);
    filter();

    var headers = table.tHead.rows[0].cells;
    for (var c = 0; c < headers.length; c++) { makeSortable(headers[c], c); }

    function filter() {
      var query = fold(input.value.trim());
      var status = select.value;
      var shown = 0;
      rows.forEach(function (row) {
        var visible = (!query || fold(row.cells[0].textContent).indexOf(query) !== -1) &&
          (!status || row.getAttribute("data-status") === status);
        row.hidden = !visible;
        if (visible) { shown++; }
      });
      count.textContent = labels.shown.replace("%(count)s", shown);
    }

    function makeSortable(header, column) {
      var button = doc.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (header.firstChild) { button.appendChild(header.firstChild); }
      header.appendChild(button);
      header.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        for (var h = 0; h < headers.length; h++) { headers[h].setAttribute("aria-sort", "none"); }
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var kind = header.getAttribute("data-sort");
        rows.sort(function (a, b) {
          var x = key(a.cells[column], kind), y = key(b.cells[column], kind);
          var order = x < y ? -1 : x > y ? 1 : a.cells[0].textContent.localeCompare(b.cells[0].textContent);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    }
  }

  function key(cell, kind) {
    if (kind === "date") {
      var time = cell.querySelector("time");
      return time ? time.getAttribute("datetime") : "9999";
    }
    return fold(cell.textContent);
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function escape(text) {
    var span = doc.createElement("span");
    span.textContent = text || "";
    return span.innerHTML;
  }

  // "Has your country joined?": a name of the list opens its State's page; any other text opens the States page,
  // whose table takes it as its filter (?state=).
  function enableFinder(form) {
    var input = form.querySelector("input");
    var options = form.querySelectorAll("option");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      var typed = fold(input.value.trim());
      for (var o = 0; o < options.length; o++) {
        if (fold(options[o].value) === typed) {
          event.preventDefault();
          window.location.href = options[o].getAttribute("data-url");
          return;
        }
      }
    });
  }

  function enableCopy(button) {
    if (!navigator.clipboard) { return; }
    var target = doc.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      // A form field's value, or the text of the paragraphs as the page shows them (blank lines between).
      var text = "value" in target ? target.value : target.innerText;
      navigator.clipboard.writeText(text).then(function () {
        status.textContent = button.getAttribute("data-done");
      });
    });
  }
})();
