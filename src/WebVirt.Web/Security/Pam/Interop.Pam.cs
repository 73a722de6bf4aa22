using System.Runtime.InteropServices;

namespace WebVirt.Web.Security.Pam;

// Entry points keep Linux-PAM's C names (security/pam_appl.h, _pam_types.h).
internal static partial class Interop
{
    internal static partial class Pam
    {
        internal const string LibraryName = "libpam.so.0";

        internal const int PAM_SUCCESS = 0;
        internal const int PAM_BUF_ERR = 5;
        internal const int PAM_CONV_ERR = 19;

        internal const int PAM_RHOST = 4;

        // Refuses an empty password even where the stack says "nullok".
        internal const int PAM_DISALLOW_NULL_AUTHTOK = 0x0001;

        internal const int PAM_PROMPT_ECHO_OFF = 1;
        internal const int PAM_PROMPT_ECHO_ON = 2;
        internal const int PAM_ERROR_MSG = 3;
        internal const int PAM_TEXT_INFO = 4;

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct PamMessage
        {
            public int MessageStyle;
            public byte* Message;
        }

        // PAM frees the array and every answer with free(), so both come from malloc.
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct PamResponse
        {
            public byte* Response;
            public int ReturnCode;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct PamConversation
        {
            public delegate* unmanaged<int, PamMessage**, PamResponse**, IntPtr, int> Conversation;
            public IntPtr AppData;
        }

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int pam_start(string serviceName, string user, PamConversation* conversation, IntPtr* handle);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int pam_set_item(IntPtr handle, int itemType, string item);

        [LibraryImport(LibraryName)]
        internal static partial int pam_authenticate(IntPtr handle, int flags);

        [LibraryImport(LibraryName)]
        internal static partial int pam_acct_mgmt(IntPtr handle, int flags);

        [LibraryImport(LibraryName)]
        internal static partial int pam_end(IntPtr handle, int status);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr pam_strerror(IntPtr handle, int errnum);
    }
}
