"""The built dataset: the build, its descriptors and metadata, verification, and the loaders."""
