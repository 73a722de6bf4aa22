using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Relay;

/// <summary>The outcome of looking up a guest's VNC display: a target, or a close code and reason.</summary>
public sealed record VncLookupResult(VncTarget? Target, bool Running, int CloseCode, string? Problem)
{
    public VncConsoleInfo ToInfo() => new(Running, Target is not null, Target?.Password, Problem);
}

/// <summary>Finds a guest's VNC display from its live XML, read with the secure flag for the password.</summary>
public sealed class VncLookup(LibvirtSession session)
{
    public async Task<VncLookupResult> FindAsync(string uuid, CancellationToken cancellationToken)
    {
        if (!UuidRules.IsValid(uuid))
        {
            return new(null, false, ConsoleRelay.CloseNoSuchGuest, "Not a guest UUID.");
        }

        try
        {
            return await session.RunAsync(connection =>
            {
                using var domain = connection.LookupDomainByUuid(uuid);
                if (!domain.IsActive())
                {
                    return new VncLookupResult(null, false, ConsoleRelay.CloseGuestNotRunning, "The guest is not running.");
                }

                var (target, problem) = VncTargetReader.Read(domain.GetXmlDesc(secure: true));
                return new VncLookupResult(target, true, target is null ? ConsoleRelay.CloseNoVnc : 0, problem);
            }, cancellationToken);
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
        {
            return new(null, false, ConsoleRelay.CloseNoSuchGuest, "No such guest.");
        }
        catch (LibvirtUnavailableException ex)
        {
            return new(null, false, ConsoleRelay.CloseAgentUnavailable, ex.Message);
        }
    }
}
