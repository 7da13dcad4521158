// The search page: finds pages of the reader's language in the Pagefind index built with the site.
// Pagefind chooses the index of the page's <html lang>, so results are only ever in the reader's language.
// Without JavaScript the form stays hidden and the page lists every page instead.
(function () {
  "use strict";
  var doc = document;
  var form = doc.querySelector("[data-search]");
  if (!form) { return; }
  var input = form.querySelector("input");
  var results = doc.getElementById("search-results");
  var directory = doc.querySelector("[data-directory]");
  var labels = JSON.parse(form.getAttribute("data-labels"));
  var bundle = form.getAttribute("data-bundle");
  var loading = null;
  var latest = 0;
  // Pagefind indexed a copy of each page with a space after an elided word ("l’ Allemagne": ratify/search.py
  // split_elisions), because it splits words at spaces only. A query is split the same way, so that "l’Allemagne"
  // finds it too; titles and excerpts are shown joined again, as the pages write them.
  var ELIDED = "(^|[^\\p{L}\\p{N}_])(\\p{L}*qu|\\p{L})(['’]|&#39;|&#x27;|&apos;)";
  var elidedWord = new RegExp(ELIDED + "(?=\\p{L})", "giu");
  var shownSplit = new RegExp(ELIDED + "((?:</mark>)?) (?=(?:<mark>)?\\p{L})", "giu");

  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(input.value);
  });
  input.addEventListener("input", function () { run(input.value); });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }

  function pagefind() {
    if (!loading) {
      loading = import(bundle + "pagefind.js").then(function (module) {
        return module.options({ baseUrl: form.getAttribute("data-base"), bundlePath: bundle })
          .then(function () { return module; });
      });
    }
    return loading;
  }

  function run(text) {
    var query = text.trim();
    var ticket = ++latest;
    var address = new URL(window.location.href);
    if (query) { address.searchParams.set("q", query); } else { address.searchParams.delete("q"); }
    window.history.replaceState(null, "", address);
    if (!query) {
      results.textContent = "";
      directory.hidden = false;
      return;
    }
    pagefind()
      .then(function (module) { return module.search(splitElisions(query)); })
      .then(function (search) { return Promise.all(search.results.slice(0, 20).map(function (result) { return result.data(); })); })
      .then(function (pages) {
        if (ticket === latest) { show(query, pages); }
      })
      .catch(function () {
        if (ticket === latest) {
          results.textContent = labels.failed;
          directory.hidden = false;
        }
      });
  }

  function show(query, pages) {
    results.textContent = "";
    directory.hidden = pages.length > 0;
    var summary = doc.createElement("p");
    summary.textContent = pages.length ?
      labels.some.replace("%(query)s", query).replace("%(count)s", pages.length) :
      labels.none.replace("%(query)s", query);
    results.appendChild(summary);
    if (!pages.length) { return; }
    var list = doc.createElement("ol");
    pages.forEach(function (page) {
      var item = doc.createElement("li");
      var heading = doc.createElement("h2");
      var link = doc.createElement("a");
      link.href = page.url;
      link.textContent = joinElisions(page.meta.title);
      heading.appendChild(link);
      var excerpt = doc.createElement("p");
      appendExcerpt(excerpt, joinElisions(page.excerpt));
      item.appendChild(heading);
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    results.appendChild(list);
  }

  function splitElisions(text) { return text.replace(elidedWord, "$1$2$3 "); }

  function joinElisions(text) { return text.replace(shownSplit, "$1$2$3$4"); }

  // The excerpt is the page's text with the matching words in <mark>: keep those, and only those, as elements.
  function appendExcerpt(paragraph, excerpt) {
    var parsed = new DOMParser().parseFromString(excerpt, "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = doc.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(doc.createTextNode(node.textContent));
      }
    });
  }
})();
