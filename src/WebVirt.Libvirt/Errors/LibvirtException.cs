namespace WebVirt.Libvirt;

public sealed class LibvirtException : Exception
{
    public LibvirtException(int code, int errorDomain, string message)
        : base(message)
    {
        Code = code;
        ErrorDomain = errorDomain;
        CodeName = LibvirtErrorNames.CodeName(code);
        ErrorDomainName = LibvirtErrorNames.DomainName(errorDomain);
    }

    public int Code { get; }

    public string CodeName { get; }

    public int ErrorDomain { get; }

    public string ErrorDomainName { get; }

    // Must run on the thread that made the failing call, before any other libvirt call: the
    // error is thread-local and the next call overwrites it.
    internal static unsafe LibvirtException FromLastError(string function)
    {
        Interop.Libvirt.virError* error = Interop.Libvirt.virGetLastError();
        if (error == null)
        {
            return new LibvirtException(0, 0, $"{function} failed without a libvirt error");
        }

        string message = Interop.Libvirt.BorrowString(error->message) ?? $"{function} failed";
        var exception = new LibvirtException(error->code, error->domain, message);
        Interop.Libvirt.virResetLastError();
        return exception;
    }
}
