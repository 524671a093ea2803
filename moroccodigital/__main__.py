from moroccodigital.cli import main

raise SystemExit(main())
