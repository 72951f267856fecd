"""Knowledge layer: bundled documents, Vietnamese text handling, SQL models and search."""
