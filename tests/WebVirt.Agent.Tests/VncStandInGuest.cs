using Microsoft.Extensions.DependencyInjection;
using WebVirt.Agent.Session;

namespace WebVirt.Agent.Tests;

/// <summary>
/// A guest on the agent's test:///default whose VNC display is a port of the test's (a TcpListener standing in for
/// QEMU's VNC server), for the console relay and hand-off tests.
/// </summary>
internal static class VncStandInGuest
{
    /// <summary>Waits for the agent's libvirt session, defines the guest (shut off) and returns its UUID.</summary>
    public static async Task<string> DefineAsync(AgentFactory agent, string name, int vncPort, string? password = null)
    {
        var session = agent.Services.GetRequiredService<LibvirtSession>();
        while (!session.IsConnected)
        {
            await Task.Delay(50);
        }

        var passwd = password is null ? "" : $" passwd='{password}'";
        return await session.RunAsync(c =>
        {
            using var domain = c.DefineDomainXml($"""
                <domain type='test'><name>{name}</name><memory unit='MiB'>64</memory><os><type>hvm</type></os>
                <devices><graphics type='vnc' port='{vncPort}' autoport='no' listen='127.0.0.1'{passwd}/></devices></domain>
                """);
            return domain.Uuid;
        });
    }

    public static Task StartAsync(AgentFactory agent, string uuid) =>
        agent.Services.GetRequiredService<LibvirtSession>().RunAsync(c =>
        {
            using var domain = c.LookupDomainByUuid(uuid);
            domain.Create();
        });

    /// <summary>Stops and undefines the guest, then stops the agent, also when the first part fails.</summary>
    public static async Task RemoveWithAgentAsync(AgentFactory agent, string uuid)
    {
        try
        {
            await agent.Services.GetRequiredService<LibvirtSession>().RunAsync(c =>
            {
                using var domain = c.LookupDomainByUuid(uuid);
                if (domain.IsActive())
                {
                    domain.Destroy();
                }

                domain.Undefine();
            });
        }
        finally
        {
            await agent.DisposeAsync();
        }
    }
}
