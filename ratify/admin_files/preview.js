// The editor's preview, as the site shows a page: the site's own stylesheet, and each shortcode as a readable
// placeholder naming the figure it will show, not as raw {{< >}}. Loaded by /admin/ only, after Decap CMS.
(function () {
  "use strict";
  var stylesheet = document.currentScript.dataset.style;
  if (stylesheet) {
    CMS.registerPreviewStyle(stylesheet);
  }
  var WHAT = {
    counter: "the number of States parties and signatories, as of the build",
    map: "the world map of the States' status",
    timeline: "the timeline of signatures and ratifications",
    table: "the table of every State",
    states: "a list of States"
  };
  function escaped(text) {
    return text.replace(/[&<>"]/g, function (character) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[character];
    });
  }
  CMS.registerEditorComponent({
    id: "shortcode",
    label: "Figure from the tracker",
    fields: [
      { name: "name", label: "Shortcode", widget: "string" },
      { name: "options", label: "Options", widget: "string", required: false }
    ],
    pattern: /^\{\{<\s*([\w-]+)\s*(.*?)\s*>\}\}$/ms,
    fromBlock: function (match) { return { name: match[1], options: match[2] }; },
    toBlock: function (data) {
      return "{{< " + data.name + (data.options ? " " + data.options : "") + " >}}";
    },
    toPreview: function (data) {
      var what = WHAT[data.name] || "a figure computed from data/states.yaml";
      return "<p class=\"cms-shortcode\" data-shortcode=\"" + escaped(data.name) + "\">[" +
        escaped(data.name + (data.options ? " " + data.options : "")) + ": " + escaped(what) + "]</p>";
    }
  });
}());
