"""The admin site shows no authenticator secrets (docs/security.md).

django-otp registers its TOTP devices in the admin, where the key, the `config` link and the
QR code are shown and can be changed without a Lantern audit entry. A secret is shown once,
at enrolment, to its owner; resetting a second factor (the user's page in Lantern, audited)
is the only action anyone else takes. This app comes after django-otp's in INSTALLED_APPS,
so its registration exists by now.
"""

from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
