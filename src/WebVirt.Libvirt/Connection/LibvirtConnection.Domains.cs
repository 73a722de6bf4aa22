using System.Runtime.InteropServices;
using WebVirt.Libvirt.Domains;

namespace WebVirt.Libvirt.Connection;

public sealed partial class LibvirtConnection
{
    public unsafe IReadOnlyList<LibvirtDomain> ListAllDomains(DomainListFlags flags = DomainListFlags.None)
    {
        IntPtr* domains = null;
        int count = Interop.Libvirt.virConnectListAllDomains(_handle, &domains, (uint)flags);
        if (count < 0)
        {
            throw LibvirtException.FromLastError(nameof(Interop.Libvirt.virConnectListAllDomains));
        }

        var result = new List<LibvirtDomain>(count);
        int owned = 0;
        try
        {
            for (; owned < count; owned++)
            {
                result.Add(new LibvirtDomain(SafeDomainHandle.Own(domains[owned], _handle)));
            }
        }
        catch
        {
            foreach (LibvirtDomain domain in result)
            {
                domain.Dispose();
            }

            // Pointers after the failing one were never wrapped; the failing one freed itself.
            for (int i = owned + 1; i < count; i++)
            {
                _ = Interop.Libvirt.virDomainFree(domains[i]);
            }

            throw;
        }
        finally
        {
            NativeMemory.Free(domains);
        }

        return result;
    }

    /// <summary>The UUIDs of the domains matching <paramref name="flags"/>, in one libvirt call.</summary>
    public IReadOnlySet<string> ListDomainUuids(DomainListFlags flags)
    {
        var uuids = new HashSet<string>(StringComparer.Ordinal);
        foreach (LibvirtDomain domain in ListAllDomains(flags))
        {
            using (domain)
            {
                uuids.Add(domain.Uuid);
            }
        }

        return uuids;
    }

    public LibvirtDomain LookupDomainByUuid(string uuid) =>
        Wrap(Interop.Libvirt.virDomainLookupByUUIDString(_handle, uuid), nameof(Interop.Libvirt.virDomainLookupByUUIDString));

    public LibvirtDomain LookupDomainByName(string name) =>
        Wrap(Interop.Libvirt.virDomainLookupByName(_handle, name), nameof(Interop.Libvirt.virDomainLookupByName));

    /// <summary>
    /// Defines (or redefines) a persistent guest. Every definition is checked against libvirt's
    /// schema by default (VIR_DOMAIN_DEFINE_VALIDATE): without it libvirt silently drops what it
    /// does not know, and a typo in an edited XML would be lost instead of refused.
    /// </summary>
    public LibvirtDomain DefineDomainXml(string xml, DomainDefineFlags flags = DomainDefineFlags.Validate) =>
        Wrap(Interop.Libvirt.virDomainDefineXMLFlags(_handle, xml, (uint)flags), nameof(Interop.Libvirt.virDomainDefineXMLFlags));

    public LibvirtDomain CreateDomainXml(string xml) =>
        Wrap(Interop.Libvirt.virDomainCreateXML(_handle, xml, 0), nameof(Interop.Libvirt.virDomainCreateXML));

    private LibvirtDomain Wrap(IntPtr domain, string function)
    {
        if (domain == IntPtr.Zero)
        {
            throw LibvirtException.FromLastError(function);
        }

        SafeDomainHandle handle = SafeDomainHandle.Own(domain, _handle);
        try
        {
            return new LibvirtDomain(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
