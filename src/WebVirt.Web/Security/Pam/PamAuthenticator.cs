using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace WebVirt.Web.Security.Pam;

/// <summary>
/// Checks a host account's password with the host's PAM stack (service <see cref="PamOptions.Service"/>):
/// pam_authenticate, then pam_acct_mgmt so expired or locked accounts are refused too.
/// </summary>
public sealed partial class PamAuthenticator(IOptionsMonitor<PamOptions> options, ILogger<PamAuthenticator> logger)
{
    /// <summary>True when the password is right and the account may log in now.</summary>
    public Task<bool> AuthenticateAsync(string userName, string password, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        var service = options.CurrentValue.Service;
        // PAM modules block (pam_unix sleeps ~2 s after a wrong password): never on a request thread.
        return Task.Run(() => Authenticate(service, userName, password, remoteAddress), cancellationToken);
    }

    private unsafe bool Authenticate(string service, string userName, string password, string? remoteAddress)
    {
        var state = new ConversationState(Encoding.UTF8.GetBytes(password));
        var stateHandle = GCHandle.Alloc(state);
        var handle = IntPtr.Zero;
        var status = Interop.Pam.PAM_SUCCESS;
        try
        {
            var conversation = new Interop.Pam.PamConversation
            {
                Conversation = &Converse,
                AppData = GCHandle.ToIntPtr(stateHandle),
            };
            status = Interop.Pam.pam_start(service, userName, &conversation, &handle);
            if (status != Interop.Pam.PAM_SUCCESS)
            {
                PamFailed(logger, "pam_start", service, userName, Describe(handle, status));
                return false;
            }

            if (!string.IsNullOrEmpty(remoteAddress))
            {
                // Modules such as pam_faillock and the host's auth log see where the login came from.
                _ = Interop.Pam.pam_set_item(handle, Interop.Pam.PAM_RHOST, remoteAddress);
            }

            status = Interop.Pam.pam_authenticate(handle, Interop.Pam.PAM_DISALLOW_NULL_AUTHTOK);
            if (status != Interop.Pam.PAM_SUCCESS)
            {
                PamRefused(logger, "pam_authenticate", service, userName, Describe(handle, status));
                return false;
            }

            status = Interop.Pam.pam_acct_mgmt(handle, Interop.Pam.PAM_DISALLOW_NULL_AUTHTOK);
            if (status != Interop.Pam.PAM_SUCCESS)
            {
                PamRefused(logger, "pam_acct_mgmt", service, userName, Describe(handle, status));
                return false;
            }

            return true;
        }
        catch (DllNotFoundException ex)
        {
            PamMissing(logger, ex, Interop.Pam.LibraryName);
            return false;
        }
        finally
        {
            if (handle != IntPtr.Zero)
            {
                _ = Interop.Pam.pam_end(handle, status);
            }

            stateHandle.Free();
            CryptographicOperations.ZeroMemory(state.Password);
        }
    }

    private static string Describe(IntPtr handle, int status) =>
        Marshal.PtrToStringUTF8(Interop.Pam.pam_strerror(handle, status)) ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// PAM's conversation: the password answers the first hidden prompt; anything else that
    /// asks (a second secret, a visible question) cannot be answered by a login form, so it fails.
    /// </summary>
    [UnmanagedCallersOnly]
    private static unsafe int Converse(int count, Interop.Pam.PamMessage** messages, Interop.Pam.PamResponse** responses, IntPtr appData)
    {
        if (count <= 0 || messages == null || responses == null)
        {
            return Interop.Pam.PAM_CONV_ERR;
        }

        var state = (ConversationState)GCHandle.FromIntPtr(appData).Target!;
        var answers = (Interop.Pam.PamResponse*)NativeMemory.AllocZeroed((nuint)count, (nuint)sizeof(Interop.Pam.PamResponse));
        for (var i = 0; i < count; i++)
        {
            var style = messages[i]->MessageStyle;
            if (style == Interop.Pam.PAM_PROMPT_ECHO_OFF && !state.Answered)
            {
                answers[i].Response = CopyToMalloc(state.Password);
                state.Answered = true;
            }
            else if (style is not (Interop.Pam.PAM_ERROR_MSG or Interop.Pam.PAM_TEXT_INFO))
            {
                FreeAnswers(answers, count);
                return Interop.Pam.PAM_CONV_ERR;
            }
        }

        *responses = answers;
        return Interop.Pam.PAM_SUCCESS;
    }

    private static unsafe byte* CopyToMalloc(byte[] value)
    {
        var copy = (byte*)NativeMemory.Alloc((nuint)value.Length + 1);
        value.AsSpan().CopyTo(new Span<byte>(copy, value.Length));
        copy[value.Length] = 0;
        return copy;
    }

    private static unsafe void FreeAnswers(Interop.Pam.PamResponse* answers, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (answers[i].Response != null)
            {
                var length = new ReadOnlySpan<byte>(answers[i].Response, int.MaxValue).IndexOf((byte)0);
                new Span<byte>(answers[i].Response, length).Clear();
                NativeMemory.Free(answers[i].Response);
            }
        }

        NativeMemory.Free(answers);
    }

    private sealed class ConversationState(byte[] password)
    {
        public byte[] Password { get; } = password;

        public bool Answered { get; set; }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "PAM {Step} failed for service {Service}, user {UserName}: {Reason}")]
    private static partial void PamFailed(ILogger logger, string step, string service, string userName, string reason);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "PAM {Step} refused for service {Service}, user {UserName}: {Reason}")]
    private static partial void PamRefused(ILogger logger, string step, string service, string userName, string reason);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "Host account login is enabled but {Library} cannot be loaded")]
    private static partial void PamMissing(ILogger logger, Exception exception, string library);
}
