"""The command-line contract of ../shared/design.md."""
