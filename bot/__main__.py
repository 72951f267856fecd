from bot.main import main

raise SystemExit(main())
