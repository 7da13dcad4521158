// Rewrites a YAML data file on stdin as Decap CMS 3 saves it (decap-cms-core/src/formats/yaml.ts, with the same
// `yaml` package from node_modules): read as YAML 1.2, the editor's fields first, each field's `comment` written
// before it, every other comment dropped. Argument: JSON {"fields": [names], "comments": {name: text}}.
"use strict";
const yaml = require("yaml");

const { fields, comments } = JSON.parse(process.argv[2]);
const text = require("fs").readFileSync(0, "utf8");
const data = yaml.parseDocument(text, { prettyErrors: true }).toJSON();
const ordered = {};
for (const name of fields) {
  if (name in data) ordered[name] = data[name];  // the form's values come first, the rest of the file after
}
for (const name of Object.keys(data)) {
  if (!(name in ordered)) ordered[name] = data[name];
}
const contents = yaml.createNode(ordered);
for (const item of contents.items) {
  const comment = comments[item.key.toString()];
  if (comment) item.commentBefore = " " + comment.split("\\n").join("\n ");
}
const doc = new yaml.Document();
doc.contents = contents;
process.stdout.write(doc.toString());
