namespace WebVirt.Libvirt.Domains;

// Reads name and UUID from a raw virDomainPtr. Used for owned handles and for the borrowed
// pointers libvirt passes to event callbacks and stats records, which must be copied at once.
internal static class DomainIdentity
{
    internal static unsafe (string Name, string Uuid) Read(IntPtr domain)
    {
        string name = Interop.Libvirt.BorrowString(Interop.Libvirt.virDomainGetName(domain))
            ?? throw LibvirtException.FromLastError(nameof(Interop.Libvirt.virDomainGetName));

        byte* buffer = stackalloc byte[Interop.Libvirt.UuidStringBufferLength];
        if (Interop.Libvirt.virDomainGetUUIDString(domain, buffer) < 0)
        {
            throw LibvirtException.FromLastError(nameof(Interop.Libvirt.virDomainGetUUIDString));
        }

        string uuid = Interop.Libvirt.BorrowString(buffer)!;
        return (name, uuid);
    }
}
