"""The part of StretchApp that knows nothing of Qt: routines, sessions, history, settings, paths."""
