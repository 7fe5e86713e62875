"""The app's screens: loading, browser (main screen), search, comparison and its picker, landscape, help."""
