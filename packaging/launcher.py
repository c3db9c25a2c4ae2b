"""Entry point of the frozen app: the same `main()` as the `donghaeng` console script.

PyInstaller needs a script, not a `module:function` reference; keeping it this small means
the frozen program and `.venv/bin/donghaeng` run exactly the same code: the launcher above
desktop/ and ui/ (donghaeng/launcher.py), which picks the command line or the GUI.
"""
import sys

from donghaeng.launcher import main

if __name__ == "__main__":
    sys.exit(main())
