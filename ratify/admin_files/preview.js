// The editor's preview, as the site shows a page: the site's own stylesheet, and each shortcode as a readable
// placeholder naming what it shows and the figure the build computed for it (the JSON #ratify-figures of the
// editor's page, written by ratify/admin.py), not as raw {{< >}}. Images ask for their alt text, which the build
// requires. Loaded by /admin/ only, after Decap CMS.
(function () {
  "use strict";
  var stylesheet = document.currentScript.dataset.style;
  if (stylesheet) {
    CMS.registerPreviewStyle(stylesheet);
  }
  var data = document.getElementById("ratify-figures");
  var FIGURES = data ? JSON.parse(data.textContent) : {};
  var WHAT = {
    counter: "the number of States parties and signatories",
    map: "the world map of the States' status",
    timeline: "the timeline of signatures and ratifications",
    table: "the table of every State",
    states: "a list of States",
    figure: "a number of States",
    date: "a date"
  };
  var SHORTCODE = /\{\{<\s*([\w-]+)\s*(.*?)\s*>\}\}/g;

  function escaped(text) {
    return text.replace(/[&<>"]/g, function (character) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[character];
    });
  }

  // "what=parties on=2012-11-01" -> "figure on=2012-11-01 what=parties", as ratify/admin.py's shortcode_key.
  function keyOf(name, options) {
    var pairs = (options || "").split(/\s+/).filter(Boolean).map(function (pair) {
      return pair.replace(/="(.*)"$/, "=$1");
    });
    return [name].concat(pairs.sort()).join(" ");
  }

  // The text that stands for a shortcode: "[figure what=parties on=2012-11-01: at least 8]".
  function placeholder(name, options) {
    var figure = FIGURES[keyOf(name, options)];
    var day = /(?:^|\s)on=(\d{4}-\d{2}-\d{2})(?:\s|$)/.exec(options || "");
    if (figure === undefined && name === "date" && day) {
      figure = day[1];
    }
    var said = figure === undefined ? (WHAT[name] || "a figure from the tracker") + ", shown once the site is built"
      : (name in WHAT && name !== "figure" && name !== "date" ? WHAT[name] + ": " : "") + figure;
    return "[" + name + (options ? " " + options : "") + ": " + said + "]";
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
      return "<p class=\"cms-shortcode\" data-shortcode=\"" + escaped(data.name) + "\">" +
        escaped(placeholder(data.name, data.options)) + "</p>";
    }
  });

  // Decap's own image component, with the alt text asked for as the build requires it (an image without alt text
  // stops the build at its line; the body's pattern refuses it before saving).
  CMS.registerEditorComponent({
    id: "image",
    label: "Image",
    fields: [
      { name: "image", label: "Image", widget: "image", media_library: { allow_multiple: false } },
      { name: "alt", label: "Alt text (required)", widget: "string", required: true,
        hint: "What the image shows, for readers who cannot see it." },
      { name: "title", label: "Title", widget: "string", required: false }
    ],
    pattern: /^!\[([^\]]*)\]\((.*?)(\s"([^"]*)")?\)/,
    fromBlock: function (match) { return match && { image: match[2], alt: match[1], title: match[4] }; },
    toBlock: function (data) {
      return "![" + (data.alt || "") + "](" + (data.image || "") +
        (data.title ? " \"" + data.title.replace(/"/g, "\\\"") + "\"" : "") + ")";
    },
    toPreview: function (data, getAsset) {
      var source = data.image ? String(getAsset(data.image) || data.image) : "";
      return "<img src=\"" + escaped(source) + "\" alt=\"" + escaped(data.alt || "") + "\">";
    }
  });

  // A shortcode inside a sentence ({{< date >}}, {{< figure >}}) is text to Decap's Markdown: the preview's text
  // is rewritten in place, only its characters, so that the preview's own updates keep working.
  function rewrite(root) {
    var walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeValue.indexOf("{{<") !== -1) {
        node.nodeValue = node.nodeValue.replace(SHORTCODE, function (whole, name, options) {
          return placeholder(name, options);
        });
      }
    }
  }
  var watched = new WeakSet();  // the preview's bodies already watched
  function watch(frame) {
    var body = frame.contentDocument && frame.contentDocument.body;
    if (!body || watched.has(body)) {
      return;
    }
    watched.add(body);
    rewrite(body);
    new MutationObserver(function () { rewrite(body); })
      .observe(body, { childList: true, subtree: true, characterData: true });
  }
  // The preview is an iframe that Decap makes and remakes as one moves between entries, and whose document is
  // replaced once it has loaded.
  var frames = new WeakSet();
  new MutationObserver(function () {
    Array.prototype.forEach.call(document.querySelectorAll("iframe"), function (frame) {
      if (!frames.has(frame)) {
        frames.add(frame);
        frame.addEventListener("load", function () { watch(frame); });
      }
      watch(frame);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
}());
