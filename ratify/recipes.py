"""site.yaml -> the nginx and Apache recipes of deploy/, which send visitors of "/" to their language, serve each
language's 404 page, and send the search pages and the editor their own security policies: written by
`build.py deploy`, so that a site with other languages or pages gets recipes that know them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from ratify.model import Config
from ratify.policies import ADMIN_DIR, SEARCH_SCRIPT_SOURCES, admin_security_policy, content_security_policy

DEPLOY_DIR = "deploy"


def server_recipes(config: Config, searches: Sequence[str] = ()) -> dict[str, str]:
    """The text of deploy/nginx.conf and deploy/apache.htaccess for the languages of `config`, its editor, and the
    search pages' folders `searches` ("en/search/")."""
    others = [language.code for language in config.languages if language.code != config.default_language]
    values = {
        "CSP": content_security_policy(config, header=True),
        "LANGUAGES": _alternatives([language.code for language in config.languages]),
        "DEFAULT": config.default_language,
        "DEFAULT_NAME": config.language(config.default_language).name,
    }
    nginx_404 = "".join(f"    location ^~ /{code}/ {{ error_page 404 /{code}/404.html; try_files $uri $uri/ =404; }}\n"
                        for code in others)
    apache_404 = "".join(f'<If "%{{REQUEST_URI}} =~ m#^/{code}/#">\n  ErrorDocument 404 /{code}/404.html\n</If>\n'
                         for code in others)
    # The editor and the search pages need policies of their own (ratify/policies.py), on their folders only.
    policies = [(f"/(?:{_alternatives([folder.rstrip('/') for folder in searches])})/",
                 content_security_policy(config, header=True, script_sources=SEARCH_SCRIPT_SOURCES))] if searches else []
    if "admin" in config.modules:
        policies.append((f"/{ADMIN_DIR}/", admin_security_policy(config, header=True)))
    nginx_policies = "".join(f'    "~^{folder}" "{policy}";\n' for folder, policy in policies)
    apache_policies = "".join(f'<If "%{{REQUEST_URI}} =~ m#^{folder}#">\n'
                              f'  Header always set Content-Security-Policy "{policy}"\n</If>\n'
                              for folder, policy in policies)
    return {"nginx.conf": _filled(_NGINX, {**values, "NOT_FOUND": nginx_404, "POLICIES": nginx_policies}),
            "apache.htaccess": _filled(_APACHE, {**values, "NOT_FOUND": apache_404, "POLICIES": apache_policies})}


def write_recipes(root: Path, config: Config, searches: Sequence[str] = ()) -> list[Path]:
    """Write the recipes into deploy/ (only those whose text changed), for the site's own repository."""
    written = []
    for name, text in server_recipes(config, searches).items():
        path = root / DEPLOY_DIR / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def _alternatives(codes: list[str]) -> str:
    """A regular expression's alternatives, longest first so that "pt-BR" is tried before "pt"."""
    return "|".join(re.escape(code) for code in sorted(codes, key=lambda code: (-len(code), codes.index(code))))


def _filled(template: str, values: dict[str, str]) -> str:
    return re.sub(r"@@(\w+)@@", lambda match: values[match[1]], template)


_NGINX = r"""# nginx: goes in the http block (e.g. /etc/nginx/conf.d/campaign.conf), for the site built into
# /srv/campaign/public. At "/", visitors are sent to the first of the site's languages their browser lists
# (Accept-Language); without one, to @@DEFAULT_NAME@@. Without this rule the root page lists the languages.

# "de-CH,de;q=0.9,fr;q=0.8" -> fr: the first language tag whose language the site has.
map $http_accept_language $campaign_language {
    default @@DEFAULT@@;
    "~*^(?:.*?,)?\s*(?<wanted>@@LANGUAGES@@)(?:[-;,\s]|$)" $wanted;
}

# As the site's _headers file says: fingerprinted files never change under their name, so a year; the open data,
# an hour, readable by other sites' scripts; pages, five minutes.
map $uri $campaign_cache {
    default "public, max-age=300, must-revalidate";
    "~^/static/" "public, max-age=31536000, immutable";
    "~^/data/" "public, max-age=3600";
}
map $uri $campaign_cors {
    default "";  # nginx sends no header whose value is empty
    "~^/data/" "*";
}
# The Content-Security-Policy: the public pages' everywhere, the search pages' and the editor's in their folders.
map $uri $campaign_policy {
    default "@@CSP@@";
@@POLICIES@@}

server {
    listen 80;
    server_name example.org;
    root /srv/campaign/public;
    charset utf-8;

    # Set here, on the server, so that every location below inherits them: nginx drops the server's headers in
    # any location that adds one of its own.
    add_header Cache-Control $campaign_cache always;
    add_header Content-Security-Policy $campaign_policy always;
    add_header X-Content-Type-Options nosniff always;
    add_header Referrer-Policy strict-origin-when-cross-origin always;
    add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;
    add_header Access-Control-Allow-Origin $campaign_cors always;
    add_header Vary Accept-Language always;

    location = / {
        return 302 /$campaign_language/;
    }
    location / {
        try_files $uri $uri/ =404;
    }

    # Each language's own 404 page.
    error_page 404 /@@DEFAULT@@/404.html;
@@NOT_FOUND@@}
"""

_APACHE = r"""# Apache 2.4: copy this file to public/.htaccess (needs mod_rewrite and mod_headers, and AllowOverride All).
# At "/", visitors are sent to the first of the site's languages their browser lists (Accept-Language);
# without one, to @@DEFAULT_NAME@@. Without this rule the root page lists the languages.
RewriteEngine On
# "de-CH,de;q=0.9,fr;q=0.8" -> fr: the first language tag whose language the site has.
RewriteCond %{HTTP:Accept-Language} ^(?:.*?,)?\s*(@@LANGUAGES@@)(?:[-;,\s]|$) [NC]
RewriteRule ^$ %1/ [R=302,L]
RewriteRule ^$ @@DEFAULT@@/ [R=302,L]

# Each language's own 404 page.
ErrorDocument 404 /@@DEFAULT@@/404.html
@@NOT_FOUND@@
# As the site's _headers file says. "always": also on redirects and error pages.
Header always merge Vary Accept-Language
Header always set Content-Security-Policy "@@CSP@@"
@@POLICIES@@Header always set X-Content-Type-Options nosniff
Header always set Referrer-Policy strict-origin-when-cross-origin
Header always set Permissions-Policy "camera=(), microphone=(), geolocation=()"
# Pages: five minutes. Fingerprinted files never change under their name: a year. The open data: an hour,
# readable by other sites' scripts.
Header set Cache-Control "public, max-age=300, must-revalidate"
<FilesMatch "\.[0-9a-f]{10}\.(css|js|svg)$">
  Header set Cache-Control "public, max-age=31536000, immutable"
</FilesMatch>
<If "%{REQUEST_URI} =~ m#^/data/#">
  Header set Cache-Control "public, max-age=3600"
  Header set Access-Control-Allow-Origin "*"
</If>
"""
