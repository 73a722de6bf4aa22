using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Testing;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Enrolment;
using WebVirt.Web.Api;

namespace WebVirt.Api.Tests;

/// <summary>
/// One extra libvirt host ("l") with its agent (migrations taken on 127.0.0.7), enrolled once into the API
/// fixture's console as the Hosts page enrols it, for every live migration test of the class; guests run
/// diskless from the kernel and initrd in a folder of this run on the shared storage, the same path on both
/// hosts. At the end, whether the tests passed or not, the host is removed from the console, the agent and the
/// host (with whatever runs on it) stopped, this run's guests on the system libvirtd and the folder removed.
/// </summary>
public sealed class ApiLiveMigrationFixture : IAsyncLifetime
{
    public const string DestinationHost = "l";

    private readonly SemaphoreSlim _enrolling = new(1, 1);
    private LibvirtHosts? _hosts;
    private EnrollableAgent? _agent;
    private ApiFixture? _api;
    private System.Security.Claims.ClaimsPrincipal? _admin;

    public static string Prefix { get; } = $"{TestRun.Prefix}live-{TestRun.Id[..6]}-";

    public string SharedDirectory { get; } = Path.Combine(LibvirtHosts.SharedDirectory, Prefix + "run");

    /// <summary>The destination's host id once enrolled.</summary>
    public string? Enrolled { get; private set; }

    public async Task InitializeAsync()
    {
        if (LibvirtHosts.SkipReason is not null)
        {
            return;
        }

        _hosts = await LibvirtHosts.StartAsync(DestinationHost);
        Directory.CreateDirectory(SharedDirectory);
        File.SetUnixFileMode(SharedDirectory, (UnixFileMode)0b111_101_101);
        await TestGuestImages.CopyIntoAsync(SharedDirectory, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
        _agent = await EnrollableAgent.StartAsync(
            Prefix + DestinationHost, LibvirtHosts.Uri(DestinationHost), new Dictionary<string, string> { ["MigrationListenAddress"] = "127.0.0.7" });
    }

    /// <summary>Enrols the destination into <paramref name="api"/>'s console (once) as <paramref name="admin"/> and waits until it is connected.</summary>
    public async Task<string> EnrolAsync(ApiFixture api, System.Security.Claims.ClaimsPrincipal admin)
    {
        await _enrolling.WaitAsync();
        try
        {
            if (Enrolled is not null)
            {
                return Enrolled;
            }

            var (code, _) = await _agent!.IssueCodeAsync();
            await using (var scope = api.Factory.Services.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<ApiRequestUser>().User = admin;
                var result = await scope.ServiceProvider.GetRequiredService<HostEnrolmentService>().EnrolAsync(_agent.Address, code, null);
                Assert.True(result.Ok, result.ToString());
            }

            (_api, _admin, Enrolled) = (api, admin, _agent.HostId);
            var agents = api.Factory.Services.GetRequiredService<AgentConnections>();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!agents.Hosts.Any(h => h.HostId == _agent.HostId && h.Link == AgentLinkState.Connected))
            {
                Assert.True(DateTime.UtcNow < deadline, $"The console never connected to {_agent.HostId}.");
                await Task.Delay(200);
            }

            return Enrolled;
        }
        finally
        {
            _enrolling.Release();
        }
    }

    /// <summary>Defines and starts a diskless guest from the shared folder on the system libvirtd; its UUID.</summary>
    public string StartGuest(string name)
    {
        using var a = LibvirtConnection.Open(ApiFixture.LibvirtUri);
        using var domain = a.DefineDomainXml(TestGuestDomainXml.DirectKernelBoot(name, SharedDirectory));
        domain.Create();
        return domain.Uuid;
    }

    public async Task DisposeAsync()
    {
        if (_hosts is null)
        {
            return;
        }

        try
        {
            if (Enrolled is not null && _api is not null && _admin is not null)
            {
                await using var scope = _api.Factory.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<ApiRequestUser>().User = _admin;
                await scope.ServiceProvider.GetRequiredService<HostEnrolmentService>().RemoveAsync(Enrolled);
            }

            if (_agent is not null)
            {
                await _agent.DisposeAsync();
            }

            TestGuestCleaner.RemoveRunGuests(ApiFixture.LibvirtUri, prefix: Prefix);
        }
        finally
        {
            await _hosts.DisposeAsync();
            if (Directory.Exists(SharedDirectory))
            {
                Directory.Delete(SharedDirectory, recursive: true);
            }

            _enrolling.Dispose();
        }
    }
}
