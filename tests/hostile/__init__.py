"""The hostile-input corpus: generated inputs of every family the tool reads, run through the CLI."""
