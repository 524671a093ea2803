"""The finder: candidate facts in new articles, the completeness audit, drafts and corpus scans."""
