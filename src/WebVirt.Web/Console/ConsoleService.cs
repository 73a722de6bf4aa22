using Microsoft.AspNetCore.Components.Authorization;

namespace WebVirt.Web.Console;

/// <summary>
/// Prepares one connection of the console page: asks the agent whether the guest's screen can be
/// shown and issues a fresh ticket for it. Runs in the circuit, so the VNC password goes to the
/// page's script through interop and is never rendered into the page.
/// </summary>
public sealed class ConsoleService(AuthenticationStateProvider authentication, ConsoleTicketService tickets, AgentRelayClient agents)
{
    public async Task<ConsolePreparation> PrepareVncAsync(string hostId, string uuid, CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (!await tickets.MayOpenAsync(user, hostId, uuid))
        {
            // Asked before the agent: whether a guest the user may not open runs, or exists, is not told.
            return new(ConsoleReadiness.Forbidden);
        }

        if (!agents.IsKnownHost(hostId))
        {
            return new(ConsoleReadiness.UnknownGuest);
        }

        Contracts.VncConsoleInfo? info;
        try
        {
            info = await agents.GetVncInfoAsync(hostId, uuid, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return new(ConsoleReadiness.AgentUnavailable, Problem: ex.Message);
        }

        if (info is null)
        {
            return new(ConsoleReadiness.UnknownGuest);
        }

        if (!info.Running)
        {
            return new(ConsoleReadiness.GuestStopped, Problem: info.Problem);
        }

        if (!info.HasVnc)
        {
            return new(ConsoleReadiness.NoVnc, Problem: info.Problem);
        }

        var ticket = await tickets.IssueAsync(user, hostId, uuid, ConsoleEndpoints.Vnc);
        if (ticket is null)
        {
            return new(ConsoleReadiness.Forbidden);
        }

        return new(ConsoleReadiness.Ready, ConsoleEndpoints.VncPath(hostId, uuid) + "?ticket=" + ticket, info.Password);
    }

    /// <summary>A ticketed path to the serial console; whether the guest has one, the agent's close code tells.</summary>
    public async Task<ConsolePreparation> PrepareSerialAsync(string hostId, string uuid)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (!await tickets.MayOpenAsync(user, hostId, uuid))
        {
            // Asked before the agent: whether a guest the user may not open runs, or exists, is not told.
            return new(ConsoleReadiness.Forbidden);
        }

        if (!agents.IsKnownHost(hostId))
        {
            return new(ConsoleReadiness.UnknownGuest);
        }

        var ticket = await tickets.IssueAsync(user, hostId, uuid, ConsoleEndpoints.Serial);
        return ticket is null
            ? new(ConsoleReadiness.Forbidden)
            : new(ConsoleReadiness.Ready, ConsoleEndpoints.SerialPath(hostId, uuid) + "?ticket=" + ticket);
    }
}
