"""Config + the site's output paths -> its Content-Security-Policies: the public pages', the search pages' and the
editor's, and the rules of _headers that send each on the paths it is for, no two rules on one path.

Hosts that read _headers (Netlify, Cloudflare Pages) join the values of every rule matching a path with a comma,
which a browser reads as two policies that must both allow a thing: a site-wide rule would block the editor and
the search pages' WebAssembly whatever their own rules said. So the rules cover the site without overlapping.
"""

from __future__ import annotations

from typing import Callable, Iterable

from ratify.model import Config

ADMIN_DIR = "admin"  # the editor's folder, under the site's root: its policy is its own
LOCAL_SERVER = "http://localhost:8081"  # where decap-server listens in local mode (`make cms`)
# Pagefind runs its index as WebAssembly: the search pages allow that, and only they.
SEARCH_SCRIPT_SOURCES = "'wasm-unsafe-eval'"


def content_security_policy(config: Config, header: bool = False, script_sources: str = "") -> str:
    """The site's Content-Security-Policy: its own files only, no inline script or style, no other host.

    `script_sources` adds to script-src for one page (the search page's WebAssembly). As an HTTP header (in
    _headers) it also forbids framing, which a <meta> policy cannot say. form-action: the Join form's endpoint, and
    this site, where the endpoint sends people back to say thank you.
    """
    form_action = "'self'" + (f" {config.join.origin}" if config.join.origin else "")
    script_src = "'self'" + (f" {script_sources}" if script_sources else "")
    policy = (f"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src {script_src}; "
              f"object-src 'none'; base-uri 'self'; form-action {form_action}")
    return policy + _framing(header)


def admin_security_policy(config: Config, header: bool = False) -> str:
    """The editor's Content-Security-Policy: its own script only, its inline styles, and connections to its
    backends; nothing is loaded from another host. Decap CMS checks its configuration with ajv, which compiles the
    schema into a function: it needs 'unsafe-eval', which no public page allows."""
    connect = f"'self' {LOCAL_SERVER} https://api.github.com https://gitlab.com"
    if config.admin.auth_url:
        connect += f" {config.admin.auth_url}"
    return ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob: https://avatars.githubusercontent.com; "
            f"connect-src {connect}; object-src 'none'; base-uri 'self'; form-action 'self'" + _framing(header))


def _framing(header: bool) -> str:
    return "; frame-ancestors 'none'" if header else ""


def header_rules(base_path: str, paths: Iterable[str], policy_of: Callable[[str], str]) -> list[tuple[str, str]]:
    """(URL pattern, policy) for _headers: a folder whose files all take one policy is one rule "folder/*";
    a folder whose files differ is split into its files and its folders, so that no two rules match one path.

    `paths` are the output's files ("en/search/index.html"); a page's index.html is also matched at its folder's
    address ("/en/search/"), as readers ask for it.
    """
    return _rules_of(base_path, _tree(paths), "", policy_of)[1]


def _tree(paths: Iterable[str]) -> dict[str, dict]:
    """Nested folders: name -> its tree, a file's tree being empty."""
    tree: dict[str, dict] = {}
    for path in paths:
        node = tree
        for part in path.split("/"):
            node = node.setdefault(part, {})
    return tree


def _rules_of(base_path: str, tree: dict[str, dict], folder: str,
              policy_of: Callable[[str], str]) -> tuple[set[str], list[tuple[str, str]]]:
    """The policies of the files under `folder` and its rules, one walk from the files up: the rules of its files
    and folders, or a single "folder/*" when they all take one policy."""
    policies: set[str] = set()
    rules: list[tuple[str, str]] = []
    for name, below in sorted(tree.items()):
        if below:
            policies_below, rules_below = _rules_of(base_path, below, f"{folder}{name}/", policy_of)
            policies |= policies_below
            rules += rules_below
        else:
            policy = policy_of(folder + name)
            policies.add(policy)
            if name == "index.html":
                rules.append((f"{base_path}{folder}", policy))
            rules.append((f"{base_path}{folder}{name}", policy))
    if len(policies) == 1:
        return policies, [(f"{base_path}{folder}*", next(iter(policies)))]
    return policies, rules
