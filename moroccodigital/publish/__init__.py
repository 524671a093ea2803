"""Publishing a built package elsewhere: a zip archive and a CKAN portal."""
