namespace WebVirt.Libvirt.Domains;

// MimeType is what the hypervisor produced (image/png on QEMU 7.2, image/x-portable-pixmap on
// older QEMU), Data the complete image.
public sealed record DomainScreenshot(string MimeType, byte[] Data);
