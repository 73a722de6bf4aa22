using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using WebVirt.Web.Configuration;

namespace WebVirt.Web.Agents;

/// <summary>
/// The one list of agents this console talks to: those of its configuration (the local host, set by the installer)
/// and those enrolled from the Hosts page. Everything that reaches an agent finds its address, token and pinned
/// certificate here.
/// </summary>
public sealed class AgentDirectory
{
    private readonly ImmutableArray<AgentOptions> _configured;
    private ImmutableArray<AgentOptions> _enrolled = [];

    public AgentDirectory(IOptions<WebVirtOptions> options)
    {
        _configured = [.. options.Value.Agents
            .Where(agent => !string.IsNullOrWhiteSpace(agent.HostId))
            .DistinctBy(agent => agent.HostId, StringComparer.Ordinal)];
    }

    /// <summary>Raised after an agent was enrolled (or enrolled again, with a new address, token or certificate).</summary>
    public event Action<AgentOptions>? Added;

    /// <summary>Raised after an enrolled agent was removed; its host id.</summary>
    public event Action<string>? Removed;

    public IReadOnlyList<AgentOptions> Configured => _configured;

    public IReadOnlyList<AgentOptions> All => [.. _configured, .. _enrolled];

    public bool IsConfigured(string hostId) => _configured.Any(agent => agent.HostId == hostId);

    public bool IsEnrolled(string hostId) => _enrolled.Any(agent => agent.HostId == hostId);

    public AgentOptions? Find(string hostId) => All.FirstOrDefault(agent => string.Equals(agent.HostId, hostId, StringComparison.Ordinal));

    /// <summary>The agent whose URL has the scheme, host and port of <paramref name="uri"/>.</summary>
    public AgentOptions? FindByUri(Uri uri) => All.FirstOrDefault(agent =>
        Uri.TryCreate(agent.Url, UriKind.Absolute, out var url)
        && string.Equals(url.Host, uri.Host, StringComparison.OrdinalIgnoreCase)
        && url.Port == uri.Port
        && (url.Scheme == uri.Scheme || (url.Scheme, uri.Scheme) is ("https", "wss") or ("http", "ws")));

    /// <summary>The enrolled agents as the database has them, at start; configured ones win a clash of host ids.</summary>
    internal void Load(IEnumerable<AgentOptions> enrolled)
    {
        foreach (var agent in enrolled.Where(agent => !IsConfigured(agent.HostId)))
        {
            Add(agent);
        }
    }

    internal void Add(AgentOptions agent)
    {
        ImmutableInterlocked.Update(ref _enrolled, list => list.RemoveAll(a => a.HostId == agent.HostId).Add(agent));
        Added?.Invoke(agent);
    }

    internal bool Remove(string hostId)
    {
        var removed = false;
        ImmutableInterlocked.Update(ref _enrolled, list =>
        {
            var left = list.RemoveAll(a => a.HostId == hostId);
            removed = left.Length != list.Length;
            return left;
        });
        if (removed)
        {
            Removed?.Invoke(hostId);
        }

        return removed;
    }
}
