"""Fix what axe-core finds in Material's own markup (tests/test_browser.py runs it on every page):
the search dialog has no accessible name."""

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def name_search_dialog(output, where):
    assert SEARCH_DIALOG in output, f"{where}: Material's search dialog changed; update {__file__}"
    return output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">')


def on_post_page(output, page, config):
    return name_search_dialog(output, page.file.src_uri)


def on_post_template(output_content, template_name, config):
    # 404.html is a theme template, not a page.
    return name_search_dialog(output_content, template_name) if template_name == "404.html" else output_content
