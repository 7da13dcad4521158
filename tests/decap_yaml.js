// Rewrites a YAML data file on stdin as Decap CMS 3 saves it (decap-cms-core/src/formats/yaml.ts, with the same
// `yaml` library from node_modules): read as YAML 1.2, written again with that library's quoting and line breaks,
// every comment dropped. (Decap also holds an entry in Immutable maps, which may reorder the keys of a mapping of
// more than eight keys; the build reads keys in any order.)
"use strict";
const yaml = require("yaml");

const text = require("fs").readFileSync(0, "utf8");
const doc = new yaml.Document();
doc.contents = yaml.createNode(yaml.parseDocument(text, { prettyErrors: true }).toJSON());
process.stdout.write(doc.toString());
