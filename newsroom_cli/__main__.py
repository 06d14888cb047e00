"""The console script's entry point, also run by ``python -m newsroom_cli``.

Start-up makes tens of thousands of objects that live as long as the process (modules,
classes, Typer's parameters), and the garbage collector would walk them dozens of times
for nothing: about 3 ms of a 60 ms run of `newsroom validate FILE`. So the collector is
paused before the CLI is imported, and the global options' callback resumes it, with
everything made so far frozen out of its way, before the command runs.
"""

import gc


def main() -> None:
    """Run the CLI with the garbage collector paused for start-up."""
    gc.disable()
    try:
        from newsroom_cli.cli.app import main as run
    except KeyboardInterrupt:
        # Ctrl-C while the CLI starts: a newline and 130, as at any other moment.
        import sys

        sys.stderr.write("\n")
        raise SystemExit(130) from None
    run(gc_paused=True)


if __name__ == "__main__":
    main()
