from recviewer.app import main

raise SystemExit(main())
