"""The server recipes of deploy/ follow site.yaml's languages (`build.py deploy`)."""

from __future__ import annotations

from pathlib import Path

from ratify.config import parse_config
from ratify.pipeline import load
from ratify.recipes import server_recipes
from ratify.search import search_folders
from tests.conftest import REPO, copy_bundled_site, run_cli


def test_the_bundled_recipes_are_the_ones_site_yaml_gives() -> None:
    """An edit of deploy/ by hand, or of the languages or the search pages without `build.py deploy`, fails here."""
    site = load(REPO).site
    for name, text in server_recipes(site.config, search_folders(site.translations)).items():
        assert (REPO / "deploy" / name).read_text(encoding="utf-8") == text, f"run: python build.py deploy ({name})"


def test_recipes_for_other_languages_send_visitors_and_serve_404_pages_in_them() -> None:
    config = parse_config('title: {fr: T, en: T, pt-BR: T, ar: T}\nbase_url: "https://example.org/"\n'
                          "default_language: fr\nlanguages: [{code: fr}, {code: en}, {code: pt-BR}, {code: ar}]\n",
                          "site.yaml")
    recipes = server_recipes(config)
    nginx, apache = recipes["nginx.conf"], recipes["apache.htaccess"]
    assert "(?<wanted>pt\\-BR|fr|en|ar)(?:[-;,\\s]|$)" in nginx and "    default fr;" in nginx
    assert "en|fr|es" not in nginx + apache
    assert "    error_page 404 /fr/404.html;\n" in nginx
    for code in ("en", "pt-BR", "ar"):
        assert f"location ^~ /{code}/ {{ error_page 404 /{code}/404.html; try_files $uri $uri/ =404; }}" in nginx
        assert f'<If "%{{REQUEST_URI}} =~ m#^/{code}/#">\n  ErrorDocument 404 /{code}/404.html\n</If>' in apache
    assert "location ^~ /fr/" not in nginx
    assert "RewriteRule ^$ fr/ [R=302,L]" in apache and "\\s*(pt\\-BR|fr|en|ar)(" in apache
    assert "without one, to Français." in apache


def test_build_py_deploy_writes_the_recipes_of_a_site(tmp_path: Path) -> None:
    site = copy_bundled_site(tmp_path / "site")
    config = (site / "site.yaml").read_text(encoding="utf-8")
    (site / "site.yaml").write_text(config.replace('    quotes: ["«", "»"]\n', '    quotes: ["«", "»"]\n'
                                                   '  - code: pt\n').replace(
        '  es: "¡Justicia', '  pt: "Justiça já!"\n  es: "¡Justicia').replace(
        '\n    es: "', '\n    pt: "Texto em [português]."\n    es: "').replace(  # the organisation's texts
        '\n      es: "', '\n      pt: "Tornar-se membro"\n      es: "'), encoding="utf-8")  # the Join link's words
    result = run_cli("deploy", "--root", str(site))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wrote", "deploy/nginx.conf", "wrote", "deploy/apache.htaccess"]
    assert "(?<wanted>en|fr|es|pt)" in (site / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    again = run_cli("deploy", "--root", str(site))
    assert again.stdout == "the server recipes in deploy/ already follow site.yaml\n"
