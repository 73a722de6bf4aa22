using System.Collections.Concurrent;

namespace WebVirt.Web.Security.Sessions;

/// <summary>
/// The open Blazor circuits of each session, so ending a session reaches its circuits at once
/// instead of at their next periodic re-check.
/// </summary>
public sealed class SessionCircuits
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Registration, byte>> _bySession = new(StringComparer.Ordinal);

    public int Count(string sessionKey) => _bySession.TryGetValue(sessionKey, out var circuits) ? circuits.Count : 0;

    /// <summary>Calls <paramref name="onEnded"/> when the session ends; dispose to stop listening.</summary>
    public IDisposable Register(string sessionKey, Action onEnded)
    {
        var registration = new Registration(this, sessionKey, onEnded);
        _bySession.GetOrAdd(sessionKey, _ => new ConcurrentDictionary<Registration, byte>())[registration] = 0;
        return registration;
    }

    public void Revoke(string sessionKey)
    {
        if (_bySession.TryRemove(sessionKey, out var circuits))
        {
            foreach (var registration in circuits.Keys)
            {
                registration.OnEnded();
            }
        }
    }

    private void Remove(Registration registration)
    {
        if (_bySession.TryGetValue(registration.SessionKey, out var circuits))
        {
            circuits.TryRemove(registration, out _);
            if (circuits.IsEmpty)
            {
                _bySession.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Registration, byte>>(registration.SessionKey, circuits));
            }
        }
    }

    private sealed class Registration(SessionCircuits owner, string sessionKey, Action onEnded) : IDisposable
    {
        public string SessionKey { get; } = sessionKey;

        public Action OnEnded { get; } = onEnded;

        public void Dispose() => owner.Remove(this);
    }
}
