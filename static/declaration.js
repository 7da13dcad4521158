// The enhancements of a legal text's reader and of its side-by-side view; without JavaScript every control is a
// plain link that still works.
// 1. A "link to this paragraph" control (a.anchor-link) also copies the paragraph's full address.
// 2. The table of contents marks, with aria-current, the article being read as the page scrolls.
(function () {
  "use strict";
  var doc = document;
  var reader = doc.querySelector("[data-declaration]");
  if (!reader) { return; }
  var status = reader.querySelector(".copy-status");

  reader.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.anchor-link") : null;
    if (!link || !navigator.clipboard) { return; }
    var address = location.href.split("#")[0] + link.getAttribute("href");
    navigator.clipboard.writeText(address).then(function () {
      status.textContent = status.getAttribute("data-copied");
      window.clearTimeout(status.timer);
      status.timer = window.setTimeout(function () { status.textContent = ""; }, 4000);
    }, function () { /* copying refused: the link has still led to the paragraph */ });
  });

  var toc = reader.querySelector(".declaration-toc");
  if (!toc || !("IntersectionObserver" in window)) { return; }
  var links = {};
  var sections = [];
  Array.prototype.forEach.call(toc.querySelectorAll("a[href^='#']"), function (link) {
    var section = doc.getElementById(link.getAttribute("href").slice(1));
    if (section) {
      links[section.id] = link;
      sections.push(section);
    }
  });
  var crossing = {};
  var current = null;

  // A section is "being read" while it crosses a line a third of the way down the window.
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) { crossing[entry.target.id] = entry.isIntersecting; });
    var reading = null;
    for (var i = 0; i < sections.length; i++) {
      if (crossing[sections[i].id]) { reading = sections[i].id; break; }
    }
    if (reading && reading !== current) { mark(reading); }
  }, { rootMargin: "-33% 0px -66% 0px" });
  sections.forEach(function (section) { observer.observe(section); });

  function mark(id) {
    if (current) { links[current].removeAttribute("aria-current"); }
    links[id].setAttribute("aria-current", "true");
    current = id;
    // On a narrow screen the contents are one line kept at the top of the window, swiped sideways when the articles
    // do not fit: bring the article being read into it (the bar is in view, so the page itself does not move).
    var line = links[id].closest("ol");
    if (line.scrollWidth > line.clientWidth) { links[id].scrollIntoView({ block: "nearest", inline: "center" }); }
  }
})();
