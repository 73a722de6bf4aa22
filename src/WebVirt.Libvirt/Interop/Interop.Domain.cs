using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        [StructLayout(LayoutKind.Sequential)]
        internal struct virDomainInfo
        {
            public byte state;
            public CULong maxMem;
            public CULong memory;
            public ushort nrVirtCpu;
            public ulong cpuTime;
        }

        internal const uint VIR_DOMAIN_XML_SECURE = 1;
        internal const uint VIR_DOMAIN_XML_INACTIVE = 2;
        internal const uint VIR_DOMAIN_XML_MIGRATABLE = 8;

        internal const uint VIR_DOMAIN_UNDEFINE_MANAGED_SAVE = 1;
        internal const uint VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA = 2;
        internal const uint VIR_DOMAIN_UNDEFINE_NVRAM = 4;
        internal const uint VIR_DOMAIN_UNDEFINE_KEEP_NVRAM = 8;
        internal const uint VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA = 16;
        internal const uint VIR_DOMAIN_UNDEFINE_KEEP_TPM = 32;
        internal const uint VIR_DOMAIN_UNDEFINE_TPM = 64;

        [LibraryImport(LibraryName)]
        internal static partial int virDomainFree(IntPtr domain);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virConnectListAllDomains(SafeConnectHandle conn, IntPtr** domains, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virDomainLookupByUUIDString(SafeConnectHandle conn, string uuid);

        // Raw-connection overload for callers that keep the connection alive through a child handle.
        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virDomainLookupByUUIDString(IntPtr conn, string uuid);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virDomainLookupByName(SafeConnectHandle conn, string name);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virDomainCreateXML(SafeConnectHandle conn, string xml, uint flags);

        // Borrowed: valid as long as the domain object lives.
        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virDomainGetName(IntPtr domain);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virDomainGetUUIDString(IntPtr domain, byte* buf);

        [LibraryImport(LibraryName)]
        internal static partial uint virDomainGetID(IntPtr domain);

        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virDomainGetXMLDesc(SafeDomainHandle domain, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainCreate(SafeDomainHandle domain);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainShutdown(SafeDomainHandle domain);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainDestroy(SafeDomainHandle domain);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainReboot(SafeDomainHandle domain, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainReset(SafeDomainHandle domain, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainSuspend(SafeDomainHandle domain);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainResume(SafeDomainHandle domain);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainUndefineFlags(SafeDomainHandle domain, uint flags);

        // With checkpoints == NULL only the count is returned.
        [LibraryImport(LibraryName)]
        internal static partial int virDomainListAllCheckpoints(SafeDomainHandle domain, IntPtr checkpoints, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainGetAutostart(SafeDomainHandle domain, out int autostart);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainSetAutostart(SafeDomainHandle domain, int autostart);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainGetState(SafeDomainHandle domain, out int state, out int reason, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainIsPersistent(SafeDomainHandle domain);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainIsActive(SafeDomainHandle domain);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainGetInfo(SafeDomainHandle domain, out virDomainInfo info);
    }
}
