// The tracker's small enhancements; without JavaScript the table is complete, the map's States are links and the
// letter can be selected. Sorts the States table by any column, filters it by name and status, names a State
// tapped on the map (or the States near the tap) before opening its page, and copies the letter.
(function () {
  "use strict";
  var doc = document;
  // On the map, a tap this close (CSS px) to a State smaller than a fingertip (MIN_TARGET) may mean it; where it
  // may mean several, the nearest MAX_CHOICES are offered.
  var REACH = 12, MIN_TARGET = 24, MAX_CHOICES = 6;
  var wrapper = doc.querySelector("[data-tracker-table]");
  if (wrapper) { enhanceTable(wrapper); }
  var maps = doc.querySelectorAll("[data-map]");
  for (var m = 0; m < maps.length; m++) { enhanceMap(maps[m]); }
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
    wrapper.insertBefore(controls, wrapper.firstElementChild);
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
          if ((x === null) !== (y === null)) { return x === null ? 1 : -1; }  // unknown last, either way
          var order = x < y ? -1 : x > y ? 1 : 0;
          return (ascending ? order : -order) || byName(a, b);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    }
  }

  // A date column's key is the ISO date, or null when there is none ("date not known", or no act at all).
  function key(cell, kind) {
    if (kind === "date") {
      var time = cell.querySelector("time");
      return time ? time.getAttribute("datetime") : null;
    }
    return fold(cell.textContent);
  }

  function byName(a, b) {
    return fold(a.cells[0].textContent).localeCompare(fold(b.cells[0].textContent));
  }

  // A tap on the map names the State and its status under the map, with a link to its page; a second tap on the
  // same State opens it. Where several States are within reach of the tap (States too small to hit, and the one
  // under the finger), the label lists them all, nearest first, each a link of full size: every State is two taps
  // away, however crowded its corner of the map.
  function enhanceMap(figure) {
    var svg = figure.querySelector("svg");
    var links = Array.prototype.slice.call(svg.querySelectorAll("a"));
    var label = doc.createElement("div");
    label.className = "map-label";
    label.setAttribute("aria-live", "polite");
    label.hidden = true;
    svg.parentNode.insertBefore(label, svg.nextSibling);
    var ring = doc.createElementNS("http://www.w3.org/2000/svg", "circle");
    ring.setAttribute("class", "chosen");
    var chosen = null;
    svg.addEventListener("click", function (event) {
      var found = within(event.clientX, event.clientY, event.target.closest && event.target.closest("a"));
      var link = found.length === 1 ? found[0] : null;
      if (link && link === chosen) { return; }  // the second tap: the link opens the page
      event.preventDefault();
      chosen = link;
      if (!found.length) { label.hidden = true; ring.remove(); return; }
      if (link) { name(link); } else { offer(found, event.clientX, event.clientY); }
      label.hidden = false;
    });

    // One State: its name and status, and a link to its page; the State ringed on the map.
    function name(link) {
      // dir="auto": a site whose catalog lacks the sentence shows it in English, which must read left to right
      // on a right-to-left page too.
      label.innerHTML = '<strong></strong> <a dir="auto"></a>';
      label.firstChild.textContent = titleOf(link);
      label.lastChild.textContent = figure.getAttribute("data-map");
      label.lastChild.href = link.getAttribute("href");
      ringState(link);
    }

    // Several States: a question and a link to each; the place tapped ringed, and each State in turn as its link
    // is pointed at or focused.
    function offer(found, x, y) {
      label.innerHTML = '<p dir="auto"></p><ul></ul>';
      label.firstChild.textContent = figure.getAttribute("data-map-choices");
      found.forEach(function (link) {
        var item = doc.createElement("li"), choice = doc.createElement("a");
        choice.textContent = titleOf(link);
        choice.href = link.getAttribute("href");
        choice.addEventListener("mouseenter", function () { ringState(link); });
        choice.addEventListener("focus", function () { ringState(link); });
        item.appendChild(choice);
        label.lastChild.appendChild(item);
      });
      var frame = svg.getBoundingClientRect(), unit = svg.viewBox.baseVal.width / frame.width;
      ringAt((x - frame.left) * unit, (y - frame.top) * unit, REACH * unit);
    }

    function ringState(link) {
      var box = link.querySelector("path").getBBox();
      var unit = svg.viewBox.baseVal.width / svg.getBoundingClientRect().width;
      ringAt(box.x + box.width / 2, box.y + box.height / 2,
        Math.max(box.width, box.height) / 2 + Math.max(2, (MIN_TARGET / 2) * unit - 3));
    }

    function ringAt(x, y, radius) {
      ring.setAttribute("cx", x);
      ring.setAttribute("cy", y);
      ring.setAttribute("r", radius);
      svg.appendChild(ring);
    }

    // The States smaller than a fingertip within REACH of the tap, whose middles are nearest first (at most
    // MAX_CHOICES), then the State under the finger if it is not among them.
    function within(x, y, direct) {
      var near = [];
      links.forEach(function (link) {
        var box = link.getBoundingClientRect();
        if (box.width >= MIN_TARGET || box.height >= MIN_TARGET) { return; }
        var dx = Math.max(box.left - x, 0, x - box.right), dy = Math.max(box.top - y, 0, y - box.bottom);
        if (Math.sqrt(dx * dx + dy * dy) > REACH) { return; }
        var middle = Math.pow(box.left + box.width / 2 - x, 2) + Math.pow(box.top + box.height / 2 - y, 2);
        near.push({link: link, distance: middle});
      });
      near.sort(function (a, b) { return a.distance - b.distance; });
      var found = near.slice(0, MAX_CHOICES).map(function (each) { return each.link; });
      if (direct && found.indexOf(direct) === -1) { found = found.slice(0, MAX_CHOICES - 1).concat([direct]); }
      return found;
    }
  }

  // The State's name and status, as its shape's tooltip gives them ("Luxembourg: State party").
  function titleOf(link) {
    return link.querySelector("title").textContent;
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
