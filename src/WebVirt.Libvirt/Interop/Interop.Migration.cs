using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        // virTypedParameter names of virDomainMigrate3/virDomainMigrateToURI3 (VIR_MIGRATE_PARAM_*).
        internal const string VIR_MIGRATE_PARAM_URI = "migrate_uri";
        internal const string VIR_MIGRATE_PARAM_DEST_NAME = "destination_name";
        internal const string VIR_MIGRATE_PARAM_DEST_XML = "destination_xml";
        internal const string VIR_MIGRATE_PARAM_PERSIST_XML = "persistent_xml";
        internal const string VIR_MIGRATE_PARAM_BANDWIDTH = "bandwidth";
        internal const string VIR_MIGRATE_PARAM_LISTEN_ADDRESS = "listen_address";
        internal const string VIR_MIGRATE_PARAM_MIGRATE_DISKS = "migrate_disks";
        internal const string VIR_MIGRATE_PARAM_DISKS_PORT = "disks_port";

        internal const uint VIR_DOMAIN_JOB_STATS_COMPLETED = 1;
        internal const uint VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED = 2;

        internal const uint VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE = 1;
        internal const uint VIR_CONNECT_COMPARE_CPU_VALIDATE_XML = 2;

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int virDomainMigrateToURI3(
            SafeDomainHandle domain, string dconnuri, virTypedParameter* @params, uint nparams, uint flags);

        // The domain on dconn, owned by the caller.
        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr virDomainMigrate3(
            SafeDomainHandle domain, SafeConnectHandle dconn, virTypedParameter* @params, uint nparams, uint flags);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virDomainGetJobStats(
            SafeDomainHandle domain, out int type, virTypedParameter** @params, out int nparams, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainAbortJob(SafeDomainHandle domain);

        // MiB/s; unsigned long in C.
        [LibraryImport(LibraryName)]
        internal static partial int virDomainMigrateSetMaxSpeed(SafeDomainHandle domain, CULong bandwidth, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainMigrateGetMaxSpeed(SafeDomainHandle domain, out CULong bandwidth, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int virConnectCompareHypervisorCPU(
            SafeConnectHandle conn, string? emulator, string? arch, string? machine, string? virttype, string xmlCPU, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int virConnectCompareCPU(SafeConnectHandle conn, string xmlDesc, uint flags);

        // The virTypedParamsAdd* functions grow a malloc'd array (params, nparams, maxparams) and copy
        // the name and string values; virTypedParamsFree frees the strings and the array.
        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int virTypedParamsAddString(
            virTypedParameter** @params, int* nparams, int* maxparams, string name, string value);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int virTypedParamsAddULLong(
            virTypedParameter** @params, int* nparams, int* maxparams, string name, ulong value);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int virTypedParamsAddInt(
            virTypedParameter** @params, int* nparams, int* maxparams, string name, int value);

        [LibraryImport(LibraryName)]
        internal static unsafe partial void virTypedParamsFree(virTypedParameter* @params, int nparams);
    }
}
