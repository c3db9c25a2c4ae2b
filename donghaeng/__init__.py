"""Donghaeng's entry point, above both the Qt-free core (desktop/) and the GUI (ui/).

`donghaeng` (the console script), `python -m donghaeng` and the frozen build all start in
`donghaeng.launcher.main`, which hands the command line to desktop.cli and the GUI to
ui/. It lives here, not in desktop/, so that no import runs from the core up into the GUI
(docs/architecture.md, "Layers and the launcher"; `make lint` checks it).
"""
