namespace WebVirt.Web.Security.Rights;

/// <summary>The hosts this console is configured for, so a grant cannot name a host it does not know.</summary>
public interface IKnownHosts
{
    bool IsConfigured(string hostId);
}
