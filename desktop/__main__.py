"""`python -m desktop`: the command line only. The program, GUI included, starts with
`donghaeng` / `python -m donghaeng` (donghaeng/launcher.py): desktop/ never imports ui/."""
from desktop.cli.main import main

raise SystemExit(main())
