"""The app's screens: the browser (main screen) and help; search and comparison come later."""
