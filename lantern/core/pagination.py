"""GOV.UK pagination for any list page."""


def page_links(page) -> list:
    """First, last, current and its neighbours, with None for each gap (an ellipsis)."""
    if page.paginator.num_pages <= 1:
        return []
    links, last = [], 0
    for n in page.paginator.page_range:
        if n in (1, page.paginator.num_pages) or abs(n - page.number) <= 1:
            if last and n - last > 1:
                links.append(None)
            links.append(n)
            last = n
    return links
