namespace WebVirt.Libvirt.Domains;

public sealed partial class LibvirtDomain
{
    /// <summary>Starts the defined guest with <paramref name="flags"/> (virDomainCreateWithFlags).</summary>
    public void Create(DomainStartFlags flags) =>
        Check(Interop.Libvirt.virDomainCreateWithFlags(_handle, (uint)flags), nameof(Interop.Libvirt.virDomainCreateWithFlags));
}
