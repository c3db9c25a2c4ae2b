"""`python -m donghaeng`: the same program as the `donghaeng` console script."""
from donghaeng.launcher import main

raise SystemExit(main())
