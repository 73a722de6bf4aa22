using System.Xml.Linq;

namespace WebVirt.Agent.HostChecks;

/// <summary>
/// The host CPU's names. libvirt's node info only gives the architecture (x86_64) as its "model",
/// so the processor's own name comes from /proc/cpuinfo and libvirt's CPU model from its capabilities.
/// </summary>
internal sealed class CpuModelReader(HostPaths paths)
{
    /// <summary>The first "model name" line of /proc/cpuinfo (x86), else its "Model" line (Arm boards), else null.</summary>
    public string? ProcessorName()
    {
        if (!File.Exists(paths.CpuInfo))
        {
            return null;
        }

        string? model = null;
        foreach (var line in File.ReadLines(paths.CpuInfo))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            string key = line[..colon].Trim();
            string value = line[(colon + 1)..].Trim();
            if (value.Length == 0)
            {
                continue;
            }

            if (key == "model name")
            {
                return value;
            }

            if (key == "Model")
            {
                model ??= value;
            }
        }

        return model;
    }

    /// <summary>The host CPU model in libvirt's capabilities (&lt;host&gt;&lt;cpu&gt;&lt;model&gt;), or null.</summary>
    public static string? LibvirtModel(string capabilitiesXml)
    {
        try
        {
            return XDocument.Parse(capabilitiesXml).Root?.Element("host")?.Element("cpu")?.Element("model")?.Value is { Length: > 0 } model ? model : null;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }
}
