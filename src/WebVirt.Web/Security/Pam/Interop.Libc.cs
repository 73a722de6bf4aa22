using System.Runtime.InteropServices;

namespace WebVirt.Web.Security.Pam;

// The reentrant user and group look-ups of glibc, so NSS sources (files, LDAP, sssd) all count.
internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const string LibraryName = "libc";

        internal const int ERANGE = 34;

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct Passwd
        {
            public byte* Name;
            public byte* Password;
            public uint UserId;
            public uint GroupId;
            public byte* Gecos;
            public byte* Directory;
            public byte* Shell;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct GroupEntry
        {
            public byte* Name;
            public byte* Password;
            public uint GroupId;
            public byte** Members;
        }

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int getpwnam_r(string name, Passwd* passwd, byte* buffer, nuint bufferLength, Passwd** result);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int getgrgid_r(uint groupId, GroupEntry* group, byte* buffer, nuint bufferLength, GroupEntry** result);

        // Returns -1 and sets *ngroups to the needed count when the array is too small.
        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int getgrouplist(string user, uint group, uint* groups, int* ngroups);
    }
}
