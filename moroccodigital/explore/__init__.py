"""Browsing the dataset in Datasette: the SQLite export, the server and its plugin."""
