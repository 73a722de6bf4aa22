using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebVirt.Contracts;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>
/// A real SignalR server on loopback that speaks the agent's hub contract from memory, so the
/// console's connection code is tested over the wire without libvirt.
/// </summary>
public sealed class FakeAgent : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private FakeAgent(WebApplication app, FakeAgentState state)
    {
        _app = app;
        State = state;
    }

    public FakeAgentState State { get; }

    public string Url => _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

    public IHubContext<FakeAgentHub, IAgentClient> Hub => _app.Services.GetRequiredService<IHubContext<FakeAgentHub, IAgentClient>>();

    public static Task<FakeAgent> StartAsync(FakeAgentState state) => StartAsync(state, "http://127.0.0.1:0");

    public static async Task<FakeAgent> StartAsync(FakeAgentState state, string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.Services.AddSignalR();
        builder.Services.AddSingleton(state);
        // Stopping stands for an agent going away: open SignalR connections are cut after a moment,
        // not after the host's default 30 s of graceful shutdown.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(1));
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            // The browser-style transports put the token in the query string; others in the header.
            var token = context.Request.Query["access_token"].ToString();
            if (string.IsNullOrEmpty(token) && context.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                token = header["Bearer ".Length..];
            }

            if (token != state.Token)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next();
        });
        app.MapHub<FakeAgentHub>(IAgentHub.AgentHubPath);
        await app.StartAsync();
        return new FakeAgent(app, state);
    }

    public async ValueTask DisposeAsync()
    {
        // A test may stop the agent early to see it go away; the harness disposes it again at the end.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed partial class FakeAgentState(HostInfo host, IEnumerable<GuestInfo> guests, string token)
{
    public string Token { get; } = token;

    public HostInfo Host { get; set; } = host;

    public ConcurrentDictionary<string, GuestInfo> Guests { get; } = new(guests.Select(guest => KeyValuePair.Create(guest.Uuid, guest)));

    public ConcurrentQueue<(string Uuid, GuestAction Action)> Acts { get; } = new();

    public ActionResult NextResult { get; set; } = ActionResult.Success;

    /// <summary>When set, Act throws this as a hub error, to stand for an agent method that fails.</summary>
    public string? ActThrows { get; set; }

    /// <summary>How long Act takes to answer, to stand for a host that hangs.</summary>
    public TimeSpan ActDelay { get; set; } = TimeSpan.Zero;

    /// <summary>When set, the next Act drops the console's connection instead of answering, as an agent killed mid-call.</summary>
    public bool ActCutsOff { get; set; }
}

public sealed partial class FakeAgentHub(FakeAgentState state) : Hub<IAgentClient>, IAgentHub
{
    public Task<HostInfo> GetHost() => Task.FromResult(state.Host);

    public Task<IReadOnlyList<GuestInfo>> GetGuests() => Task.FromResult<IReadOnlyList<GuestInfo>>(state.Guests.Values.ToList());

    public async Task<ActionResult> Act(string uuid, GuestAction action)
    {
        state.Acts.Enqueue((uuid, action));
        if (state.ActCutsOff)
        {
            state.ActCutsOff = false;
            await CutOffAsync();
        }

        if (state.ActThrows is { } failure)
        {
            throw new HubException(failure);
        }

        if (state.ActDelay > TimeSpan.Zero)
        {
            await Task.Delay(state.ActDelay, Context.ConnectionAborted);
        }

        return state.NextResult;
    }

    // The connection ends under the call without a close handshake or an answer, as when the agent's process
    // dies: the HTTP connection is dropped (the hub's own Abort would close the WebSocket properly).
    private async Task CutOffAsync()
    {
        Context.GetHttpContext()!.Abort();
        await Task.Delay(Timeout.Infinite, Context.ConnectionAborted);
    }

    public Task<ActionResult> SetUseEmulation(bool useEmulation)
    {
        state.Host = state.Host with { UseEmulation = useEmulation };
        return Task.FromResult(ActionResult.Success);
    }
}
