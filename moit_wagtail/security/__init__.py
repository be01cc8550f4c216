"""Site-wide hardening: security headers (``headers``) and the admin login lock-out page
(``lockout``, for django-axes)."""
