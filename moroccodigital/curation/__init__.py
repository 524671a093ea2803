"""Curation: seed texts and their annotation files, read strictly and checked into table rows."""
