"""One module a page; importing them registers the pages with the app."""
