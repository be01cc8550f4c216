"""Demo content for the reference site: ``manage.py load_demo`` or ``home.demo.build()``."""


def build(stdout=None):
    """Load the demo sites; see ``home.demo.loader.build``.

    Imported on call so the data and file modules stay importable without Django set up.
    """
    from .loader import build as load

    return load(stdout=stdout)
