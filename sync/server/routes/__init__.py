"""One module per resource (the template's routes/<resource>.py), mounted under /v1."""
