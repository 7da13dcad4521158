// Sends a visitor of the site's root to the first of their browser's languages that the site has.
// Without JavaScript the root page lists the languages as plain links.
(function () {
  var script = document.currentScript;
  var offered = script.getAttribute("data-languages").split(" ");
  var base = script.getAttribute("data-base");
  var wanted = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i]).toLowerCase();
    for (var j = 0; j < offered.length; j++) {
      var language = offered[j].toLowerCase();
      if (code === language || code.split("-")[0] === language) {
        window.location.replace(base + offered[j] + "/");
        return;
      }
    }
  }
  window.location.replace(base + script.getAttribute("data-default") + "/");
})();
