"""The YAML mistakes people make, each said in plain words at the line where it was made (not where the reader gave
up), with what to do, and never in the YAML reader's grammar."""

from __future__ import annotations

import pytest

from ratify.datafile import parse_yaml
from ratify.errors import SiteError

DOUBLE = "end the value with \"; inside \"...\" a quotation mark is written \\\", or quote the value with '...' instead"
SINGLE = "inside '...' an apostrophe is written twice ('l''Alliance'), or quote the value with \"...\" instead"
TAB = "YAML counts only spaces as indentation; most editors can turn tabs into spaces"
AMONG_ITEMS = "to make it part of that item, or start it with '- ' to make it an item of its own"


@pytest.mark.parametrize(("text", "expected"), [
    # An unclosed quote runs on to the end of the file, or to the next quotation mark: reported where it opens.
    ('title: "Hello\ndescription: x\ndate: 2013-01-01\n', f"1: the title's quote opened here is never closed\n    {DOUBLE}"),
    ('title: "Hello\ndescription: "x"\n', f"1: the title's quote opened here is never closed\n    {DOUBLE}"),
    ("a: 1\ntitle: 'Hello\n", f"2: the title's quote opened here is never closed\n    end the value with '; {SINGLE}"),
    ('treaty:\n  name: "Protocol\n  short: "OP"\n', f"2: the name's quote opened here is never closed\n    {DOUBLE}"),
    ('- name: "x\n- name: y\n', f"1: the name's quote opened here is never closed\n    {DOUBLE}"),
    ("title: 'Don't stop'\ndescription: x\n", f"1: the title's quote closes before the end of the value, at 'Don'\n"
                                             f"    {SINGLE}"),
    # A value quoted over several lines is YAML: the mistake is the one after it.
    ('a: "one\n  two"\nb: x: y\n', "3: the value of 'b' holds ': ', which YAML reads as the start of another key\n"
                                   "    put the whole value in quotes: b: \"x: y\""),
    ("title: x\nlist:\n\t- a\n", f"3: a tab at column 1: indent with spaces\n    {TAB}"),
    ("a:\n  b: 1\n  \tc: 2\n", f"3: a tab at column 3: indent with spaces\n    {TAB}"),
    ("title: x\ndescription:y\ndate: 2013-01-01\n", "2: a space is missing after 'description:'\n"
                                                     "    write 'description: y'"),
    ("title: x\ndescription:y\n", "2: a space is missing after 'description:'\n    write 'description: y'"),
    ("title: Article 2: rights\n", "1: the value of 'title' holds ': ', which YAML reads as the start of another key\n"
                                   "    put the whole value in quotes: title: \"Article 2: rights\""),
    ('title: He said "no": done\n', "1: the value of 'title' holds ': ', which YAML reads as the start of another key\n"
                                    "    put the whole value in quotes: title: 'He said \"no\": done'"),
    ("a:\n  b: 1\n   c: 2\n", "3: this line is indented more than 'b:' on line 2, which has its value already\n"
                             "    indent it by 2 spaces, like 'b:'"),
    # A list as meant, on a line that is wrong for another reason.
    ("a:\n  b: 1\n   c: [x, y]\n", "3: this line is indented more than 'b:' on line 2, which has its value already\n"
                                    "    indent it by 2 spaces, like 'b:'"),
    # A quoted key is no quote closed too early.
    ('"a b": 1\nc: x: y\n', "2: the value of 'c' holds ': ', which YAML reads as the start of another key\n"
                            "    put the whole value in quotes: c: \"x: y\""),
    ("a:\n    b: 1\n  c: 2\n", "3: this line is indented by 2 spaces, as no line above it is\n"
                             "    indent it by 0 or 4 spaces, like the key it belongs beside"),
    ("  title: x\ndescription: y\n", "1: this line is indented by 2 spaces, more than line 2\n"
                                   "    remove the spaces before it, or indent line 2 the same"),
    ("languages:\n  - code: en\n  name: x\n", f"3: 'name:' stands among list items (line 2 starts one)\n"
                                            f"    indent it by 4 spaces {AMONG_ITEMS}"),
    ("a:\n  b: 1\n  - c\n", "3: a list item stands among keys (line 2 is one)\n    a block holds either keys "
                           "('key: value') or list items ('- value'), not both: indent the items under the key they "
                           "belong to"),
    ("title: x\nitems: [a, b\ndesc: y\n", "2: the items' list opened here with '[' is never closed\n"
                                          "    end it with ']', or, if the value is text, put it all in quotes"),
    ("title: [Draft] Hello\n", "1: the title's value starts with '[', a list in YAML\n"
                               "    put the whole value in quotes: \"[Draft] Hello\""),
    ("title: *new* things\n", "1: the title's value starts with '*', an alias in YAML\n"
                              "    put the whole value in quotes: \"*new* things\""),
    ("title: @me\n", "1: the title's value starts with '@', a character YAML keeps for itself\n"
                     "    put the whole value in quotes: \"@me\""),
])
def test_each_mistake_is_said_plainly_at_its_line(text: str, expected: str) -> None:
    with pytest.raises(SiteError) as raised:
        parse_yaml(text, "data/x.yaml")
    assert str(raised.value) == "data/x.yaml:" + expected


def test_front_matter_lines_count_from_the_top_of_the_page() -> None:
    with pytest.raises(SiteError) as raised:
        parse_yaml('title: "Join\ndescription: "x"\n', "content/en/join.md", line_offset=1)
    assert (raised.value.path, raised.value.line) == ("content/en/join.md", 2)


def test_a_mistake_none_of_the_checks_knows_still_names_its_line_and_says_what_to_look_at() -> None:
    with pytest.raises(SiteError) as raised:
        parse_yaml("a:\n  - x: 1\n    y: [1,\n  - z\n", "data/x.yaml")
    assert raised.value.message == "YAML cannot read this line"
    assert raised.value.line is not None
    assert raised.value.hint and raised.value.hint.startswith("check the indentation, the quotes and that every key")


def test_valid_yaml_that_looks_like_a_mistake_is_read_as_it_is() -> None:
    text = ("title: 'l''Alliance'\nnote: \"a \\\"quoted\\\" word\"\nlong: \"one\n  two\"\nurl: https://un.org/x\n"
            "items: [a, b]\nmap: {a: 1}\ntabbed: a\tb\n")
    assert parse_yaml(text, "data/x.yaml") == {"title": "l'Alliance", "note": 'a "quoted" word', "long": "one two",
                                               "url": "https://un.org/x", "items": ["a", "b"], "map": {"a": 1},
                                               "tabbed": "a\tb"}
