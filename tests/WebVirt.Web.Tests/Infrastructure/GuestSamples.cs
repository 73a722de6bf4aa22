using WebVirt.Contracts;

namespace WebVirt.Web.Tests.Infrastructure;

internal static class GuestSamples
{
    public static GuestInfo Guest(string name, GuestState state, string hostId = "h1", bool autostart = false, double? cpu = null) =>
        new(hostId, Guid.NewGuid().ToString(), name, state, "booted", 2, 2 * 1024 * 1024, 4 * 1024 * 1024, cpu, autostart, true, DateTimeOffset.UtcNow);
}
