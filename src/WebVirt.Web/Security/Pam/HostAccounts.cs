using System.Runtime.InteropServices;

namespace WebVirt.Web.Security.Pam;

/// <summary>
/// The host's groups of a user (primary and supplementary) through glibc, so every NSS source
/// counts (files, LDAP, sssd) as it does for a login on the console.
/// </summary>
public static class HostAccounts
{
    private const int StartBufferLength = 16 * 1024;
    private const int MaxBufferLength = 1024 * 1024;

    /// <summary>The names of the user's groups, or null when the host knows no such user.</summary>
    public static IReadOnlyList<string>? GroupsOf(string userName)
    {
        if (PrimaryGroup(userName) is not { } primary)
        {
            return null;
        }

        return GroupIds(userName, primary)
            .Select(GroupName)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static unsafe uint? PrimaryGroup(string userName)
    {
        for (var length = StartBufferLength; length <= MaxBufferLength; length *= 2)
        {
            var buffer = new byte[length];
            Interop.Libc.Passwd passwd;
            Interop.Libc.Passwd* result;
            int error;
            fixed (byte* bytes = buffer)
            {
                error = Interop.Libc.getpwnam_r(userName, &passwd, bytes, (nuint)length, &result);
            }

            if (error == Interop.Libc.ERANGE)
            {
                continue;
            }

            return error == 0 && result != null ? passwd.GroupId : null;
        }

        return null;
    }

    private static unsafe uint[] GroupIds(string userName, uint primary)
    {
        // NGROUPS_MAX on Linux is 65536; a list longer than that is not a real answer.
        for (var count = 64; count <= 65536;)
        {
            var groups = new uint[count];
            int found = count;
            int answer;
            fixed (uint* ids = groups)
            {
                answer = Interop.Libc.getgrouplist(userName, primary, ids, &found);
            }

            if (answer >= 0)
            {
                return groups[..found];
            }

            // glibc reports the count it needs; grow to it (at least double, in case groups were added meanwhile).
            count = Math.Max(found, count * 2);
        }

        return [primary];
    }

    private static unsafe string? GroupName(uint groupId)
    {
        for (var length = StartBufferLength; length <= MaxBufferLength; length *= 2)
        {
            var buffer = new byte[length];
            Interop.Libc.GroupEntry group;
            Interop.Libc.GroupEntry* result;
            int error;
            fixed (byte* bytes = buffer)
            {
                error = Interop.Libc.getgrgid_r(groupId, &group, bytes, (nuint)length, &result);
                if (error == 0 && result != null)
                {
                    return Marshal.PtrToStringUTF8((IntPtr)group.Name);
                }
            }

            if (error != Interop.Libc.ERANGE)
            {
                return null;
            }
        }

        return null;
    }
}
