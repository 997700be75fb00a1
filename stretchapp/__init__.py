"""StretchApp: a calm, guided stretch timer for people who get back spasms."""

__version__ = "0.1.0"
APP_NAME = "StretchApp"
