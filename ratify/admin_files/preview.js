// The editor's preview, as the site shows a page: the site's own stylesheet, and each shortcode as a readable
// placeholder naming what it shows and the figure the build computed for it, in the language of the entry shown
// (the JSON #ratify-preview of the editor's page, written by ratify/admin.py's preview_data), not as raw {{< >}}.
// Images ask for their alt text, which the build requires. Loaded by /admin/ only, after Decap CMS.
(function () {
  "use strict";
  var stylesheet = document.currentScript.dataset.style;
  if (stylesheet) {
    CMS.registerPreviewStyle(stylesheet);
  }
  var element = document.getElementById("ratify-preview");
  var data = element ? JSON.parse(element.textContent) : { figures: {}, previews: [] };
  var DEFAULT_LANGUAGE = document.documentElement.lang;
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

  // The text that stands for a shortcode in `language`: "[figure what=parties on=2012-11-01: at least 8]".
  function placeholder(name, options, language) {
    var figures = data.figures[language] || data.figures[DEFAULT_LANGUAGE] || {};
    var figure = figures[keyOf(name, options)];
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
    // The shortcode itself, which rewrite() below turns into its placeholder in the preview's language.
    toPreview: function (block) {
      return "<p class=\"cms-shortcode\" data-shortcode=\"" + escaped(block.name) + "\">" +
        escaped("{{< " + block.name + (block.options ? " " + block.options : "") + " >}}") + "</p>";
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

  // The language of the entry a preview shows: Decap gives it to a preview template as `locale` when the
  // languages of a collection are side by side (the left one's, which the preview shows); a collection of one
  // language (News (fr), Declaration (fr)) says it in its folder or file, content/fr/...
  function languageOf(props) {
    if (props.locale) {
      return props.locale;
    }
    var places = [props.entry.get("path"), props.collection.get("folder")];
    for (var i = 0; i < places.length; i++) {
      var found = (places[i] || "").split("/").filter(function (part) { return part in data.figures; })[0];
      if (found) {
        return found;
      }
    }
    return DEFAULT_LANGUAGE;
  }

  // Decap's own preview (each field of the form in turn), inside an element that carries the entry's language:
  // the placeholders below read it, and the site's stylesheet its :lang() rules. Keyed by the language, so that
  // switching languages makes the preview afresh, its placeholders rewritten in the new one.
  var Preview = createClass({
    render: function () {
      var props = this.props;
      var language = languageOf(props);
      return h("div", { lang: language, key: language },
        props.fields.filter(function (field) { return field.get("widget") !== "hidden"; }).map(function (field) {
          return h("div", { key: field.get("name") }, props.widgetFor(field.get("name")));
        }).toArray());
    }
  });
  data.previews.forEach(function (name) { CMS.registerPreviewTemplate(name, Preview); });

  // A shortcode is text to Decap's Markdown, in a sentence ({{< date >}}, {{< figure >}}) or a block of its own
  // (toPreview above): the preview's text is rewritten in place, only its characters, so that the preview's own
  // updates keep working, each in the language of the entry around it.
  function rewrite(root) {
    var walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeValue.indexOf("{{<") !== -1) {
        var marked = node.parentElement && node.parentElement.closest("[lang]");
        var language = marked ? marked.getAttribute("lang") : DEFAULT_LANGUAGE;
        node.nodeValue = node.nodeValue.replace(SHORTCODE, function (whole, name, options) {
          return placeholder(name, options, language);
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
