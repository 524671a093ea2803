"""Generated documentation: the codebook and the figures."""
