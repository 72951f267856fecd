"""Application layer: the answer engine, admin operations, the runtime and rendering of replies."""
