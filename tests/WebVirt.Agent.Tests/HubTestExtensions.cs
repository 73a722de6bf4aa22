using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;

namespace WebVirt.Agent.Tests;

/// <summary>Collects an agent's pushes so tests can wait for the one they expect.</summary>
internal sealed class PushRecorder
{
    private readonly Channel<GuestInfo> _guests = Channel.CreateUnbounded<GuestInfo>();
    private readonly Channel<GuestEvent> _events = Channel.CreateUnbounded<GuestEvent>();
    private readonly Channel<HostInfo> _hosts = Channel.CreateUnbounded<HostInfo>();

    public PushRecorder(HubConnection connection)
    {
        connection.On<GuestInfo>(nameof(IAgentClient.GuestChanged), g => _guests.Writer.TryWrite(g));
        connection.On<GuestEvent>(nameof(IAgentClient.GuestEventOccurred), e => _events.Writer.TryWrite(e));
        connection.On<HostInfo>(nameof(IAgentClient.HostChanged), h => _hosts.Writer.TryWrite(h));
    }

    public Task<GuestInfo> WaitForGuestAsync(Func<GuestInfo, bool> match, TimeSpan timeout) => WaitAsync(_guests.Reader, match, timeout);

    public Task<GuestEvent> WaitForEventAsync(Func<GuestEvent, bool> match, TimeSpan timeout) => WaitAsync(_events.Reader, match, timeout);

    public Task<HostInfo> WaitForHostAsync(Func<HostInfo, bool> match, TimeSpan timeout) => WaitAsync(_hosts.Reader, match, timeout);

    private static async Task<T> WaitAsync<T>(ChannelReader<T> reader, Func<T, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var item in reader.ReadAllAsync(cts.Token))
            {
                if (match(item))
                {
                    return item;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException($"No matching {typeof(T).Name} push within {timeout.TotalSeconds} s.");
    }
}

internal static class HubConnectionExtensions
{
    /// <summary>Waits until the agent reports libvirt connected (it connects in the background at start).</summary>
    public static async Task<HostInfo> WaitUntilConnectedAsync(this HubConnection connection, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var host = await connection.InvokeAsync<HostInfo>(nameof(IAgentHub.GetHost));
            if (host.Connected && host.Hostname.Length > 0)
            {
                return host;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The agent did not connect to libvirt: {host.ConnectionError}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits until the agent's inventory lists a guest (and, with <paramref name="until"/>, lists it so):
    /// the agent reports libvirt connected before its first full inventory read has finished, and it
    /// re-reads a guest after libvirt's event, a moment after the change.
    /// </summary>
    public static async Task<GuestInfo> WaitForGuestAsync(this HubConnection connection, string name, TimeSpan timeout, Func<GuestInfo, bool>? until = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var guest = (await connection.GetGuestsAsync()).SingleOrDefault(g => g.Name == name);
            if (guest is not null && (until is null || until(guest)))
            {
                return guest;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The agent's inventory did not list '{name}' as expected; last seen: {guest}.");
            }

            await Task.Delay(100);
        }
    }

    public static Task<ActionResult> ActAsync(this HubConnection connection, string uuid, GuestAction action) =>
        connection.InvokeAsync<ActionResult>(nameof(IAgentHub.Act), uuid, action);

    public static Task<IReadOnlyList<GuestInfo>> GetGuestsAsync(this HubConnection connection) =>
        connection.InvokeAsync<IReadOnlyList<GuestInfo>>(nameof(IAgentHub.GetGuests));
}
