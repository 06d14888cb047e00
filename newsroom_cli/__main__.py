"""Run the CLI as ``python -m newsroom_cli``."""

from newsroom_cli.cli.app import main

if __name__ == "__main__":
    main()
