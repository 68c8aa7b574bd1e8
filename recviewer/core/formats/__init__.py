"""One adapter per wire format; ``registry.read_recording`` picks one by data."""
