# Warmline's AppArmor profile for Ubuntu 24.04 and later, installed by the deb to
# /etc/apparmor.d/${executable} and loaded by its post-install script. Ubuntu lets only profiled
# programs create unprivileged user namespaces, which Chromium's sandbox needs; this profile grants
# exactly that (userns) to the installed binary and confines nothing else, as Ubuntu's own profiles
# for Chromium-based apps do. The sandbox itself stays on.
abi <abi/4.0>,
include <tunables/global>

profile "${executable}" "/opt/${sanitizedProductName}/${executable}" flags=(unconfined) {
  userns,

  # Site-specific additions and overrides. See local/README for details.
  include if exists <local/${executable}>
}
