using System.Xml.Linq;

namespace WebVirt.Libvirt.Domains;

public sealed partial class LibvirtDomain : IDisposable
{
    private readonly SafeDomainHandle _handle;

    internal LibvirtDomain(SafeDomainHandle handle)
    {
        _handle = handle;
        (Name, Uuid) = DomainIdentity.Read(handle.DangerousGetHandle());
    }

    public string Name { get; }

    public string Uuid { get; }

    // A virDomainPtr caches the id it was created with (the remote driver never refreshes it), so
    // the current id comes from a fresh lookup.
    public int Id
    {
        get
        {
            bool added = false;
            _handle.DangerousAddRef(ref added);
            try
            {
                // The connection handle may already be disposed by its owner; this domain's
                // reference keeps the native connection valid.
                IntPtr fresh = Interop.Libvirt.virDomainLookupByUUIDString(_handle.Connection.DangerousGetHandle(), Uuid);
                if (fresh == IntPtr.Zero)
                {
                    LibvirtException error = LibvirtException.FromLastError(nameof(Interop.Libvirt.virDomainLookupByUUIDString));
                    return error.Code == LibvirtErrorCodes.NoDomain ? -1 : throw error;
                }

                try
                {
                    return unchecked((int)Interop.Libvirt.virDomainGetID(fresh));
                }
                finally
                {
                    _ = Interop.Libvirt.virDomainFree(fresh);
                }
            }
            finally
            {
                _handle.DangerousRelease();
            }
        }
    }

    internal SafeDomainHandle Handle => _handle;

    public unsafe string GetXmlDesc(bool inactive = false, bool secure = false)
    {
        uint flags = (inactive ? Interop.Libvirt.VIR_DOMAIN_XML_INACTIVE : 0) | (secure ? Interop.Libvirt.VIR_DOMAIN_XML_SECURE : 0);
        return Interop.Libvirt.TakeOwnedString(Interop.Libvirt.virDomainGetXMLDesc(_handle, flags))
            ?? throw LibvirtException.FromLastError(nameof(Interop.Libvirt.virDomainGetXMLDesc));
    }

    public void Create() => Check(Interop.Libvirt.virDomainCreate(_handle), nameof(Interop.Libvirt.virDomainCreate));

    public void Shutdown() => Check(Interop.Libvirt.virDomainShutdown(_handle), nameof(Interop.Libvirt.virDomainShutdown));

    public void Destroy() => Check(Interop.Libvirt.virDomainDestroy(_handle), nameof(Interop.Libvirt.virDomainDestroy));

    public void Reboot() => Check(Interop.Libvirt.virDomainReboot(_handle, 0), nameof(Interop.Libvirt.virDomainReboot));

    public void Reset() => Check(Interop.Libvirt.virDomainReset(_handle, 0), nameof(Interop.Libvirt.virDomainReset));

    public void Suspend() => Check(Interop.Libvirt.virDomainSuspend(_handle), nameof(Interop.Libvirt.virDomainSuspend));

    public void Resume() => Check(Interop.Libvirt.virDomainResume(_handle), nameof(Interop.Libvirt.virDomainResume));

    // NVRAM, TPM and checkpoint flags are only passed when the domain has such state: drivers
    // without that support (the test driver, for one) reject the flags outright.
    public void Undefine(bool removeNvram = true, bool removeSnapshotMetadata = true, bool keepNothing = true)
    {
        XElement? os = null;
        bool hasTpmState = false;
        if (removeNvram || keepNothing)
        {
            XElement root = XDocument.Parse(GetXmlDesc(inactive: true)).Root!;
            os = root.Element("os");
            hasTpmState = root.Element("devices")?.Elements("tpm").Any(t => (string?)t.Element("backend")?.Attribute("type") == "emulator") == true;
        }

        bool hasNvram = os?.Element("nvram") is not null || (string?)os?.Attribute("firmware") == "efi";
        uint flags = 0;
        if (hasNvram)
        {
            flags |= removeNvram ? Interop.Libvirt.VIR_DOMAIN_UNDEFINE_NVRAM : Interop.Libvirt.VIR_DOMAIN_UNDEFINE_KEEP_NVRAM;
        }

        if (removeSnapshotMetadata)
        {
            flags |= Interop.Libvirt.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA;
            if (HasCheckpoints())
            {
                flags |= Interop.Libvirt.VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA;
            }
        }

        if (keepNothing)
        {
            flags |= Interop.Libvirt.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE;
            if (hasTpmState)
            {
                flags |= Interop.Libvirt.VIR_DOMAIN_UNDEFINE_TPM;
            }
        }

        Check(Interop.Libvirt.virDomainUndefineFlags(_handle, flags), nameof(Interop.Libvirt.virDomainUndefineFlags));
    }

    public bool GetAutostart()
    {
        Check(Interop.Libvirt.virDomainGetAutostart(_handle, out int autostart), nameof(Interop.Libvirt.virDomainGetAutostart));
        return autostart != 0;
    }

    public void SetAutostart(bool on) =>
        Check(Interop.Libvirt.virDomainSetAutostart(_handle, on ? 1 : 0), nameof(Interop.Libvirt.virDomainSetAutostart));

    public (DomainState State, int Reason) GetState()
    {
        Check(Interop.Libvirt.virDomainGetState(_handle, out int state, out int reason, 0), nameof(Interop.Libvirt.virDomainGetState));
        return ((DomainState)state, reason);
    }

    public static string ReasonName(DomainState state, int reason) => StateReasonNames.Name(state, reason);

    public bool IsPersistent() => CheckBool(Interop.Libvirt.virDomainIsPersistent(_handle), nameof(Interop.Libvirt.virDomainIsPersistent));

    public bool IsActive() => CheckBool(Interop.Libvirt.virDomainIsActive(_handle), nameof(Interop.Libvirt.virDomainIsActive));

    public DomainInfo GetInfo()
    {
        Check(Interop.Libvirt.virDomainGetInfo(_handle, out Interop.Libvirt.virDomainInfo info), nameof(Interop.Libvirt.virDomainGetInfo));
        return new DomainInfo(
            (DomainState)info.state,
            checked((long)info.maxMem.Value),
            checked((long)info.memory.Value),
            info.nrVirtCpu,
            info.cpuTime);
    }

    public void Dispose() => _handle.Dispose();

    private bool HasCheckpoints()
    {
        int count = Interop.Libvirt.virDomainListAllCheckpoints(_handle, IntPtr.Zero, 0);
        if (count < 0)
        {
            // A driver without checkpoint support cannot have checkpoint metadata to remove.
            Interop.Libvirt.virResetLastError();
            return false;
        }

        return count > 0;
    }

    private static void Check(int result, string function)
    {
        if (result < 0)
        {
            throw LibvirtException.FromLastError(function);
        }
    }

    private static bool CheckBool(int result, string function)
    {
        Check(result, function);
        return result == 1;
    }
}
