using System.Globalization;
using System.Text;
using WebVirt.Testing;

namespace WebVirt.Bench;

/// <summary>
/// One libvirt test-driver file per agent (test:///&lt;file&gt;), each with its own guests: every fourth one
/// running, the others shut off (the driver's &lt;test:runstate&gt;). Names sort by agent and then by number,
/// so the dashboard's first row is the first agent's first guest. The files are removed on dispose.
/// With a VNC port, that first guest's display is 127.0.0.1:port (a real QEMU's, for a console page).
/// </summary>
internal sealed class ScaleHostFiles : IDisposable
{
    private const int ShutOff = 5;

    private readonly List<string> _files = [];

    public ScaleHostFiles(int agents, int guestsPerAgent, int? firstGuestVncPort = null)
    {
        try
        {
            for (var agent = 0; agent < agents; agent++)
            {
                var file = Path.Combine(Path.GetTempPath(), $"{TestRun.Prefix}scale-{agent:D2}.xml");
                var xml = new StringBuilder("<node>\n");
                for (var i = 0; i < guestsPerAgent; i++)
                {
                    var name = Name(agent, i);
                    var uuid = Guid.NewGuid().ToString();
                    var devices = "";
                    if (agent == 0 && i == 0)
                    {
                        FirstGuestUuid = uuid;
                        devices = firstGuestVncPort is { } port ? string.Create(CultureInfo.InvariantCulture, $"<devices><graphics type='vnc' port='{port}' autoport='no' listen='127.0.0.1'/></devices>") : "";
                    }

                    xml.Append(CultureInfo.InvariantCulture, $"""
                        <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
                          <name>{name}</name><uuid>{uuid}</uuid><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type>hvm</type></os>{devices}
                          {(Running(i) ? "" : $"<test:runstate>{ShutOff}</test:runstate>")}
                        </domain>

                        """);
                }

                File.WriteAllText(file, xml.Append("</node>\n").ToString());
                _files.Add(file);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<string> Files => _files;

    /// <summary>The first agent's first guest: running, and the dashboard's first row.</summary>
    public string FirstGuestUuid { get; } = "";

    public static string Name(int agent, int index) => TestRun.GuestName($"s{agent:D2}-{index:D4}");

    public static bool Running(int index) => index % 4 == 0;

    public void Dispose()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }

        _files.Clear();
    }
}
