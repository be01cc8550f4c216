"""moit-wagtail: MOIT/ITA mandatory website content for Thai public-health agencies on Wagtail."""

__version__ = "0.1.0"
