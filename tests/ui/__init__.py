"""UI tests: pilot and snapshot tests of the Textual app on the fixture dataset."""
